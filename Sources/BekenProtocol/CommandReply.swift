// Typed meaning of a chip reply (bk_idk bl_bk_hci_protocol.c).
public enum CommandReply: Sendable, Hashable {
    /// LinkCheck answered with value 0 (hid_download_py boot_protocol.py CheckRespond_LinkCheck).
    case linked
    /// ReadReg value, or WriteReg echo (bk7231tools base/packets.py BkWriteRegCmnd, BkReadRegCmnd).
    case register(address: UInt32, value: UInt32)
    /// SetBaudRate echo, sent at the new rate (bk7231tools linking.py set_baudrate).
    case baudRate(baud: UInt32, delayMs: UInt8)
    /// CheckCRC: the chip's raw value (no final XOR) (bk7231tools cmd_ll_chip.py read_flash_range_crc).
    case crc(raw: UInt32)
    /// ReadBootVersion: ASCII with trailing NULs/spaces stripped; nil when the chip answered UNKNOW_CMD (ROM) (bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py).
    case bootVersion(String?)
    /// Echo of a one-byte or short parameter (StayRom 55, Reboot with another byte, reset with wrong magic) (hid_download_py uart_downloader.py, boot_protocol.py).
    case echo([UInt8])
    /// FlashWrite (0x06): address and the "written" byte (0 for 256 bytes, bk7231tools cmd_ll_flash.py flash_write_bytes).
    case flashWritten(address: UInt32, count: UInt8)
    /// FlashWrite4K / FlashErase4K: address echo (bk7231tools cmd_ll_flash.py flash_write_4k, base/packets.py EraseSize).
    case flashAddress(UInt32)
    /// FlashRead / FlashRead4K: address and data (bk7231tools cmd_ll_flash.py flash_read_4k; hid_download_py boot_protocol.py).
    case flashData(address: UInt32, data: [UInt8])
    /// FlashEraseAll: timeout echo (hid_download_py boot_protocol.py).
    case eraseAll(timeout: UInt8)
    /// FlashReadSR: opcode echo and value (bk7231tools base/packets.py BkFlashReg8ReadResp).
    case statusRegister(opcode: UInt8, value: UInt8)
    /// FlashWriteSR: echo of opcode and values (bk7231tools base/packets.py BkFlashReg16WriteCmnd).
    case statusRegisterWritten(opcode: UInt8, values: [UInt8])
    /// SPI operate: bytes clocked in (for GetMID: dummy, MID, type, capacity) (bk7231tools cmd_ll_flash.py flash_read_id).
    case spi([UInt8])
    /// FlashErase: size opcode and address echo (bk7231tools base/packets.py EraseSize).
    case erased(sizeOpcode: UInt8, address: UInt32)

    /// JEDEC ID bytes (manufacturer, type, capacity) of a GetMID reply: 4 bytes → drop the dummy; 3 bytes (the len16 = 5
    /// variant hid_download_py/BK7231GUIFlashTool accept) → as is (bk7231tools cmd_ll_flash.py flash_read_id).
    public var jedecBytes: [UInt8]? {
        guard case .spi(let bytes) = self else { return nil }
        switch bytes.count {
        case 4: return Array(bytes[1...3])
        case 3: return bytes
        default: return nil
        }
    }
}

/// Errors when a reply does not say what the command expected.
public enum ProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A long reply with a non-zero status byte (bk_idk type.h).
    case chipStatus(op: UInt8, status: UInt8)
    /// The chip answered UNKNOW_CMD (7) to a short command (bk_idk bl_bk_hci_protocol.c).
    case unknownCommand(code: UInt8)
    /// The reply does not belong to the command.
    case unexpectedFrame(expected: ReplyExpectation, got: ResponseFrame)
    /// Right frame, wrong size or content.
    case malformedReply(code: UInt8, reason: String)
    /// Echoed field differs from the request (address, baud …).
    case echoMismatch(code: UInt8, field: String, sent: UInt32, received: UInt32)
    /// The command gets no reply (Reboot A5, resets), so there is nothing to decode.
    case noReplyExpected

    public var description: String {
        switch self {
        case .chipStatus(let op, let status):
            "chip refused long op 0x\(Hex.string([op])): \(ChipStatus.describe(status))"
        case .unknownCommand(let code):
            "chip does not know command 0x\(Hex.string([code])) (UNKNOW_CMD)"
        case .unexpectedFrame(let expected, let got):
            "expected a \(expected.kind.rawValue) reply to 0x\(Hex.string([expected.code])), got \(got)"
        case .malformedReply(let code, let reason):
            "malformed reply to 0x\(Hex.string([code])): \(reason)"
        case .echoMismatch(let code, let field, let sent, let received):
            "reply to 0x\(Hex.string([code])) echoes \(field) 0x\(String(received, radix: 16)), sent 0x\(String(sent, radix: 16))"
        case .noReplyExpected:
            "this command gets no reply"
        }
    }
}
