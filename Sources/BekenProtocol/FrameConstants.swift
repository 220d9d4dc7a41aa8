// Fixed bytes of the HCI-style framing (bk7231tools protocol.py; bk_idk bl_bk_hci_protocol.h).
public enum Frame {
    /// Host → chip header: HCI command 0x01 + opcode 0xFCE0 LE (bk7231tools protocol.py encode).
    public static let hostHeader: [UInt8] = [0x01, 0xE0, 0xFC]
    /// Chip → host header: HCI event 0x04, command-complete 0x0E (bk7231tools protocol.py command).
    public static let chipHeader: [UInt8] = [0x04, 0x0E]
    /// Long-frame marker after the header: length byte 0xFF then FLASH_OPERATE_CMD 0xF4 (bk7231tools base/packets.py, protocol.py encode).
    public static let longMarker: [UInt8] = [0xFF, 0xF4]
    /// Length byte that marks a long frame (bk7231tools protocol.py command).
    public static let longLength: UInt8 = 0xFF
    /// FLASH_OPERATE_CMD (bk7231tools base/packets.py, protocol.py encode).
    public static let flashOperate: UInt8 = 0xF4
    /// Largest host short `len` (cmd + payload); at 0xFF the long form is used (bk7231tools protocol.py encode).
    public static let maxShortLength = 0xFE
    /// Sector size of Read4K / Write4K / CRC steps.
    public static let sectorSize = 0x1000
    /// Largest FlashWrite (0x06) payload (bk7231tools cmd_ll_flash.py flash_write_bytes).
    public static let maxFlashWriteSize = 256
}
