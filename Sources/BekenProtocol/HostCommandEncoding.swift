// Host → chip framing (bk7231tools protocol.py encode, command, base/packets.py).
extension HostCommand {
    /// The bytes to send. Short frame `01 E0 FC <len> <cmd> <payload>` with len = 1 + payload; long frame
    /// `01 E0 FC FF F4 <len16 LE> <op> <payload>` with len16 = 1 + payload. A short command whose len would reach
    /// 0xFF is sent in the long form, as bk7231tools does (bk7231tools protocol.py encode).
    public func encoded() -> [UInt8] {
        let body = payload
        let length = body.count + 1
        if !isLong && length < Int(Frame.longLength) {
            return Frame.hostHeader + [UInt8(length), code] + body
        }
        return Frame.hostHeader + Frame.longMarker + LE.bytes(UInt16(truncatingIfNeeded: length)) + [code] + body
    }

    /// Which reply to wait for; nil when the chip does not answer (Reboot A5, resets) (hid_download_py uart_downloader.py, boot_protocol.py).
    public var expectedReply: ReplyExpectation? {
        switch self {
        case .reboot(let magic) where magic == 0xA5: nil
        case .resetSEAN, .resetOther: nil
        case .linkCheck: .linkCheck
        case .bl2LinkCheck: ReplyExpectation(kind: .short, code: ShortCommand.bl2LinkCheck.replyCode)
        default: ReplyExpectation(kind: isLong ? .long : .short, code: code)
        }
    }
}

/// Helpers for the two CheckCRC `end` conventions (bk7231tools cmd_ll_chip.py read_flash_range_crc).
public enum CRCRange {
    /// The `end` field for hashing `length` bytes from `start`: `start + length − 1` when the chip treats end as
    /// inclusive (ROM / FULL), `start + length` when exclusive (T/U/7252 bootloaders, BASIC).
    public static func endField(start: UInt32, length: UInt32, inclusive: Bool) -> UInt32 {
        inclusive ? start &+ length &- 1 : start &+ length
    }

    /// Number of bytes the chip hashes for a (start, end) request.
    public static func hashedLength(start: UInt32, end: UInt32, inclusive: Bool) -> Int {
        guard end >= start else { return 0 }
        return Int(end - start) + (inclusive ? 1 : 0)
    }
}
