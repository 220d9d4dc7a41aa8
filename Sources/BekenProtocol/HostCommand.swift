// Every short and long command of bk7231tools base/enums.py; bk_idk bl_bk_hci_protocol.c, host side.
public enum HostCommand: Sendable, Hashable {
    // Short commands (bk7231tools protocol.py encode).
    case linkCheck                                   // hid_download_py boot_protocol.py CheckRespond_LinkCheck
    case writeReg(address: UInt32, value: UInt32)    // bk7231tools base/packets.py BkWriteRegCmnd
    case bl2LinkCheck                                // bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h (bk_idk only)
    case readReg(address: UInt32)                    // bk7231tools base/packets.py BkReadRegCmnd
    case reboot(magic: UInt8 = 0xA5)                 // hid_download_py uart_downloader.py: A5 = reboot, no reply
    case setBaudRate(baud: UInt32, delayMs: UInt8)   // bk7231tools linking.py set_baudrate
    case checkCRC(start: UInt32, end: UInt32)        // bk7231tools cmd_ll_chip.py read_flash_range_crc: `end` as sent (see CRCRange)
    case readBootVersion                             // bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py (Tuya T bootloader)
    case stayRom                                     // hid_download_py boot_protocol.py, payload 55
    case resetSEAN                                   // hid_download_py boot_protocol.py, 70 "SEAN" (BK7231N/BK7236)
    case resetOther                                  // hid_download_py boot_protocol.py, FE 95 27 95 27
    case short(code: UInt8, payload: [UInt8])        // any other short command (e.g. to probe "unknown" replies)

    // Long commands (bk7231tools base/packets.py, protocol.py encode).
    case flashWrite(address: UInt32, data: [UInt8])    // op 06, ≤ 256 bytes (bk7231tools cmd_ll_flash.py flash_write_bytes)
    case flashWrite4K(address: UInt32, data: [UInt8])  // op 07, exactly 4096 bytes (bk7231tools cmd_ll_flash.py flash_write_4k)
    case flashRead(address: UInt32, size: UInt16)      // op 08 (hid_download_py boot_protocol.py)
    case flashRead4K(address: UInt32)                  // op 09 (bk7231tools cmd_ll_flash.py flash_read_4k)
    case flashEraseAll(timeout: UInt8 = 4)             // op 0A (hid_download_py boot_protocol.py)
    case flashErase4K(address: UInt32)                 // op 0B (bk7231tools base/packets.py EraseSize)
    case flashReadSR(opcode: UInt8)                    // op 0C: 05 / 35 / 15 (bk7231tools base/packets.py BkFlashReg8ReadResp)
    case flashWriteSR(opcode: UInt8, values: [UInt8])  // op 0D: 1 or 2 value bytes, SR1 first (bk7231tools base/packets.py BkFlashReg16WriteCmnd)
    case spiOperate(bytes: [UInt8])                    // op 0E: raw SPI transfer (bk7231tools cmd_ll_flash.py flash_read_id)
    case flashErase(size: EraseSize, address: UInt32)  // op 0F (bk7231tools base/packets.py EraseSize)
    case long(op: UInt8, payload: [UInt8])             // any other long op

    /// GetMID: SPI transfer of `9F 00 00 00` (bk7231tools cmd_ll_flash.py flash_read_id).
    public static let getMID = HostCommand.spiOperate(bytes: [0x9F, 0x00, 0x00, 0x00])

    /// CheckCRC over `length` bytes from `start`, with the family's end convention (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    public static func checkCRC(start: UInt32, length: UInt32, inclusiveEnd: Bool) -> HostCommand {
        .checkCRC(start: start, end: CRCRange.endField(start: start, length: length, inclusive: inclusiveEnd))
    }

    /// True for flash-operate (0xF4) commands.
    public var isLong: Bool {
        switch self {
        case .flashWrite, .flashWrite4K, .flashRead, .flashRead4K, .flashEraseAll, .flashErase4K, .flashReadSR,
             .flashWriteSR, .spiOperate, .flashErase, .long:
            true
        default:
            false
        }
    }

    /// Short command code or long op code.
    public var code: UInt8 {
        switch self {
        case .linkCheck: ShortCommand.linkCheck.rawValue
        case .writeReg: ShortCommand.writeReg.rawValue
        case .bl2LinkCheck: ShortCommand.bl2LinkCheck.rawValue
        case .readReg: ShortCommand.readReg.rawValue
        case .reboot: ShortCommand.reboot.rawValue
        case .setBaudRate: ShortCommand.setBaudRate.rawValue
        case .checkCRC: ShortCommand.checkCRC.rawValue
        case .readBootVersion: ShortCommand.readBootVersion.rawValue
        case .stayRom: ShortCommand.stayRom.rawValue
        case .resetSEAN: ShortCommand.resetSEAN.rawValue
        case .resetOther: ShortCommand.resetOther.rawValue
        case .short(let code, _): code
        case .flashWrite: FlashOp.write.rawValue
        case .flashWrite4K: FlashOp.write4K.rawValue
        case .flashRead: FlashOp.read.rawValue
        case .flashRead4K: FlashOp.read4K.rawValue
        case .flashEraseAll: FlashOp.eraseAll.rawValue
        case .flashErase4K: FlashOp.erase4K.rawValue
        case .flashReadSR: FlashOp.readSR.rawValue
        case .flashWriteSR: FlashOp.writeSR.rawValue
        case .spiOperate: FlashOp.spiOperate.rawValue
        case .flashErase: FlashOp.erase.rawValue
        case .long(let op, _): op
        }
    }

    /// Bytes after the command / op byte.
    public var payload: [UInt8] {
        switch self {
        case .linkCheck, .bl2LinkCheck, .readBootVersion: []
        case .writeReg(let address, let value): LE.bytes(address) + LE.bytes(value)
        case .readReg(let address): LE.bytes(address)
        case .reboot(let magic): [magic]
        case .setBaudRate(let baud, let delay): LE.bytes(baud) + [delay]
        case .checkCRC(let start, let end): LE.bytes(start) + LE.bytes(end)
        case .stayRom: [0x55]
        case .resetSEAN: Array("SEAN".utf8)
        case .resetOther: [0x95, 0x27, 0x95, 0x27]
        case .short(_, let payload), .long(_, let payload): payload
        case .flashWrite(let address, let data), .flashWrite4K(let address, let data): LE.bytes(address) + data
        case .flashRead(let address, let size): LE.bytes(address) + LE.bytes(size)
        case .flashRead4K(let address), .flashErase4K(let address): LE.bytes(address)
        case .flashEraseAll(let timeout): [timeout]
        case .flashReadSR(let opcode): [opcode]
        case .flashWriteSR(let opcode, let values): [opcode] + values
        case .spiOperate(let bytes): bytes
        case .flashErase(let size, let address): [size.rawValue] + LE.bytes(address)
        }
    }
}
