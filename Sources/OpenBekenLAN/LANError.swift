/// Everything that can go wrong talking to a device on the network, as data: a stable code, the facts that
/// explain it (host, status, chip, …) and what to try. Front ends turn these into sentences.
public struct LANError: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// HOST[:PORT] or a range could not be parsed.
        case badAddress = "bad-address"
        /// Nothing answered (connection refused, no route, name not found).
        case unreachable
        /// Connected, but the whole reply did not arrive within the timeout.
        case timedOut = "timed-out"
        /// The reply was not HTTP, cut short, or not the JSON expected.
        case badReply = "bad-reply"
        /// The reply went on past the size limit for its request.
        case replyTooLarge = "reply-too-large"
        /// 401 and no password given.
        case authenticationRequired = "auth-required"
        /// 401 although a password was given.
        case authenticationFailed = "auth-failed"
        /// An HTTP server answered, but not OpenBeken's API.
        case notOpenBeken = "not-openbeken"
        /// The device runs Tasmota (StatusFWR without the OpenBeken SDK tag).
        case tasmotaFound = "tasmota-found"
        /// OpenBeken answered with an error status.
        case deviceRefused = "device-refused"
        /// A flash chunk kept coming back with the wrong length.
        case flashReadFailed = "flash-read-failed"
        /// The OTA file is not one this device can take.
        case otaFileRejected = "ota-file-rejected"
        /// The device did not come back after a reboot within the wait.
        case deviceDidNotReturn = "device-did-not-return"
        /// The device came back still running the old build.
        case buildUnchanged = "build-unchanged"
        /// After the reboot a setting read back differs from what was applied.
        case configNotConfirmed = "config-not-confirmed"
        /// A setting cannot be applied (too long, unknown pin role, …).
        case badSetting = "bad-setting"
        /// A device list file for a mass operation could not be read.
        case badDeviceList = "bad-device-list"
    }

    /// What to try next.
    public enum Suggestion: Sendable, Hashable {
        case checkAddressAndPower
        case retryWithLongerTimeout
        case givePassword
        case checkPassword
        case useTasmotaTools
        case checkItIsOpenBeken
        case retryLater
        case pickOTAFile(chip: String)
        case powerCycleAndCheck
        case checkSetting
        case none
    }

    public let code: Code
    /// Named facts in a stable order, e.g. ("host", "192.168.1.20:80"), ("status", "401").
    public let facts: [Fact]
    public let suggestion: Suggestion

    public struct Fact: Sendable, Hashable {
        public let name: String
        public let value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ code: Code, _ facts: [Fact] = [], suggestion: Suggestion) {
        self.code = code
        self.facts = facts
        self.suggestion = suggestion
    }

    public func fact(_ name: String) -> String? { facts.first { $0.name == name }?.value }

    /// The same error with more facts appended (e.g. the device a mass operation was working on).
    public func adding(_ more: [Fact]) -> LANError {
        LANError(code, facts + more, suggestion: suggestion)
    }

    /// Transport trouble that a retry may cure.
    public var isTransient: Bool {
        [.unreachable, .timedOut, .badReply].contains(code)
    }
}
