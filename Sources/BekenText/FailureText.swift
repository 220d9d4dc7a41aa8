/// A failure in words for people, shared by the front ends (the CLI and the web page): what happened, what to
/// try, a stable code for scripts and what kind of failure it is (the CLI turns the kind into an exit code).
public struct FailureText: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case operationFailed
        case badInput
        /// Stopped on purpose: Ctrl-C, SIGTERM or the page's Cancel.
        case interrupted
    }

    public let kind: Kind
    /// A stable code for scripts, e.g. `port-not-found`.
    public let code: String
    /// What happened (and what is on the flash now, when that matters).
    public let message: String
    /// What to try.
    public let hint: String

    public init(_ kind: Kind, code: String, _ message: String, hint: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.hint = hint
    }

    public static func badInput(_ code: String, _ message: String, hint: String) -> FailureText {
        FailureText(.badInput, code: code, message, hint: hint)
    }

    public static func failed(_ code: String, _ message: String, hint: String) -> FailureText {
        FailureText(.operationFailed, code: code, message, hint: hint)
    }
}
