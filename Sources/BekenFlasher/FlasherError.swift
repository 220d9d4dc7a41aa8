import BekenChips

/// The one error type of the flasher (docs/ARCHITECTURE.md principles; espflash's error enum with stable codes and a
/// `help:` line): what happened, what is on the flash now (with the ranges the chip's CRC proved), and a typed
/// suggestion of what to try that front ends word (they know their own option names).
public struct FlasherError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Stable identifiers for scripts and tests.
    public enum Code: String, Sendable, CaseIterable {
        case linkTimeout = "link-timeout"
        case linkLost = "link-lost"
        case noResponse = "no-response"
        case badResponse = "bad-response"
        case chipStatus = "chip-status"
        case chipMismatch = "chip-mismatch"
        case unknownBootloader = "unknown-bootloader"
        case unsupportedCommand = "unsupported-command"
        case baudSwitchFailed = "baud-switch-failed"
        case unknownFlash = "unknown-flash"
        case unprotectFailed = "unprotect-failed"
        case addressOutOfRange = "address-out-of-range"
        case bootloaderProtected = "bootloader-protected"
        case readFailed = "read-failed"
        case eraseFailed = "erase-failed"
        case writeFailed = "write-failed"
        case verifyFailed = "verify-failed"
        case transport = "transport"
        /// The operation was stopped through its `CancellationHandle`.
        case cancelled = "cancelled"
    }

    /// What the user's flash holds after the failure.
    public enum FlashState: Sendable, Equatable {
        /// Nothing was erased or written.
        case untouched
        /// Erasing/writing had started; the range is only partly written.
        case partlyWritten(range: Range<Int>)
        /// Not knowable (e.g. the link died in the middle of an erase).
        case unknown

        public var sentence: String {
            switch self {
            case .untouched: "Nothing on the flash was changed."
            case .partlyWritten(let range):
                "The flash range 0x\(String(range.lowerBound, radix: 16, uppercase: true))–0x\(String(range.upperBound, radix: 16, uppercase: true)) is only partly written; run the same write again."
            case .unknown: "The flash may have been partly changed; read it back before rebooting the device."
            }
        }
    }

    public let code: Code
    /// What happened, one sentence.
    public let message: String
    public var flashState: FlashState
    /// What to try.
    public let suggestion: FlasherSuggestion
    /// For a failed read or write: the range the operation covered and the parts of it the chip's CRC proved
    /// (read and matching, or written and matching) before it failed.
    public var operationRange: Range<Int>?
    public var verified = FlashRanges()
    /// What to run next, when the operation knows (e.g. the same write again: verified sectors are skipped).
    public var nextStep: FlasherNextStep?
    /// For a failed command: what happened to its reply (nil when no reply was waited for).
    public var replyDamage: ReplyDamage?

    public init(_ code: Code, _ message: String, flash: FlashState = .untouched, hint: FlasherSuggestion) {
        self.code = code
        self.message = message
        self.flashState = flash
        self.suggestion = hint
    }

    /// Whether the operation failed because of the chip/link rather than the user's input.
    public var isUsageError: Bool {
        switch code {
        case .addressOutOfRange, .bootloaderProtected, .chipMismatch: true
        default: false
        }
    }

    /// The CRC-proven parts of `operationRange`, in address order.
    public var verifiedRanges: [Range<Int>] { verified.ranges }

    /// The parts of `operationRange` not proven by the chip's CRC.
    public var unverified: FlashRanges {
        operationRange.map { verified.gaps(in: $0) } ?? FlashRanges()
    }

    /// `unverified` as ranges.
    public var unverifiedRanges: [Range<Int>] { unverified.ranges }

    /// "Verified: …; not verified: …." when the operation range is known.
    public var progressSentence: String? {
        guard operationRange != nil else { return nil }
        return "Verified by chip CRC: \(verified); not verified: \(unverified)."
    }

    /// What happened, what the flash holds and what the chip's CRC proved (front ends add the suggestion and the
    /// next step in their own words).
    public var description: String {
        var text = flashState == .untouched || isUsageError ? message : "\(message) \(flashState.sentence)"
        if let progressSentence { text += " " + progressSentence }
        return text
    }

    /// The same error with the operation's CRC-proven progress attached.
    public func with(operation range: Range<Int>, verified: FlashRanges, next: FlasherNextStep?) -> FlasherError {
        var copy = self
        copy.operationRange = range
        copy.verified = verified.clamped(to: range)
        copy.nextStep = next
        return copy
    }

    /// The same error with the flash state set (the writer knows it, the session does not).
    public func with(flash state: FlashState) -> FlasherError {
        var copy = self
        copy.flashState = state
        return copy
    }
}

extension FlasherError {
    static func noResponse(_ what: String, flash: FlashState = .untouched) -> FlasherError {
        FlasherError(.noResponse, "the chip did not answer \(what)", flash: flash, hint: .checkWiringOrLowerBaud(to: 921_600))
    }
}
