// One known bootloader, identified by the CRC-32 of its first bytes (bk7231tools base/enums.py BkBootloaderType).
public struct BootloaderInfo: Sendable, Hashable {
    /// bk7231tools name, e.g. "BK7231S_1_0_5".
    public let name: String
    /// Bootloader file name where known.
    public let fileName: String?
    /// Standard (zlib) CRC-32 of the first 256 bytes, or 257 bytes on FULL (end-inclusive) chips.
    public let crc: UInt32
    public let chip: ChipKind
    public let protocolVariant: ProtocolVariant
    public let version: String?
    /// Flash size the table implies (T/U: 2 MiB).
    public let flashSize: Int?
    /// Bootloader re-protects flash after CheckCRC (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
    public let crcFlashProtectLock: Bool
    /// Code key of the image (zeros = no encryption) [inferred meaning, bk7231tools base/enums.py BkBootloaderType].
    public let codeKey: CodeKey

    /// What the chip replies to CheckCRC(0, 256): crc ^ 0xFFFFFFFF.
    public var rawCRC: UInt32 { crc ^ 0xFFFF_FFFF }

    /// Number of bytes hashed by the chip for CheckCRC(0, 256) (inclusive end on FULL).
    public var hashedLength: Int { protocolVariant.crcEndInclusive ? 257 : 256 }

    /// "BK7231T 1.0.5" style label (ltchiptool "Bootloader Type").
    public var label: String { version.map { "\(chip.displayName) \($0)" } ?? chip.displayName }
}
