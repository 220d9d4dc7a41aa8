/// What can go wrong building or reading an OpenBeken config sector. Every message says what happened
/// and what to do.
public enum OBKConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A string does not fit its field (UTF-8 bytes; `limit` already leaves room for the NUL if one is needed).
    case stringTooLong(field: OBKConfigField, length: Int, limit: Int)
    /// A string contains a NUL character, which would cut it short on the device.
    case stringContainsNUL(field: OBKConfigField)
    /// An array property has the wrong number of elements.
    case wrongElementCount(field: OBKConfigField, count: Int, expected: Int)
    case pinOutOfRange(gpio: Int, count: Int)
    case channelOutOfRange(gpio: Int, channel: Int)
    /// A template's `flags` is not a decimal number.
    case badFlags(String)
    /// Fewer bytes than the struct needs.
    case truncated(length: Int, needed: Int)
    /// Bytes 0–2 are not "CFG".
    case badIdent([UInt8])
    case unsupportedVersion(Int32)
    case checksumMismatch(stored: UInt8, computed: UInt8)
    /// No valid config at any of the offsets tried in a larger image.
    case notFound(tried: [Int], reasons: [String])

    public var description: String {
        switch self {
        case let .stringTooLong(field, length, limit):
            return "\(field.label) is \(length) bytes long; at most \(limit) bytes fit "
                + "(mainConfig_t.\(field.name) holds \(field.size) bytes) — shorten it"
        case let .stringContainsNUL(field):
            return "\(field.label) contains a NUL character, which would cut it short on the device — remove it"
        case let .wrongElementCount(field, count, expected):
            return "\(field.label) has \(count) entries; mainConfig_t.\(field.name) needs exactly \(expected)"
        case let .pinOutOfRange(gpio, count):
            return "GPIO \(gpio) does not exist in the config; pins are numbered 0...\(count - 1)"
        case let .channelOutOfRange(gpio, channel):
            return "GPIO \(gpio): channel \(channel) does not exist; OpenBeken channels are 0...\(OBKConfigLayout.channelCount - 1)"
        case let .badFlags(text):
            return "template flags \"\(text)\" is not a decimal number (e.g. \"1024\" for flag 10)"
        case let .truncated(length, needed):
            return "only \(length) bytes given; an OpenBeken config needs \(needed) — pass the whole 4 KiB sector or a full dump"
        case let .badIdent(bytes):
            let hex = bytes.map(hex2).joined(separator: " ")
            return "no OpenBeken config here: the first bytes are \(hex), not \"CFG\" — check the offset or the file"
        case let .unsupportedVersion(version):
            return "config version \(version) is not one OpenBeken writes (0...\(OBKConfigLayout.maximumVersion)) — the sector is damaged or not a config"
        case let .checksumMismatch(stored, computed):
            return "config checksum mismatch: stored 0x\(hex2(stored)), computed 0x\(hex2(computed)); "
                + "the firmware would ignore this sector and load defaults"
        case let .notFound(tried, reasons):
            let places = zip(tried, reasons).map { "0x\(String($0, radix: 16, uppercase: true)): \($1)" }
            return "no valid OpenBeken config found (" + places.joined(separator: "; ") + ")"
        }
    }

    private func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
