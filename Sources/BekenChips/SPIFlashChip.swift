// One SPI NOR flash part known to the Beken flashers (protocol.md §7.4, §7.5).
public struct SPIFlashChip: Sendable, Hashable {
    /// JEDEC ID bytes as they come off the wire after `9F`: manufacturer, memory type, capacity (§4.18).
    public let jedecBytes: [UInt8]
    public let name: String
    public let manufacturer: String
    /// Size in bytes.
    public let size: Int
    public let unprotect: UnprotectRecipe
    /// The status-register byte count bk7231tools uses for this ID (§7.5), if it lists it.
    public let bk7231toolsStatusRegisterSize: Int?
    /// Where the row comes from, e.g. "protocol.md §7.4 #39".
    public let source: String

    /// GFT's integer form: b0 | b1 << 8 | b2 << 16 (printed e.g. "1560EB") (§4.18, §7.4).
    public var jedecID: UInt32 { SPIFlashChip.jedecID(jedecBytes) }

    /// Integer form of three JEDEC wire bytes.
    public static func jedecID(_ bytes: [UInt8]) -> UInt32 {
        bytes.prefix(3).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Flash size from the JEDEC capacity byte, 1 << capacity (bk7231tools `flash_read_id`, §5.5); nil if implausible.
    public static func sizeFromCapacity(_ capacity: UInt8) -> Int? {
        (0x10...0x1F).contains(capacity) ? 1 << Int(capacity) : nil
    }
}
