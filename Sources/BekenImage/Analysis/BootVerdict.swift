/// Will a chip whose flash holds this image boot it? (our checklist over the formats that ltchiptool soc/bk72xx/binary.py and bk7231tools analysis/rbl.py read)
public struct BootVerdict: Sendable, Codable, Equatable {
    public enum Boots: String, Sendable, Codable {
        case yes, no, unknown
    }

    public var boots: Boots
    /// Why not (for `no`) or why it cannot be told (for `unknown`); empty for `yes`.
    public var reasons: [VerdictReason]
    /// Conditions and warnings that do not decide the verdict.
    public var notes: [String]

    public init(boots: Boots, reasons: [VerdictReason], notes: [String]) {
        self.boots = boots
        self.reasons = reasons
        self.notes = notes
    }
}

/// One reason, with a stable code for scripts and tests.
public struct VerdictReason: Sendable, Codable, Equatable {
    public enum Code: String, Sendable, Codable {
        case notFirmware = "not-firmware"
        case bootloaderMissing = "bootloader-missing"
        case bootloaderCorrupt = "bootloader-corrupt"
        case appMissing = "app-missing"
        case appCorrupt = "app-corrupt"
        case appCRCErrors = "app-crc-errors"
        case appTruncated = "app-truncated"
        case keyMismatch = "key-mismatch"
        case chipMismatch = "chip-mismatch"
        case otaPackage = "ota-package"
        case notAnalysed = "not-analysed"
    }

    public var code: Code
    public var message: String
    /// The flash (or file) offset the reason points at, if any.
    public var offset: Int?

    public init(_ code: Code, _ message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }
}
