import Foundation
import SerialLink

/// One HTTP/1.1 request as the UI server needs it: method, path, query, lower-cased headers, body.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var headers: [String: String]
    public var body: [UInt8]

    /// Parses the head (up to the blank line); nil when it is not an HTTP request line.
    public static func parseHead(_ head: String) -> HTTPRequest? {
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        let target = String(parts[1])
        let pieces = target.split(separator: "?", maxSplits: 1).map(String.init)
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let key = kv[0].removingPercentEncoding ?? kv[0]
                let value = kv.count > 1 ? (kv[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? kv[1]) : ""
                query[key] = value
            }
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPRequest(method: String(parts[0]), path: pieces.first ?? "/", query: query, headers: headers, body: [])
    }

    /// Reads one request from a client (head up to 16 KiB, body up to `maxBody` bytes by Content-Length).
    static func read(from link: any Link, maxBody: Int) throws -> HTTPRequest? {
        var buffer: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        let deadline = ContinuousClock.now + .seconds(10)
        while headEnd == nil {
            guard buffer.count < 16_384, ContinuousClock.now < deadline else { return nil }
            let chunk = try link.read(upTo: 65_536, timeout: .milliseconds(500))
            buffer += chunk
            if buffer.count >= 4 {
                for index in max(0, buffer.count - chunk.count - 3) ... buffer.count - 4
                where Array(buffer[index ..< index + 4]) == separator {
                    headEnd = index
                    break
                }
            }
        }
        guard let headEnd, var request = parseHead(String(decoding: buffer[..<headEnd], as: UTF8.self)) else { return nil }
        let length = Int(request.headers["content-length"] ?? "0") ?? -1
        guard length >= 0, length <= maxBody else { return nil }
        var body = Array(buffer[(headEnd + 4)...])
        while body.count < length {
            guard ContinuousClock.now < deadline + .seconds(50) else { return nil }
            body += try link.read(upTo: length - body.count, timeout: .milliseconds(500))
        }
        request.body = Array(body.prefix(length))
        return request
    }
}

/// A complete response (not streamed). No CORS headers, ever: the page is same-origin.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var extraHeaders: [String: String] = [:]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(text.utf8))
    }

    public static func json(_ value: some Encodable) -> HTTPResponse { json(200, value) }

    public static func json(_ status: Int, _ value: some Encodable) -> HTTPResponse {
        let data = (try? JSONEncoder().encode(value)) ?? Data("null".utf8)
        return HTTPResponse(status: status, contentType: "application/json", body: Array(data))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 421: "Misdirected Request"
        case 502: "Bad Gateway"
        default: "Error"
        }
    }

    var bytes: [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: close\r\nCache-Control: no-store\r\n"
        head += "X-Content-Type-Options: nosniff\r\n"
        for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }
}
