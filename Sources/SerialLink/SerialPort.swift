import CSerialSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX serial port (USB-UART adapter, or a pty slave) through termios: raw 8N1, any rate, reads with deadlines.
public final class SerialPort: Link, @unchecked Sendable {
    public let path: String
    private let port: Descriptor
    private let lock = NSLock()
    private var currentBaud: Int
    /// How long `write` waits for the driver to take bytes before throwing `.timeout`.
    public let writeTimeout: Duration

    /// Opens `path` (O_RDWR | O_NOCTTY | O_NONBLOCK), exclusive (TIOCEXCL) unless `exclusive` is false,
    /// raw 8N1 at `baudRate`, and drops anything received before.
    public init(path: String, baudRate: Int = 115_200, exclusive: Bool = true,
                writeTimeout: Duration = .seconds(10)) throws {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw LinkError.opening(path, errno: System.errno) }
        guard isatty(fd) == 1 else {
            System.close(fd)
            throw LinkError.notATerminal(path)
        }
        if exclusive, cserial_set_exclusive(fd, 1) != 0, System.errno == EBUSY {
            System.close(fd)
            throw LinkError.opening(path, errno: EBUSY)
        }
        if let code = Termios.makeRaw(fd) {
            System.close(fd)
            throw LinkError.io(path, errno: code, doing: "configuring")
        }
        self.path = path
        self.writeTimeout = writeTimeout
        self.currentBaud = 0
        // Exclusive mode outlives our descriptor while anyone else holds the tty open (a pty slave kept by an
        // emulator): clear it before closing so the next client can open the port.
        port = Descriptor(fd: fd, name: path, beforeRelease: exclusive ? SerialPort.leaveExclusiveMode : nil)
        try setBaudRate(baudRate)
        _ = tcflush(fd, TCIOFLUSH)
    }

    deinit { close() }

    @Sendable private static func leaveExclusiveMode(_ fd: Int32) {
        _ = cserial_set_exclusive(fd, 0)
    }

    public var description: String { path }

    public var baudRate: Int { lock.withLock { currentBaud } }

    public func write(_ bytes: [UInt8]) throws {
        try port.write(bytes, timeout: writeTimeout)
    }

    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        try port.read(upTo: maxCount, timeout: timeout)
    }

    /// Standard rates through termios speed codes, others through TCSETS2/BOTHER (Linux) or IOSSIOSPEED (macOS).
    /// Throws `.unsupportedBaud` when the driver refuses the rate or runs more than 3 % off it.
    public func setBaudRate(_ baud: Int) throws {
        guard baud > 0 else { throw LinkError.unsupportedBaud(path, baud) }
        try port.use { fd in
            if let code = Termios.setSpeed(fd, baud) {
                if code == EINVAL || code == ENOTSUP || code == EOPNOTSUPP {
                    throw LinkError.unsupportedBaud(path, baud, errno: code)
                }
                throw LinkError.io(path, errno: code, doing: "setting \(baud) baud")
            }
            #if os(Linux)
            if let actual = Termios.speed(fd), abs(actual - baud) * 100 > baud * 3 {
                throw LinkError.unsupportedBaud(path, baud, actual: actual)
            }
            #endif
        }
        lock.withLock { currentBaud = baud }
    }

    /// Sets RTS/DTR (TIOCMBIS/TIOCMBIC). Ports without modem lines (ptys, some adapters) answer `false`.
    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool {
        try port.use { fd in
            let level: (Bool?) -> Int32 = { $0.map { $0 ? 1 : 0 } ?? -1 }
            if cserial_set_modem_lines(fd, level(rts), level(dtr)) == 0 { return true }
            let code = System.errno
            if code == ENOTTY || code == EINVAL || code == ENOTSUP || code == EOPNOTSUPP || code == ENOSYS {
                return false
            }
            throw LinkError.io(path, errno: code, doing: "setting RTS/DTR")
        }
    }

    /// RTS/DTR as the driver reports them, nil on ports without modem lines.
    public func modemLines() -> ModemLines? {
        try? port.use { fd -> ModemLines? in
            var rts: Int32 = 0
            var dtr: Int32 = 0
            guard cserial_get_modem_lines(fd, &rts, &dtr) == 0 else { return nil }
            return ModemLines(rts: rts != 0, dtr: dtr != 0)
        } ?? nil
    }

    public func discardInput() throws {
        try port.use { _ = tcflush($0, TCIFLUSH) }
    }

    public func drain() throws {
        try port.use { fd in
            while tcdrain(fd) != 0 {
                let code = System.errno
                if code != EINTR { throw LinkError.io(path, errno: code, doing: "drain") }
            }
        }
    }

    public func close() {
        port.close()
    }
}
