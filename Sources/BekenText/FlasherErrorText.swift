import BekenFlasher

// Flasher errors in words for people: the kind (the CLI's exit code: 1 operation failed, 2 usage or bad input,
// 130 after Ctrl-C, docs/ARCHITECTURE.md), the sentence and what to try. LinkError's is in LinkErrorText.swift.

extension FlasherError {
    public func failureText(_ words: FrontEndWords) -> FailureText {
        if code == .cancelled {
            return FailureText(.interrupted, code: code.rawValue, words.interrupted + (progressSentence.map { ". \($0)" } ?? ""),
                               hint: nextStep == .repeatWrite ? FlasherNextStep.repeatWrite.text(words) : words.repeatCommand)
        }
        return FailureText(isUsageError ? .badInput : .operationFailed, code: code.rawValue, sentence(words),
                           hint: suggestion.text(words))
    }
}
