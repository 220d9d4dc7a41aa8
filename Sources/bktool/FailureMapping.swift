import BekenFlasher

// Flasher errors → one-line CLI errors with exit codes (docs/ARCHITECTURE.md: 1 operation failed, 2 usage or bad input;
// 130 after Ctrl-C, as shells report SIGINT). LinkError's mapping is in LinkErrorExit.swift.

extension FlasherError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        if code == .cancelled {
            return CLIFailure(.interrupted, code: code.rawValue, "interrupted (Ctrl-C)" + (progressSentence.map { ". \($0)" } ?? ""),
                              hint: nextStep == .repeatWrite ? FlasherNextStep.repeatWrite.text : "run the same command again")
        }
        return CLIFailure(isUsageError ? .badInput : .operationFailed, code: code.rawValue, sentence, hint: suggestion.text)
    }
}
