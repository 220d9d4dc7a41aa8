// Turning a frame into a typed reply for a given command, with the echo and status checks of the tools (bk7231tools base/enums.py, protocol.py command; bk_idk bl_bk_hci_protocol.c; hid_download_py boot_intf.py).
extension HostCommand {
    /// Decodes `frame` as the reply to this command. Throws `ProtocolError` for a wrong frame, a non-zero status,
    /// UNKNOW_CMD, a size error or an echo mismatch.
    public func decodeReply(_ frame: ResponseFrame) throws(ProtocolError) -> CommandReply {
        guard let expectation = expectedReply else { throw .noReplyExpected }
        guard expectation.matches(frame) else { throw .unexpectedFrame(expected: expectation, got: frame) }
        if frame.kind == .long {
            if let status = frame.status, status != 0 { throw .chipStatus(op: frame.code, status: status) }
            return try decodeLong(frame.payload)
        }
        return try decodeShort(frame.payload)
    }

    private func decodeShort(_ p: [UInt8]) throws(ProtocolError) -> CommandReply {
        switch self {
        case .linkCheck, .bl2LinkCheck:
            guard p == [0x00] else { throw .malformedReply(code: code, reason: "link value \(Hex.string(p))") }
            return .linked
        case .writeReg(let address, let value):
            let reply = try register(p)
            try checkEcho("address", address, reply.address)
            try checkEcho("value", value, reply.value)
            return .register(address: reply.address, value: reply.value)
        case .readReg(let address):
            let reply = try register(p)
            try checkEcho("address", address, reply.address)
            return .register(address: reply.address, value: reply.value)
        case .setBaudRate(let baud, let delay):
            try rejectUnknown(p, expectedCount: 5)
            guard p.count == 5, let echoed = LE.u32(p, at: 0) else { throw sizeError(p, 5) }
            try checkEcho("baud", baud, echoed)
            try checkEcho("delay", UInt32(delay), UInt32(p[4]))
            return .baudRate(baud: echoed, delayMs: p[4])
        case .checkCRC:
            try rejectUnknown(p, expectedCount: 4)
            guard p.count == 4, let crc = LE.u32(p, at: 0) else { throw sizeError(p, 4) }
            return .crc(raw: crc)
        case .readBootVersion:
            if p == [ChipStatus.unknownCommand.rawValue] { return .bootVersion(nil) }  // ROM: "no version" (bk7231tools base/enums.py BkProtocolType)
            var text = p
            while let last = text.last, last == 0x00 || last == 0x20 { text.removeLast() }
            return .bootVersion(String(decoding: text, as: UTF8.self))
        default:
            return .echo(p)
        }
    }

    private func decodeLong(_ p: [UInt8]) throws(ProtocolError) -> CommandReply {
        switch self {
        case .flashWrite(let address, _):
            guard p.count == 5, let echoed = LE.u32(p, at: 0) else { throw sizeError(p, 5) }
            try checkEcho("address", address, echoed)
            return .flashWritten(address: echoed, count: p[4])
        case .flashWrite4K(let address, _), .flashErase4K(let address):
            guard p.count == 4, let echoed = LE.u32(p, at: 0) else { throw sizeError(p, 4) }
            try checkEcho("address", address, echoed)
            return .flashAddress(echoed)
        case .flashRead4K(let address):
            guard p.count == 4 + Frame.sectorSize, let echoed = LE.u32(p, at: 0) else { throw sizeError(p, 4100) }
            try checkEcho("address", address, echoed)
            return .flashData(address: echoed, data: Array(p[4...]))
        case .flashRead(let address, _):
            guard p.count >= 4, let echoed = LE.u32(p, at: 0) else { throw sizeError(p, 4) }
            try checkEcho("address", address, echoed)
            return .flashData(address: echoed, data: Array(p[4...]))
        case .flashEraseAll:
            guard p.count == 1 else { throw sizeError(p, 1) }
            return .eraseAll(timeout: p[0])
        case .flashReadSR(let opcode):
            guard p.count == 2 else { throw sizeError(p, 2) }
            try checkEcho("opcode", UInt32(opcode), UInt32(p[0]))
            return .statusRegister(opcode: p[0], value: p[1])
        case .flashWriteSR(let opcode, let values):
            guard p.count == 1 + values.count else { throw sizeError(p, 1 + values.count) }
            try checkEcho("opcode", UInt32(opcode), UInt32(p[0]))
            return .statusRegisterWritten(opcode: p[0], values: Array(p[1...]))
        case .spiOperate:
            return .spi(p)
        case .flashErase(let size, let address):
            guard p.count == 5, let echoed = LE.u32(p, at: 1) else { throw sizeError(p, 5) }
            try checkEcho("size", UInt32(size.rawValue), UInt32(p[0]))
            try checkEcho("address", address, echoed)
            return .erased(sizeOpcode: p[0], address: echoed)
        default:
            return .echo(p)
        }
    }

    private func register(_ p: [UInt8]) throws(ProtocolError) -> (address: UInt32, value: UInt32) {
        try rejectUnknown(p, expectedCount: 8)
        guard p.count == 8, let address = LE.u32(p, at: 0), let value = LE.u32(p, at: 4) else { throw sizeError(p, 8) }
        return (address, value)
    }

    private func rejectUnknown(_ p: [UInt8], expectedCount: Int) throws(ProtocolError) {
        if p.count != expectedCount && p == [ChipStatus.unknownCommand.rawValue] { throw .unknownCommand(code: code) }
    }

    private func checkEcho(_ field: String, _ sent: UInt32, _ received: UInt32) throws(ProtocolError) {
        if sent != received { throw .echoMismatch(code: code, field: field, sent: sent, received: received) }
    }

    private func sizeError(_ p: [UInt8], _ expected: Int) -> ProtocolError {
        .malformedReply(code: code, reason: "payload of \(p.count) bytes, expected \(expected)")
    }
}
