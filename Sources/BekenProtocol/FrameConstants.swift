// Fixed bytes of the HCI-style framing (protocol.md §3.1–§3.5).
public enum Frame {
    /// Host → chip header: HCI command 0x01 + opcode 0xFCE0 LE (§3.1).
    public static let hostHeader: [UInt8] = [0x01, 0xE0, 0xFC]
    /// Chip → host header: HCI event 0x04, command-complete 0x0E (§3.3).
    public static let chipHeader: [UInt8] = [0x04, 0x0E]
    /// Long-frame marker after the header: length byte 0xFF then FLASH_OPERATE_CMD 0xF4 (§3.2).
    public static let longMarker: [UInt8] = [0xFF, 0xF4]
    /// Length byte that marks a long frame (§3.5).
    public static let longLength: UInt8 = 0xFF
    /// FLASH_OPERATE_CMD (§3.2).
    public static let flashOperate: UInt8 = 0xF4
    /// Largest host short `len` (cmd + payload); at 0xFF the long form is used (§3.1).
    public static let maxShortLength = 0xFE
    /// Sector size of Read4K / Write4K / CRC steps.
    public static let sectorSize = 0x1000
    /// Largest FlashWrite (0x06) payload (§4.13).
    public static let maxFlashWriteSize = 256
}
