/// An error the command line reports itself: one line saying what happened, one hint, and an exit code
/// (docs/ARCHITECTURE.md: 1 operation failed, 2 usage or bad input).
struct CLIFailure: Error, Sendable {
    enum Kind: Int32, Sendable {
        case operationFailed = 1
        case badInput = 2
        /// Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
        case interrupted = 130
    }

    let kind: Kind
    /// A stable code for scripts, e.g. `port-not-found`.
    let code: String
    /// What happened (and what is on the flash now, when that matters).
    let message: String
    /// What to try.
    let hint: String

    init(_ kind: Kind, code: String, _ message: String, hint: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.hint = hint
    }

    static func badInput(_ code: String, _ message: String, hint: String) -> CLIFailure {
        CLIFailure(.badInput, code: code, message, hint: hint)
    }

    static func failed(_ code: String, _ message: String, hint: String) -> CLIFailure {
        CLIFailure(.operationFailed, code: code, message, hint: hint)
    }

    /// The single stderr line: `error: <message> (hint: <hint>)`.
    var line: String {
        hint.isEmpty ? "error: \(message)" : "error: \(message) — hint: \(hint)"
    }
}

/// Converts errors from the library targets to `CLIFailure`. Other files add cases through
/// `CLIFailureConvertible` conformances (e.g. FlasherError in FlasherErrorExit.swift).
protocol CLIFailureConvertible: Error {
    var cliFailure: CLIFailure { get }
}

extension CLIFailure: CLIFailureConvertible {
    var cliFailure: CLIFailure { self }
}
