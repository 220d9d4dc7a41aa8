// Lookup of SPI flash parts by JEDEC ID (protocol.md §7.4 rows first, then the bk7231tools-only IDs of §7.5).
public enum SPIFlashTable {
    /// Every known part: the 84 BKFlashList rows (§7.4) followed by the IDs only bk7231tools knows (§7.5).
    public static let all: [SPIFlashChip] = guiFlashToolRows + bk7231toolsOnlyRows

    /// The 84 rows of §7.4 in source order.
    public static var bkFlashList: [SPIFlashChip] { guiFlashToolRows }

    /// The extra IDs of §7.5 that BKFlashList lacks.
    public static var bk7231toolsOnly: [SPIFlashChip] { bk7231toolsOnlyRows }

    private static let byID: [UInt32: SPIFlashChip] = Dictionary(all.map { ($0.jedecID, $0) }) { first, _ in first }

    /// Part for GFT's integer MID (b0 | b1 << 8 | b2 << 16), e.g. 0x1560EB.
    public static func lookup(jedecID: UInt32) -> SPIFlashChip? { byID[jedecID] }

    /// Part for the three JEDEC bytes in wire order, e.g. [0xEB, 0x60, 0x15].
    public static func lookup(jedecBytes: [UInt8]) -> SPIFlashChip? {
        jedecBytes.count >= 3 ? byID[SPIFlashChip.jedecID(jedecBytes)] : nil
    }
}
