import BekenFlasher

// Flasher errors → one-line CLI errors with exit codes (DESIGN.md: 1 operation failed, 2 usage or bad input).
// LinkError's mapping is in LinkErrorExit.swift.

extension FlasherError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        CLIFailure(isUsageError ? .badInput : .operationFailed, code: code.rawValue, description, hint: hint)
    }
}
