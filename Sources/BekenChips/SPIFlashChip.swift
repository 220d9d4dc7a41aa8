// One SPI NOR flash part known to the Beken flashers (BK7231GUIFlashTool BKFlashList.cs; bk7231tools cmd_hl_flash.py FLASH_SR_SIZE).
public struct SPIFlashChip: Sendable, Hashable {
    /// JEDEC ID bytes as they come off the wire after `9F`: manufacturer, memory type, capacity (bk7231tools cmd_ll_flash.py flash_read_id).
    public let jedecBytes: [UInt8]
    public let name: String
    public let manufacturer: String
    /// Size in bytes.
    public let size: Int
    public let unprotect: UnprotectRecipe
    /// The status-register byte count bk7231tools uses for this ID (bk7231tools cmd_hl_flash.py FLASH_SR_SIZE), if it lists it.
    public let bk7231toolsStatusRegisterSize: Int?
    /// Where the row comes from, e.g. "BK7231GUIFlashTool BKFlashList.cs #39".
    public let source: String

    /// BK7231GUIFlashTool's integer form: b0 | b1 << 8 | b2 << 16 (printed e.g. "1560EB") (bk7231tools cmd_ll_flash.py flash_read_id; BK7231GUIFlashTool BKFlashList.cs).
    public var jedecID: UInt32 { SPIFlashChip.jedecID(jedecBytes) }

    /// Integer form of three JEDEC wire bytes.
    public static func jedecID(_ bytes: [UInt8]) -> UInt32 {
        bytes.prefix(3).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Flash size from the JEDEC capacity byte, 1 << capacity (bk7231tools `flash_read_id`, bk7231tools cmd_ll_flash.py flash_read_id, flash_detect_size); nil if implausible.
    public static func sizeFromCapacity(_ capacity: UInt8) -> Int? {
        (0x10...0x1F).contains(capacity) ? 1 << Int(capacity) : nil
    }
}
