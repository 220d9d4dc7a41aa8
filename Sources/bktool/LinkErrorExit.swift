import SerialLink

/// A link failure as the command line reports it: a port the user named wrongly is bad input (exit 2);
/// everything else is an operation that failed (exit 1).
extension LinkError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        let badInput: Set<LinkError.Kind> = [.notFound, .notATerminal, .invalidURL, .unsupportedBaud]
        return CLIFailure(badInput.contains(kind) ? .badInput : .operationFailed,
                          code: "port-" + Self.code(kind), summary, hint: cliHint)
    }

    /// The library's hint, plus where to find the right port when the one named is not a serial port.
    var cliHint: String {
        kind == .notFound || kind == .notATerminal ? hint + "; `bktool list-ports` lists ports" : hint
    }

    /// A stable kebab-case code for scripts, e.g. `port-not-found`.
    private static func code(_ kind: LinkError.Kind) -> String {
        switch kind {
        case .notFound: "not-found"
        case .permissionDenied: "permission-denied"
        case .busy: "busy"
        case .notATerminal: "not-a-terminal"
        case .io: "io"
        case .closed: "closed"
        case .disconnected: "disconnected"
        case .unsupportedBaud: "unsupported-baud"
        case .timeout: "timeout"
        case .invalidURL: "invalid-url"
        case .connectionRefused: "connection-refused"
        }
    }
}
