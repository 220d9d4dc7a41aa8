// Lookup of SPI flash parts by JEDEC ID (BK7231GUIFlashTool BKFlashList.cs rows first, then the bk7231tools-only IDs of bk7231tools cmd_hl_flash.py FLASH_SR_SIZE).
public enum SPIFlashTable {
    /// Every known part: the 84 BKFlashList rows followed by the IDs only bk7231tools knows (bk7231tools cmd_hl_flash.py FLASH_SR_SIZE).
    public static let all: [SPIFlashChip] = guiFlashToolRows + bk7231toolsOnlyRows

    /// The 84 rows of BK7231GUIFlashTool BKFlashList.cs in source order.
    public static var bkFlashList: [SPIFlashChip] { guiFlashToolRows }

    /// The extra IDs of bk7231tools cmd_hl_flash.py FLASH_SR_SIZE that BKFlashList lacks.
    public static var bk7231toolsOnly: [SPIFlashChip] { bk7231toolsOnlyRows }

    private static let byID: [UInt32: SPIFlashChip] = Dictionary(all.map { ($0.jedecID, $0) }) { first, _ in first }

    /// Part for BK7231GUIFlashTool's integer MID (b0 | b1 << 8 | b2 << 16), e.g. 0x1560EB.
    public static func lookup(jedecID: UInt32) -> SPIFlashChip? { byID[jedecID] }

    /// Part for the three JEDEC bytes in wire order, e.g. [0xEB, 0x60, 0x15].
    public static func lookup(jedecBytes: [UInt8]) -> SPIFlashChip? {
        jedecBytes.count >= 3 ? byID[SPIFlashChip.jedecID(jedecBytes)] : nil
    }
}
