import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Debian's ser2net (v4, YAML configuration) serving one serial device over Telnet with RFC 2217 on 127.0.0.1.
/// The binary comes from $BKTOOL_SER2NET (scripts/check-release.sh installs ser2net and sets it): tests skip without
/// it, and fail when it is set but not runnable.
public final class Ser2net {
    public let port: Int
    private let process: Process
    private let directory: URL

    /// The ser2net binary to use, or nil when this run does not test against ser2net.
    public static let binary: String? = ProcessInfo.processInfo.environment["BKTOOL_SER2NET"]

    /// Starts ser2net for `devicePath` (a pty slave) and waits until it accepts connections.
    /// `telnet(rfc2217)` serves RFC 2217; `raw` gives a plain TCP port (socket://).
    public init(binary: String, devicePath: String, rfc2217: Bool = true) throws {
        port = try Ser2net.freeLoopbackPort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ser2net-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // ser2net.yaml(5): a connection with an accepter (gensio string) and a serialdev connector; `local` ignores
        // modem-status lines, which a pty does not have.
        let accepter = rfc2217 ? "telnet(rfc2217),tcp,127.0.0.1,\(port)" : "tcp,127.0.0.1,\(port)"
        let configuration = """
            %YAML 1.1
            ---
            connection: &chip
              accepter: \(accepter)
              enable: on
              options:
                kickolduser: true
              connector: serialdev,\(devicePath),115200n81,local

            """
        let file = directory.appendingPathComponent("ser2net.yaml")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-n", "-u", "-c", file.path, "-P", directory.appendingPathComponent("pid").path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    deinit { stop() }

    /// Ends ser2net: SIGTERM, then SIGKILL after a second (with a client gone, ser2net 4.3 may not leave its event
    /// loop on SIGTERM).
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(1)
            while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func waitUntilListening() throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Ser2netError.exited(process.terminationStatus) }
            if Ser2net.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Ser2netError.notListening(port)
    }

    /// An ephemeral port on 127.0.0.1 that was free a moment ago.
    static func freeLoopbackPort() throws -> Int {
        try withSocket { fd, address in
            var address = address
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard bound else { throw Ser2netError.noFreePort }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    static func accepts(port: Int) -> Bool {
        (try? withSocket { fd, address in
            var address = address
            address.sin_port = UInt16(port).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
        }) ?? false
    }

    private static func withSocket<T>(_ body: (Int32, sockaddr_in) throws -> T) throws -> T {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Ser2netError.noFreePort }
        defer { _ = close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return try body(fd, address)
    }
}

public enum Ser2netError: Error, CustomStringConvertible {
    case exited(Int32), notListening(Int), noFreePort

    public var description: String {
        switch self {
        case .exited(let status): "ser2net exited with status \(status) (check its configuration)"
        case .notListening(let port): "ser2net did not listen on 127.0.0.1:\(port) within 10 s"
        case .noFreePort: "no free TCP port on 127.0.0.1"
        }
    }
}
