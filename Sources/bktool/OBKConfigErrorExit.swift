import OpenBeken

/// OpenBeken config errors as exit code 2 (bad input) with a hint.
extension OBKConfigError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        switch self {
        case .stringTooLong, .stringContainsNUL, .wrongElementCount, .pinOutOfRange, .channelOutOfRange, .badFlags:
            return .badInput("bad-config-value", description, hint: "see `bktool obk-config build --help` for what each option accepts")
        case .truncated, .badIdent, .unsupportedVersion, .checksumMismatch, .notFound:
            return .badInput("no-obk-config", description,
                             hint: "pass the 4 KiB config sector or a full flash dump; --chip picks the offset")
        }
    }
}
