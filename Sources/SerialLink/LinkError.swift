#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a link, typed and explaining itself: what happened, on which port, and what to try.
public struct LinkError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case notFound, permissionDenied, busy, notATerminal, io, closed, disconnected
        case unsupportedBaud, timeout, invalidURL, connectionRefused
    }

    public let kind: Kind
    /// The port path or URL the error is about.
    public let path: String
    /// The OS error number behind it, if any.
    public let errno: Int32?
    /// What happened, in one sentence.
    public let summary: String
    /// What to try.
    public let hint: String

    public init(_ kind: Kind, path: String, errno: Int32? = nil, summary: String, hint: String) {
        self.kind = kind
        self.path = path
        self.errno = errno
        self.summary = summary
        self.hint = hint
    }

    /// One line: what happened, then the hint.
    public var message: String { hint.isEmpty ? summary : "\(summary): \(hint)" }
    public var description: String { message }
}

extension LinkError {
    /// The error for a failed `open` of a port path, chosen by errno.
    static func opening(_ path: String, errno code: Int32) -> LinkError {
        switch code {
        case ENOENT, ENODEV, ENXIO:
            return LinkError(.notFound, path: path, errno: code, summary: "port \(path) does not exist",
                             hint: "check the adapter is plugged in")
        case EACCES, EPERM:
            #if os(Linux)
            let fix = "add yourself to the dialout group (`sudo usermod -aG dialout $USER`, then log in again)"
            #else
            let fix = "check the port's permissions"
            #endif
            return LinkError(.permissionDenied, path: path, errno: code,
                             summary: "no permission to open port \(path)", hint: fix)
        case EBUSY:
            return LinkError(.busy, path: path, errno: code, summary: "port \(path) is busy",
                             hint: "close the other program using it (serial monitor, ModemManager, another flasher)")
        case ENOTTY:
            return notATerminal(path)
        default:
            return io(path, errno: code, doing: "open")
        }
    }

    static func notATerminal(_ path: String) -> LinkError {
        LinkError(.notATerminal, path: path, errno: ENOTTY, summary: "\(path) is not a serial port",
                  hint: "pass the adapter's device, e.g. /dev/ttyUSB0")
    }

    static func io(_ path: String, errno code: Int32, doing action: String) -> LinkError {
        if code == EIO || code == ENXIO || code == ENODEV {
            return disconnected(path, errno: code)
        }
        return LinkError(.io, path: path, errno: code,
                         summary: "\(action) on \(path) failed: \(errorText(code))",
                         hint: "unplug and replug the adapter, then try again")
    }

    static func disconnected(_ path: String, errno code: Int32? = nil) -> LinkError {
        LinkError(.disconnected, path: path, errno: code, summary: "port \(path) went away",
                  hint: "the adapter was unplugged or the other end closed; reconnect and try again")
    }

    static func closed(_ path: String) -> LinkError {
        LinkError(.closed, path: path, summary: "link \(path) is closed", hint: "open it again")
    }

    static func writeTimeout(_ path: String) -> LinkError {
        LinkError(.timeout, path: path, summary: "writing to \(path) did not complete in time",
                  hint: "nothing is reading the other end; check the port and the wiring")
    }

    static func unsupportedBaud(_ path: String, _ baud: Int, errno code: Int32? = nil, actual: Int? = nil) -> LinkError {
        let detail = actual.map { " (it runs at \($0))" } ?? (code.map { ": \(errorText($0))" } ?? "")
        return LinkError(.unsupportedBaud, path: path, errno: code,
                         summary: "port \(path) does not support \(baud) baud\(detail)",
                         hint: "pick another rate with -b (115200, 921600, 1500000)")
    }
}

/// The C library's text for an errno value.
func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
