import SerialLink

/// A link failure in words for people: a port the user named wrongly is bad input (the CLI's exit 2);
/// everything else is an operation that failed (exit 1).
extension LinkError {
    public var failureText: FailureText {
        let badInput: Set<LinkError.Kind> = [.notFound, .notATerminal, .invalidURL, .unsupportedBaud]
        return FailureText(badInput.contains(kind) ? .badInput : .operationFailed,
                          code: "port-" + Self.code(kind), summary, hint: frontEndHint)
    }

    /// The library's hint, plus where to find the right port when the one named is not a serial port.
    public var frontEndHint: String {
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
