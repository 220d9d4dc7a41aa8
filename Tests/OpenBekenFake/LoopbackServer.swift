import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP server on a loopback address for tests: accepts connections, reads one HTTP request (head and
/// Content-Length body) and lets a handler answer on the raw socket. Sequential like OpenBeken's server
/// (one connection at a time) unless `threadPerConnection`.
public final class LoopbackServer: @unchecked Sendable {
    public struct Request: Sendable {
        public let method: String
        public let target: String
        public let headers: [String: String]
        public let body: [UInt8]

        public var path: String { String(target.prefix { $0 != "?" }) }

        /// Query parameters, percent-decoded.
        public var query: [String: String] {
            guard let mark = target.firstIndex(of: "?") else { return [:] }
            var result: [String: String] = [:]
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let value = parts.count > 1 ? parts[1] : ""
                result[parts[0]] = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
            }
            return result
        }
    }

    /// Writes to the accepted connection.
    public struct Connection {
        public let descriptor: Int32

        public func write(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, bytes.count - offset, sendFlags) }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    public let host: String
    public private(set) var port: UInt16 = 0
    private let listener: Int32
    private let handler: @Sendable (Request, Connection) -> Void
    private let threadPerConnection: Bool
    private let lock = NSLock()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Binds `host:port` (port 0: any free port) and starts serving.
    public init(host: String = "127.0.0.1", port: UInt16 = 0, threadPerConnection: Bool = false,
                handler: @escaping @Sendable (Request, Connection) -> Void) throws {
        self.host = host
        self.handler = handler
        self.threadPerConnection = threadPerConnection
        #if canImport(Glibc)
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(listener)
            throw POSIXError(.EINVAL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let code = errno
            close(listener)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    public var isStopped: Bool { lock.withLock { stopped } }

    /// Stops accepting and closes the listening socket (later connections are refused).
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        finished.wait()
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while !isStopped {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            if threadPerConnection {
                let thread = Thread { [self] in serve(client) }
                thread.start()
            } else {
                serve(client)
            }
        }
        finished.signal()
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = Self.readRequest(client) else { return }
        handler(request, Connection(descriptor: client))
    }

    private static func readRequest(_ client: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        while headEnd == nil {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            headEnd = find([13, 10, 13, 10], in: buffer)
            if buffer.count > 1 << 16, headEnd == nil { return nil }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ").map(String.init)
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(buffer[(headEnd! + 4)...])
        let wanted = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < wanted {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            body += chunk[0..<count]
        }
        return Request(method: requestLine[0], target: requestLine[1], headers: headers, body: body)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    #if canImport(Glibc)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let sendFlags: Int32 = 0
    #endif
}

/// Replies in OpenBeken's own shape: `HTTP/1.1 <code> OK` ended by a bare LF, CRLF headers, CORS headers,
/// `Connection: close`, no Content-Length (OBK `new_http.c` `httpHeader`).
public enum OBKReplyFormat {
    public static func reply(code: Int, contentType: String, body: [UInt8]) -> [UInt8] {
        let head = "HTTP/1.1 \(code) OK\n"
            + "Content-type: \(contentType)\r\n"
            + "Access-Control-Allow-Origin: *\r\n"
            + "Access-Control-Allow-Methods: GET, POST, OPTIONS\r\n"
            + "Connection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    public static func json(_ text: String, code: Int = 200) -> [UInt8] {
        reply(code: code, contentType: "application/json", body: Array(text.utf8))
    }

    /// OBK `http_basic_auth.c`: the only reply with another reason phrase.
    public static let unauthorized = Array(("HTTP/1.1 401 Unauthorized\r\n"
        + "WWW-Authenticate: Basic realm=\"OpenBeken HTTP Server\"\r\n"
        + "Content-Type: text/plain\r\nConnection: close\r\n\r\n401 Unauthorized\n").utf8)

    /// A standard reply (for servers that are not OpenBeken: the releases server, Tasmota).
    public static func standard(code: Int, reason: String, contentType: String, body: [UInt8]) -> [UInt8] {
        Array(("HTTP/1.1 \(code) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + "Connection: close\r\n\r\n").utf8) + body
    }
}
