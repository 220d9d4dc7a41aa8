/// A reply from OpenBeken's web server, parsed leniently: its status line ends with a bare LF, its status code
/// may be `-1` (REST errors), its reason is "OK" whatever the code, and it has no Content-Length — the body is
/// everything up to the close (OBK `new_http.c` `httpHeader`).
public struct HTTPReply: Sendable, Equatable {
    public let status: Int
    /// Header names lower-cased, in order.
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public static func == (lhs: HTTPReply, rhs: HTTPReply) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The reason a reply could not be parsed (the caller adds the host).
    public enum ParseFailure: Error, Sendable, Equatable {
        case empty
        case notHTTP
        case badStatus(String)
        case headerNotFinished
        case bodyShorterThanContentLength(got: Int, declared: Int)
    }

    /// Parses a complete reply (everything read until the server closed).
    public init(parsing bytes: [UInt8]) throws(ParseFailure) {
        guard !bytes.isEmpty else { throw .empty }
        guard let lineEnd = bytes.firstIndex(of: 0x0A) else {
            throw bytes.starts(with: Array("HTTP/".utf8)) ? .headerNotFinished : .notHTTP
        }
        let statusLine = Self.line(bytes[0..<lineEnd])
        guard statusLine.hasPrefix("HTTP/") else { throw .notHTTP }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, let code = Int(parts[1]), (-1...999).contains(code) else {
            throw .badStatus(String(statusLine.prefix(60)))
        }
        var headers: [(name: String, value: String)] = []
        var cursor = lineEnd + 1
        var finished = false
        while cursor < bytes.count {
            guard let end = bytes[cursor...].firstIndex(of: 0x0A) else { break }
            let text = Self.line(bytes[cursor..<end])
            cursor = end + 1
            if text.isEmpty {
                finished = true
                break
            }
            if let colon = text.firstIndex(of: ":") {
                let name = text[..<colon].lowercased()
                let value = text[text.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                headers.append((name, String(value)))
            }
        }
        guard finished else { throw .headerNotFinished }
        var body = Array(bytes[cursor...])
        if let declared = headers.first(where: { $0.name == "content-length" }).flatMap({ Int($0.value) }), declared >= 0 {
            guard body.count >= declared else { throw .bodyShorterThanContentLength(got: body.count, declared: declared) }
            body = Array(body.prefix(declared))
        }
        status = code
        self.headers = headers
        self.body = body
    }

    /// A line without its CR, as text (invalid UTF-8 replaced).
    private static func line(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.last == 0x0D ? bytes.dropLast() : bytes
        return String(decoding: trimmed, as: UTF8.self)
    }
}

extension HTTPReply.ParseFailure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: return "the server closed without a reply"
        case .notHTTP: return "the reply is not HTTP"
        case let .badStatus(line): return "the status line \"\(line)\" has no status code"
        case .headerNotFinished: return "the reply ended inside its header"
        case let .bodyShorterThanContentLength(got, declared):
            return "the reply ended after \(got) of \(declared) body bytes"
        }
    }
}

/// An HTTP/1.1 request as bytes: one request per connection (`Connection: close`), Basic auth for user
/// `admin` when a password is given (OBK `http_basic_auth.c`).
struct HTTPRequest {
    var method: String
    var path: String
    var body: [UInt8]?
    var contentType: String?

    func bytes(host: String, password: String?) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\nUser-Agent: BekenKit-OpenBekenLAN\r\n"
        if let password {
            head += "Authorization: Basic \(Base64.encode(Array("admin:\(password)".utf8)))\r\n"
        }
        if let body {
            head += "Content-Type: \(contentType ?? "application/octet-stream")\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }
}

/// RFC 4648 Base64 (standard alphabet, padded).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3F)] : 0x3D)
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
