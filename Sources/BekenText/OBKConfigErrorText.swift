import OpenBeken

/// OpenBeken config errors as bad input (the CLI's exit code 2) with a hint.
extension OBKConfigError {
    public func failureText(_ words: FrontEndWords) -> FailureText {
        switch self {
        case .stringTooLong, .stringContainsNUL, .wrongElementCount, .pinOutOfRange, .channelOutOfRange, .badFlags:
            return .badInput("bad-config-value", description, hint: words.configOptionsHelp)
        case .truncated, .badIdent, .unsupportedVersion, .checksumMismatch, .notFound:
            return .badInput("no-obk-config", description,
                             hint: "pass the 4 KiB config sector or a full flash dump; " + words.configOffsetChoice)
        }
    }
}
