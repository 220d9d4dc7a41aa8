// Command codes of the Beken UART download protocol (protocol.md §4.1, names after BKT/HID/IDK).

/// Short command codes (frames §3.1 / §3.3).
public enum ShortCommand: UInt8, Sendable, CaseIterable {
    case linkCheck = 0x00        // reply code is 0x01 (§4.3)
    case writeReg = 0x01         // §4.4
    case bl2LinkCheck = 0x02     // IDK only, reply code 0x03 (§4.1)
    case readReg = 0x03          // §4.5
    case reboot = 0x0E           // §4.6, payload A5, no reply
    case setBaudRate = 0x0F      // §4.7
    case checkCRC = 0x10         // §4.8
    case readBootVersion = 0x11  // §4.9, Tuya T bootloader (IDK: FLASH_CBUS_DOWNLOAD)
    case cbusEnd = 0x12          // IDK only (§4.1)
    case resetSEAN = 0x70        // CMD_RESET "SEAN", BK7231N/BK7236 (§4.10)
    case stayRom = 0xAA          // §4.10
    case resetOther = 0xFE       // CMD_Reset 95 27 95 27, other chips (§4.10)

    /// The code the chip echoes in its reply: LinkCheck answers cmd+1 (§4.3), 0x02 answers 0x03 (§4.1).
    public var replyCode: UInt8 {
        switch self {
        case .linkCheck: 0x01
        case .bl2LinkCheck: 0x03
        default: rawValue
        }
    }
}

/// Long ("flash operate", 0xF4) op codes (frames §3.2 / §3.4).
public enum FlashOp: UInt8, Sendable, CaseIterable {
    case write = 0x06       // FlashWrite ≤ 256 B (§4.13)
    case write4K = 0x07     // §4.12
    case read = 0x08        // §4.15
    case read4K = 0x09      // §4.11
    case eraseAll = 0x0A    // §4.15
    case erase4K = 0x0B     // §4.14
    case readSR = 0x0C      // §4.16
    case writeSR = 0x0D     // §4.17
    case spiOperate = 0x0E  // GetMID / generic SPI transfer (§4.18)
    case erase = 0x0F       // FlashErase with SPI size opcode (§4.14)

    /// Alias: op 0x0E is used as "get JEDEC ID" by every tool (§4.18).
    public static let getMID = FlashOp.spiOperate
}

/// SPI erase opcodes accepted by FlashErase (0x0F) (protocol.md §4.14).
public enum EraseSize: UInt8, Sendable, CaseIterable {
    case sector4K = 0x20
    case block32K = 0x52
    case block64K = 0xD8

    public var byteCount: Int {
        switch self {
        case .sector4K: 0x1000
        case .block32K: 0x8000
        case .block64K: 0x10000
        }
    }
}
