import Foundation
import SerialLink

/// A raw HTTP/1.1 exchange with the UI server over loopback TCP (SerialLink's TCPLink), so the tests can send
/// exactly the Host header and token they mean to.
struct LoopbackReply {
    let status: Int
    let head: String
    let body: String
}

enum LoopbackClient {
    static func send(port: Int, method: String = "GET", target: String, host: String? = nil,
                     body: [UInt8] = [], readFor: Duration = .seconds(10), until: String? = nil) throws -> LoopbackReply {
        let link = try TCPLink(url: "socket://127.0.0.1:\(port)", baudRate: 115_200)
        defer { link.close() }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n"
        head += "Content-Length: \(body.count)\r\n\r\n"
        try link.write(Array(head.utf8) + body)
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + readFor
        while ContinuousClock.now < deadline {
            let chunk: [UInt8]
            do { chunk = try link.read(upTo: 65_536, timeout: .milliseconds(200)) } catch { break }
            received += chunk
            if let until, String(decoding: received, as: UTF8.self).contains(until) { break }
            if chunk.isEmpty, isComplete(received) { break }
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return LoopbackReply(status: status, head: parts.first ?? "", body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// A plain response whose Content-Length bytes all arrived.
    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"),
              let line = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) else { return false }
        return text.utf8.count - text[..<split.upperBound].utf8.count >= length
    }
}
