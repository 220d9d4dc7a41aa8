// Command codes of the Beken UART download protocol (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h, names after bk7231tools/hid_download_py/bk_idk).

/// Short command codes (frames bk7231tools protocol.py encode, command).
public enum ShortCommand: UInt8, Sendable, CaseIterable {
    case linkCheck = 0x00        // reply code is 0x01 (hid_download_py boot_protocol.py CheckRespond_LinkCheck)
    case writeReg = 0x01         // bk7231tools base/packets.py BkWriteRegCmnd
    case bl2LinkCheck = 0x02     // bk_idk only, reply code 0x03 (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h)
    case readReg = 0x03          // bk7231tools base/packets.py BkReadRegCmnd
    case reboot = 0x0E           // hid_download_py uart_downloader.py, payload A5, no reply
    case setBaudRate = 0x0F      // bk7231tools linking.py set_baudrate
    case checkCRC = 0x10         // bk7231tools cmd_ll_chip.py read_flash_range_crc
    case readBootVersion = 0x11  // bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py, Tuya T bootloader (bk_idk: FLASH_CBUS_DOWNLOAD)
    case cbusEnd = 0x12          // bk_idk only (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h)
    case resetSEAN = 0x70        // CMD_RESET "SEAN", BK7231N/BK7236 (hid_download_py boot_protocol.py)
    case stayRom = 0xAA          // hid_download_py boot_protocol.py
    case resetOther = 0xFE       // CMD_Reset 95 27 95 27, other chips (hid_download_py boot_protocol.py)

    /// The code the chip echoes in its reply: LinkCheck answers cmd+1 (hid_download_py boot_protocol.py CheckRespond_LinkCheck), 0x02 answers 0x03 (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h).
    public var replyCode: UInt8 {
        switch self {
        case .linkCheck: 0x01
        case .bl2LinkCheck: 0x03
        default: rawValue
        }
    }
}

/// Long ("flash operate", 0xF4) op codes (frames bk7231tools base/packets.py, protocol.py encode, command).
public enum FlashOp: UInt8, Sendable, CaseIterable {
    case write = 0x06       // FlashWrite ≤ 256 B (bk7231tools cmd_ll_flash.py flash_write_bytes)
    case write4K = 0x07     // bk7231tools cmd_ll_flash.py flash_write_4k
    case read = 0x08        // hid_download_py boot_protocol.py
    case read4K = 0x09      // bk7231tools cmd_ll_flash.py flash_read_4k
    case eraseAll = 0x0A    // hid_download_py boot_protocol.py
    case erase4K = 0x0B     // bk7231tools base/packets.py EraseSize
    case readSR = 0x0C      // bk7231tools base/packets.py BkFlashReg8ReadResp
    case writeSR = 0x0D     // bk7231tools base/packets.py BkFlashReg16WriteCmnd
    case spiOperate = 0x0E  // GetMID / generic SPI transfer (bk7231tools cmd_ll_flash.py flash_read_id)
    case erase = 0x0F       // FlashErase with SPI size opcode (bk7231tools base/packets.py EraseSize)

    /// Alias: op 0x0E is used as "get JEDEC ID" by every tool (bk7231tools cmd_ll_flash.py flash_read_id).
    public static let getMID = FlashOp.spiOperate
}

/// SPI erase opcodes accepted by FlashErase (0x0F) (bk7231tools base/packets.py EraseSize).
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
