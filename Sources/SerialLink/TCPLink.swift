import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw TCP link to a serial port served over the network (`socket://host:port`, as ser2net serves it).
/// The remote end's rate is configured there: `setBaudRate` only records the rate locally; modem lines are absent.
public final class TCPLink: Link, @unchecked Sendable {
    public let host: String
    public let port: Int
    private let socketFD: Descriptor
    private let lock = NSLock()
    private var currentBaud: Int
    public let writeTimeout: Duration

    /// Connects to `host:port` (IPv4 or IPv6, names resolved), TCP_NODELAY on.
    public init(host: String, port: Int, baudRate: Int = 115_200, connectTimeout: Duration = .seconds(5),
                writeTimeout: Duration = .seconds(10)) throws {
        self.host = host
        self.port = port
        self.currentBaud = baudRate
        self.writeTimeout = writeTimeout
        let name = TCPLink.url(host: host, port: port)
        let fd = try TCPLink.connect(host: host, port: port, name: name, timeout: connectTimeout)
        socketFD = Descriptor(fd: fd, name: name, isSocket: true)
    }

    /// Connects to a `socket://host:port` URL.
    public convenience init(url: String, baudRate: Int = 115_200, connectTimeout: Duration = .seconds(5)) throws {
        let (host, port) = try TCPLink.parse(url: url)
        try self.init(host: host, port: port, baudRate: baudRate, connectTimeout: connectTimeout)
    }

    deinit { close() }

    public var description: String { TCPLink.url(host: host, port: port) }

    /// ser2net batches bytes from the device for up to 20 ms (ser2net.yaml(5), `chardelay-max`), and a Wi-Fi hop
    /// to the server can stall for tens of ms more.
    public var latencyAllowance: Duration { .milliseconds(100) }

    public var baudRate: Int { lock.withLock { currentBaud } }

    public func write(_ bytes: [UInt8]) throws {
        try socketFD.write(bytes, timeout: writeTimeout)
    }

    public func read(upTo maxCount: Int, timeout: Duration) throws -> [UInt8] {
        try socketFD.read(upTo: maxCount, timeout: timeout)
    }

    public func setBaudRate(_ baud: Int) throws {
        guard baud > 0 else { throw LinkError.unsupportedBaud(description, baud) }
        if socketFD.isClosed { throw LinkError.closed(description) }
        lock.withLock { currentBaud = baud }
    }

    @discardableResult
    public func setModemLines(rts: Bool?, dtr: Bool?) throws -> Bool {
        if socketFD.isClosed { throw LinkError.closed(description) }
        return false
    }

    /// Drops whatever already arrived from the socket.
    public func discardInput() throws {
        while try !socketFD.read(upTo: 65_536, timeout: .zero).isEmpty {}
    }

    public func close() {
        socketFD.close()
    }

    static func url(host: String, port: Int) -> String {
        host.contains(":") ? "socket://[\(host)]:\(port)" : "socket://\(host):\(port)"
    }

    /// Splits `socket://host:port` (or another scheme's `scheme://host:port`; IPv6 hosts in brackets).
    static func parse(url: String, scheme: String = "socket://") throws -> (host: String, port: Int) {
        let invalid = LinkError(.invalidURL, path: url, summary: "\(url) is not a valid \(scheme.dropLast(3)) URL",
                                hint: "write it as \(scheme)HOST:PORT, e.g. \(scheme)192.168.1.20:2000")
        guard url.lowercased().hasPrefix(scheme) else { throw invalid }
        var rest = Substring(url.dropFirst(scheme.count))
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw invalid }
            portText = after.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw invalid }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (1...65_535).contains(port) else { throw invalid }
        return (String(host), port)
    }

    /// A connected, non-blocking TCP socket (TCP_NODELAY) to `host:port`; `name` is the URL errors name.
    static func connect(host: String, port: Int, name: String, timeout: Duration) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc) || canImport(Musl)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw LinkError(.notFound, path: name, summary: "host \(host) not found",
                            hint: "check the address of the ser2net server")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd < 0 { lastError = System.errno; continue }
            if let code = attempt(fd, info.pointee.ai_addr, info.pointee.ai_addrlen, timeout: timeout) {
                System.close(fd)
                lastError = code
                continue
            }
            return fd
        }
        switch lastError {
        case ECONNREFUSED:
            throw LinkError(.connectionRefused, path: name, errno: lastError,
                            summary: "nothing accepts connections at \(host):\(port)",
                            hint: "check ser2net runs and serves this port (raw: socket://, telnet(rfc2217): rfc2217://)")
        case ETIMEDOUT:
            throw LinkError(.timeout, path: name, errno: lastError, summary: "connecting to \(host):\(port) timed out",
                            hint: "check the address, the network and any firewall")
        default:
            throw LinkError.io(name, errno: lastError, doing: "connect")
        }
    }

    /// Non-blocking connect with a deadline; returns errno on failure. Leaves the socket non-blocking.
    private static func attempt(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t,
                                timeout: Duration) -> Int32? {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        if System.connect(fd, address, length) == 0 { return nil }
        let code = System.errno
        guard code == EINPROGRESS || code == EINTR else { return code }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&entry, 1, Int32(milliseconds(roundingUp: timeout)))
        if ready == 0 { return ETIMEDOUT }
        if ready < 0 { return System.errno }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size) != 0 { return System.errno }
        return failure == 0 ? nil : failure
    }
}
