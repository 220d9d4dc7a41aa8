import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP listening socket on 127.0.0.1 for serving a device over raw TCP (the far end of `socket://`).
/// Loopback only: nothing outside this machine can connect.
public final class TCPListener: @unchecked Sendable {
    /// The port listened on (the one picked by the system when 0 was asked for).
    public let port: Int
    private let descriptor: Descriptor

    /// Listens on 127.0.0.1:`port` (0: any free port).
    public init(port: Int) throws {
        let name = "tcp 127.0.0.1:\(port)"
        #if canImport(Glibc) || canImport(Musl)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LinkError.io(name, errno: System.errno, doing: "socket") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            let code = System.errno
            System.close(fd)
            if code == EADDRINUSE {
                throw LinkError(.busy, path: name, errno: code, summary: "port \(port) on 127.0.0.1 is in use",
                                hint: "pick another port, or 0 for any free one")
            }
            throw LinkError.io(name, errno: code, doing: "listen")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.port = Int(UInt16(bigEndian: address.sin_port))
        descriptor = Descriptor(fd: fd, name: "tcp 127.0.0.1:\(self.port)")
    }

    deinit { close() }

    /// Waits up to `timeout` for a client; nil when none came.
    public func accept(timeout: Duration) throws -> TCPServedLink? {
        let client = try descriptor.use { fd -> Int32 in
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(milliseconds(roundingUp: timeout))) > 0 else { return -1 }
            #if canImport(Glibc)
            return Glibc.accept(fd, nil, nil)
            #elseif canImport(Musl)
            return Musl.accept(fd, nil, nil)
            #else
            return Darwin.accept(fd, nil, nil)
            #endif
        }
        guard client >= 0 else { return nil }
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return TCPServedLink(fd: client, name: "socket://127.0.0.1:\(port) client")
    }

    public func close() {
        descriptor.close()
    }
}

/// The device end of an accepted raw TCP connection. Raw TCP carries no rate or modem lines, so the peer's are
/// unknown (nil): a device served here hears the host at whatever rate it runs.
public final class TCPServedLink: PeerObservingLink, @unchecked Sendable {
    private let socket: Descriptor
    private let lock = NSLock()
    private var ended = false
    public let writeTimeout: Duration = .seconds(5)

    init(fd: Int32, name: String) {
        socket = Descriptor(fd: fd, name: name, isSocket: true)
    }

    deinit { close() }

    public var description: String { socket.name }
    public var baudRate: Int { 115_200 }

    /// True once the client hung up (or the link was closed).
    public var hasEnded: Bool { lock.withLock { ended } || socket.isClosed }

    public func write(_ bytes: [UInt8]) throws {
        do { try socket.write(bytes, timeout: writeTimeout) } catch { noteEnd(error); throw error }
    }

    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        do { return try socket.read(upTo: maxCount, timeout: timeout) } catch { noteEnd(error); throw error }
    }

    public func setBaudRate(_ baud: Int) throws {}

    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool { false }

    public func discardInput() throws {
        while try !socket.read(upTo: 65_536, timeout: .zero).isEmpty {}
    }

    public func peerBaudRate() -> Int? { nil }
    public func peerModemLines() -> ModemLines? { nil }

    public func close() {
        socket.close()
    }

    private func noteEnd(_ error: Error) {
        guard let error = error as? LinkError, error.kind == .disconnected || error.kind == .closed else { return }
        lock.withLock { ended = true }
    }
}
