// Typed meaning of a chip reply (protocol.md §4.3–§4.18).
public enum CommandReply: Sendable, Hashable {
    /// LinkCheck answered with value 0 (§4.3).
    case linked
    /// ReadReg value, or WriteReg echo (§4.4, §4.5).
    case register(address: UInt32, value: UInt32)
    /// SetBaudRate echo, sent at the new rate (§4.7).
    case baudRate(baud: UInt32, delayMs: UInt8)
    /// CheckCRC: the chip's raw value (no final XOR) (§4.8).
    case crc(raw: UInt32)
    /// ReadBootVersion: ASCII with trailing NULs/spaces stripped; nil when the chip answered UNKNOW_CMD (ROM) (§4.9).
    case bootVersion(String?)
    /// Echo of a one-byte or short parameter (StayRom 55, Reboot with another byte, reset with wrong magic) (§4.6, §4.10).
    case echo([UInt8])
    /// FlashWrite (0x06): address and the "written" byte (0 for 256 bytes, §4.13).
    case flashWritten(address: UInt32, count: UInt8)
    /// FlashWrite4K / FlashErase4K: address echo (§4.12, §4.14).
    case flashAddress(UInt32)
    /// FlashRead / FlashRead4K: address and data (§4.11, §4.15).
    case flashData(address: UInt32, data: [UInt8])
    /// FlashEraseAll: timeout echo (§4.15).
    case eraseAll(timeout: UInt8)
    /// FlashReadSR: opcode echo and value (§4.16).
    case statusRegister(opcode: UInt8, value: UInt8)
    /// FlashWriteSR: echo of opcode and values (§4.17).
    case statusRegisterWritten(opcode: UInt8, values: [UInt8])
    /// SPI operate: bytes clocked in (for GetMID: dummy, MID, type, capacity) (§4.18).
    case spi([UInt8])
    /// FlashErase: size opcode and address echo (§4.14).
    case erased(sizeOpcode: UInt8, address: UInt32)

    /// JEDEC ID bytes (manufacturer, type, capacity) of a GetMID reply: 4 bytes → drop the dummy; 3 bytes (the len16 = 5
    /// variant HID/GFT accept) → as is (§4.18).
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
    /// A long reply with a non-zero status byte (§3.6).
    case chipStatus(op: UInt8, status: UInt8)
    /// The chip answered UNKNOW_CMD (7) to a short command (§4.19).
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
