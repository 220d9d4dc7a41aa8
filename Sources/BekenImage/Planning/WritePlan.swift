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

/// A write that must not happen: what is wrong and the command that does the right thing.
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
    /// What to do instead (usually a bktool command line).
    public var hint: String

    public init(_ reason: Reason, _ message: String, hint: String) {
        self.reason = reason
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message) — \(hint)" }
}
