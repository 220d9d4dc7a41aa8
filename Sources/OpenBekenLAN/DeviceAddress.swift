import Foundation

/// Where a device's web server listens: a host name or IPv4/IPv6 address and a port (OpenBeken serves on 80).
public struct DeviceAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public static let defaultPort: UInt16 = 80

    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16 = DeviceAddress.defaultPort) {
        self.host = host
        self.port = port
    }

    /// `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 literal; an `http://` prefix and a trailing `/` are
    /// accepted as people paste them from a browser.
    public init(parsing text: String, defaultPort: UInt16 = DeviceAddress.defaultPort) throws(LANError) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.lowercased().hasPrefix("http://") { rest = rest.dropFirst(7) }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let bad = LANError(.badAddress, [.init("address", text)], suggestion: .checkSetting)
        guard !rest.isEmpty, !rest.contains(where: { $0 == " " || $0 == "/" || $0 == "@" }) else { throw bad }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw bad }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let tail = rest[rest.index(after: close)...]
            guard !host.isEmpty else { throw bad }
            if tail.isEmpty {
                self.init(host: host, port: defaultPort)
            } else {
                guard tail.hasPrefix(":"), let port = UInt16(tail.dropFirst()), port > 0 else { throw bad }
                self.init(host: host, port: port)
            }
            return
        }
        let colons = rest.filter { $0 == ":" }.count
        if colons == 1, let index = rest.firstIndex(of: ":") {
            let host = String(rest[..<index])
            guard !host.isEmpty, let port = UInt16(rest[rest.index(after: index)...]), port > 0 else { throw bad }
            self.init(host: host, port: port)
        } else {
            self.init(host: String(rest), port: defaultPort)
        }
    }

    /// `host:port`, with brackets around an IPv6 literal.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The Host header value (the port only when it is not 80).
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
