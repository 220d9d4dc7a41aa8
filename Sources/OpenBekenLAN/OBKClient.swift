import Foundation

/// A client for OpenBeken's web server (OBK `src/httpserver`): one request per connection, every exchange
/// bounded by `timeout`, transport trouble retried up to `attempts` times with a short growing pause (Easy
/// Flasher `OBKDeviceAPI.cs` sleeps 50·n ms between its tries). Calls block the calling thread.
public struct OBKClient: Sendable {
    public var address: DeviceAddress
    /// Sent as HTTP Basic auth for user `admin` (OBK `http_basic_auth.c`); nil sends no header.
    public var password: String?
    /// The whole exchange (connect, send, reply until close). Easy Flasher uses 3 s.
    public var timeout: Duration
    /// Tries per request for transport errors (unreachable, timed out, cut-short reply).
    public var attempts: Int

    public init(address: DeviceAddress, password: String? = nil, timeout: Duration = .seconds(3), attempts: Int = 3) {
        self.address = address
        self.password = password.flatMap { $0.isEmpty ? nil : $0 }
        self.timeout = timeout
        self.attempts = max(1, attempts)
    }

    /// Replies of info and command calls stay far below this; a flash chunk is 4 KiB.
    public static let smallReplyLimit = 1 << 20

    /// One request, retried on transport errors; 401 becomes `authenticationRequired`/`authenticationFailed`.
    /// `onBodySent` reports the body bytes written so far (for upload progress).
    public func exchange(method: String, path: String, body: [UInt8]? = nil, contentType: String? = nil,
                         maxReplyBytes: Int = OBKClient.smallReplyLimit, timeout: Duration? = nil,
                         attempts: Int? = nil, onBodySent: (Int) -> Void = { _ in }) throws(LANError) -> HTTPReply {
        let request = HTTPRequest(method: method, path: path, body: body, contentType: contentType)
            .bytes(host: address.hostHeader, password: password)
        let headLength = request.count - (body?.count ?? 0)
        let tries = max(1, attempts ?? self.attempts)
        var lastError = LANError(.unreachable, [.init("host", address.description)], suggestion: .checkAddressAndPower)
        for attempt in 1...tries {
            if attempt > 1 { Thread.sleep(forTimeInterval: 0.05 * Double(attempt - 1)) }
            do throws(LANError) {
                let raw = try SocketExchange.run(request, to: address, deadline: .now + (timeout ?? self.timeout),
                                                 maxReplyBytes: maxReplyBytes,
                                                 onSent: { onBodySent(max(0, $0 - headLength)) })
                let reply: HTTPReply
                do {
                    reply = try HTTPReply(parsing: raw)
                } catch {
                    throw LANError(.badReply, [.init("host", address.description), .init("path", path),
                                               .init("reason", error.description)], suggestion: .checkItIsOpenBeken)
                }
                if reply.status == 401 {
                    // OpenBeken's realm is "OpenBeken HTTP Server" (OBK `http_basic_auth.c`).
                    let realm = reply.header("WWW-Authenticate").map { [LANError.Fact("realm", $0)] } ?? []
                    throw password == nil
                        ? LANError(.authenticationRequired, [.init("host", address.description)] + realm, suggestion: .givePassword)
                        : LANError(.authenticationFailed, [.init("host", address.description)] + realm, suggestion: .checkPassword)
                }
                return reply
            } catch {
                lastError = error
                if !error.isTransient || error.code == .replyTooLarge { throw error }
            }
        }
        throw lastError
    }

    public func get(_ path: String, maxReplyBytes: Int = OBKClient.smallReplyLimit) throws(LANError) -> HTTPReply {
        try exchange(method: "GET", path: path, maxReplyBytes: maxReplyBytes)
    }

    /// Runs one console command through `/cm?cmnd=` (OBK `http_fns.c` `http_fn_cm`) and returns the reply text:
    /// Tasmota-style JSON for commands that have one, `{}` otherwise.
    public func command(_ line: String) throws(LANError) -> String {
        let reply = try get("/cm?cmnd=" + URLQuery.encode(line))
        guard reply.status == 200 else { throw refusal(reply, path: "/cm") }
        return reply.text
    }

    /// `POST /api/reboot`: OpenBeken answers `{"reboot":3}` and restarts 3 s later (OBK `rest_interface.c`).
    public func reboot() throws(LANError) {
        let reply = try exchange(method: "POST", path: "/api/reboot", body: [])
        guard reply.status == 200 else { throw refusal(reply, path: "/api/reboot") }
    }

    /// `deviceRefused` with what the device said (its REST errors carry `{"error":…, "msg":…}`).
    func refusal(_ reply: HTTPReply, path: String) -> LANError {
        let message = LenientJSON.object(reply.body)?["msg"].map { "\($0)" } ?? String(reply.text.prefix(120))
        return LANError(.deviceRefused, [.init("host", address.description), .init("path", path),
                                         .init("status", "\(reply.status)"), .init("message", message)],
                        suggestion: .checkItIsOpenBeken)
    }
}

/// Percent-encoding for a query value: everything but RFC 3986 unreserved characters.
enum URLQuery {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
