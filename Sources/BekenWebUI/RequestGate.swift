/// Who may talk to the UI server (see docs/DESIGN-NOTES.md, "bktool ui: security model"): the server listens on
/// 127.0.0.1 only; every request carries the random token from the printed URL (query `token=`, or the
/// `X-BK-Token` header the page sends), and its Host header names this server (`127.0.0.1:PORT` or
/// `localhost:PORT`), which stops DNS rebinding. No CORS headers are sent, so other origins cannot read answers.
public struct RequestGate: Sendable {
    public let token: String
    public let port: Int

    public enum Verdict: Sendable, Equatable {
        case allowed
        /// 403: no token or a wrong one.
        case badToken
        /// 421: the Host header names another server (or is missing).
        case foreignHost
    }

    public init(token: String, port: Int) {
        self.token = token
        self.port = port
    }

    /// A new random token: 128 bits as hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0 ..< 16).map { _ in
            let byte = UInt8.random(in: 0 ... 255, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    public func check(_ request: HTTPRequest) -> Verdict {
        let host = (request.headers["host"] ?? "").lowercased()
        guard host == "127.0.0.1:\(port)" || host == "localhost:\(port)" else { return .foreignHost }
        let given = request.query["token"] ?? request.headers["x-bk-token"] ?? ""
        return Self.same(given, token) ? .allowed : .badToken
    }

    /// Compares without stopping at the first difference.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
