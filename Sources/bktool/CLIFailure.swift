import BekenText

/// An error the command line reports itself: one line saying what happened, one hint, and an exit code
/// (docs/ARCHITECTURE.md: 1 operation failed, 2 usage or bad input, 130 interrupted). The wording shared with the
/// web page lives in BekenText (`FailureText`); the CLI adds the exit code and the stderr line.
typealias CLIFailure = FailureText

extension FailureText.Kind {
    /// 130 after Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
    var exitCode: Int32 {
        switch self {
        case .operationFailed: 1
        case .badInput: 2
        case .interrupted: 130
        }
    }
}

extension FailureText {
    /// The single stderr line: `error: <message> (hint: <hint>)`.
    var line: String {
        hint.isEmpty ? "error: \(message)" : "error: \(message) — hint: \(hint)"
    }
}

/// Converts errors from the library targets to `CLIFailure`. Other files add cases through
/// `CLIFailureConvertible` conformances (e.g. the shared wording in CommandLineWords.swift).
protocol CLIFailureConvertible: Error {
    var cliFailure: CLIFailure { get }
}

extension FailureText: CLIFailureConvertible {
    var cliFailure: CLIFailure { self }
}
