import BekenChips

/// Where a file's bytes go on a chip: `length` bytes from file offset `fileOffset` written at flash `flashOffset`.
public struct WritePlan: Sendable, Equatable, Codable {
    public var kind: ImageKind
    public var chip: ChipKind
    public var flashOffset: Int
    /// Bytes skipped at the start of the file (the bootloader of a QIO image or full dump).
    public var fileOffset: Int
    public var length: Int
    /// Things the user should know before writing (not reasons to refuse).
    public var warnings: [String]

    public init(kind: ImageKind, chip: ChipKind, flashOffset: Int, fileOffset: Int, length: Int, warnings: [String]) {
        self.kind = kind
        self.chip = chip
        self.flashOffset = flashOffset
        self.fileOffset = fileOffset
        self.length = length
        self.warnings = warnings
    }

    /// "write 0x1EF000 bytes of the file from 0x11000 at 0x11000".
    public var summary: String {
        let skipped = fileOffset > 0 ? " (skipping the first \(hex(fileOffset)) bytes of the file)" : ""
        return "write \(hex(length)) bytes at \(hex(flashOffset))\(skipped)"
    }
}

/// A write that must not happen: what is wrong and, as a value, what does the right thing (front ends word it
/// with their own commands).
public struct WriteRefusal: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Reason: String, Sendable, Codable {
        case notFirmware = "not-firmware"
        case otaPackage = "ota-package"
        case rotatedDump = "rotated-dump"
        case wrongOffset = "wrong-offset"
        case chipMismatch = "chip-mismatch"
        case keyMismatch = "key-mismatch"
        case corrupt
        case bootloaderProtected = "bootloader-protected"
        case unsupported
    }

    public var reason: Reason
    /// What is wrong, in one sentence.
    public var message: String
    /// What to do instead.
    public var suggestion: WriteSuggestion

    public init(_ reason: Reason, _ message: String, suggest suggestion: WriteSuggestion) {
        self.reason = reason
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String { message }
}

/// What to do instead of a refused write. `firmware` names the right OpenBeken build, e.g.
/// "OpenBK7231N_QIO_<version>.bin".
public enum WriteSuggestion: Sendable, Equatable, Codable {
    /// A rotated dump: un-rotate it first, then write the result.
    case unrotateFirst
    /// An OTA file: upload it to a running OpenBeken (POST /api/ota), or flash `firmware` over UART.
    case uploadOTA(firmware: String)
    /// Use the build for this chip.
    case useBuild(chip: ChipKind, firmware: String)
    /// A UF2 container: write it with ltchiptool, or use `firmware`.
    case useUF2Tool(firmware: String)
    /// Not firmware: flash `firmware` instead (`keepAsRecord`: the file is worth keeping, e.g. an eFuse dump).
    case flashFirmwareInstead(firmware: String, keepAsRecord: Bool)
    /// A Tuya KV region: read the device settings from it.
    case readTuyaSettings
    /// An OpenBeken config sector: write it with the config tool.
    case writeOpenBekenConfig
    /// A blank file: erase instead.
    case eraseInstead
    /// An ELF: flash the QIO or UA image built from it.
    case flashBuiltImage
    /// Unknown content: use a QIO or UA image; inspect files first.
    case useFirmwareImage
    /// A key mismatch: a build for this chip's key, or check the chip.
    case useBuildForKey(firmware: String)
    /// A damaged app: get a good copy.
    case getGoodCopy
    /// An app image: write it at `offset`.
    case writeAppAt(offset: Int)
    /// An image starting with the bootloader: write it at 0x0 (the bootloader part is skipped, the rest goes to
    /// `appOffset`).
    case writeImageAtZero(appOffset: Int)
    /// Keep the chip's own bootloader: write without it (`explain`: say that writing at 0x0 keeps it).
    case keepOwnBootloader(explain: Bool)
}
