import BekenProtocol

/// Typed chip commands over the session (protocol.md §4). Addresses are sent as given: the address mirror and
/// CRC end conventions are the flasher's business (FlashAddressing).
extension Session {
    private func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    private func u32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard bytes.count >= offset + 4 else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    private func badReply(_ what: String) -> FlasherError {
        FlasherError(.badResponse, "the chip's reply to \(what) was malformed",
                     hint: "a byte was probably lost on the wire; retry, or lower the baud rate")
    }

    private func shortReply(requestPayload: Int, replyPayload: Int, work: Duration = .zero) -> Duration {
        timeouts.reply(requestBytes: 5 + requestPayload, replyBytes: 7 + replyPayload, baud: baudRate, work: work)
    }

    private func longReply(requestPayload: Int, replyPayload: Int, work: Duration = .zero) -> Duration {
        timeouts.reply(requestBytes: 8 + requestPayload, replyBytes: 11 + replyPayload, baud: baudRate, work: work)
    }

    /// ReadReg (§4.5).
    func readRegister(_ address: UInt32) throws -> UInt32 {
        let what = "ReadReg(0x\(String(address, radix: 16)))"
        let reply = try transact(.short(.readReg, le32(address)), timeout: shortReply(requestPayload: 4, replyPayload: 8),
                                 what: what)
        guard let echoed = u32(reply.payload, at: 0), echoed == address, let value = u32(reply.payload, at: 4) else {
            throw badReply(what)
        }
        return value
    }

    /// WriteReg (§4.4); the reply is an echo of the request.
    func writeRegister(_ address: UInt32, _ value: UInt32) throws {
        let what = "WriteReg(0x\(String(address, radix: 16)))"
        let reply = try transact(.short(.writeReg, le32(address) + le32(value)),
                                 timeout: shortReply(requestPayload: 8, replyPayload: 8), what: what)
        guard Array(reply.payload.prefix(8)) == le32(address) + le32(value) else { throw badReply(what) }
    }

    /// CheckCRC (§4.8): the chip's raw CRC (no final XOR) over `start…end` as the chip interprets `end`.
    func checkCRC(start: UInt32, end: UInt32, hashedBytes: Int) throws -> UInt32 {
        let what = "CheckCRC(0x\(String(start, radix: 16)), 0x\(String(end, radix: 16)))"
        let reply = try transact(.short(.checkCRC, le32(start) + le32(end)),
                                 timeout: shortReply(requestPayload: 8, replyPayload: 4,
                                                     work: timeouts.crcWork(bytes: hashedBytes)), what: what)
        guard let crc = u32(reply.payload, at: 0) else { throw badReply(what) }
        return crc
    }

    /// ReadBootVersion (§4.9): the Tuya T bootloader's ASCII version; nil when the chip answers `07`.
    func readBootVersion() throws -> String? {
        let reply = try transact(.short(.readBootVersion), timeout: shortReply(requestPayload: 0, replyPayload: 32),
                                 what: "ReadBootVersion")
        if reply.payload == [ChipStatus.unknownCommand.rawValue] || reply.payload.isEmpty { return nil }
        var text = reply.payload
        while let last = text.last, last == 0 || last == 0x20 { text.removeLast() }
        return String(decoding: text, as: UTF8.self)
    }

    /// Reboot A5 (§4.6): no reply.
    func reboot() throws {
        try send(.short(.reboot, [0xA5]))
    }

    /// Sends SetBaudRate (§4.7) without waiting: the caller switches its port, then calls `receiveBaudEcho`.
    func sendSetBaudRate(_ baud: Int, delayMilliseconds: UInt8) throws {
        try send(.short(.setBaudRate, le32(UInt32(baud)) + [delayMilliseconds]))
    }

    /// The SetBaudRate echo, sent by the chip at the new rate.
    func receiveBaudEcho(_ baud: Int, delayMilliseconds: UInt8, timeout: Duration) throws -> Bool {
        let reply = try receive(.short(ShortCommand.setBaudRate.rawValue), timeout: timeout, what: "SetBaudRate")
        return Array(reply.payload.prefix(5)) == le32(UInt32(baud)) + [delayMilliseconds]
    }

    /// FlashRead4K (§4.11): 4096 bytes at `address`.
    func flashRead4K(_ address: UInt32) throws -> [UInt8] {
        let what = "FlashRead4K(0x\(String(address, radix: 16)))"
        let reply = try transact(.long(.read4K, le32(address)),
                                 timeout: longReply(requestPayload: 4, replyPayload: 4 + FlashGeometry.sector),
                                 what: what)
        guard reply.payload.count == 4 + FlashGeometry.sector, u32(reply.payload, at: 0) == address else {
            throw badReply(what)
        }
        return Array(reply.payload[4...])
    }

    /// Sends FlashRead4K without waiting (pipelined reads).
    func sendFlashRead4K(_ address: UInt32) throws {
        try send(.long(.read4K, le32(address)))
    }

    /// Receives a FlashRead4K reply sent earlier.
    func receiveFlashRead4K(_ address: UInt32) throws -> [UInt8] {
        let what = "FlashRead4K(0x\(String(address, radix: 16)))"
        let reply = try receive(.long(FlashOp.read4K.rawValue),
                                timeout: longReply(requestPayload: 4, replyPayload: 4 + FlashGeometry.sector) * 2,
                                what: what)
        try Session.check(reply, what: what)
        guard reply.payload.count == 4 + FlashGeometry.sector, u32(reply.payload, at: 0) == address else {
            throw badReply(what)
        }
        return Array(reply.payload[4...])
    }

    /// FlashWrite4K (§4.12): programs (does not erase) 4096 bytes.
    func flashWrite4K(_ address: UInt32, _ data: ArraySlice<UInt8>) throws {
        precondition(data.count == FlashGeometry.sector)
        let what = "FlashWrite4K(0x\(String(address, radix: 16)))"
        let reply = try transact(.long(.write4K, le32(address) + data),
                                 timeout: longReply(requestPayload: 4 + FlashGeometry.sector, replyPayload: 4,
                                                    work: .milliseconds(50)), what: what)
        guard u32(reply.payload, at: 0) == address else { throw badReply(what) }
    }

    /// FlashErase (§4.14) of a 4 KiB sector or 64 KiB block.
    func flashErase(_ size: EraseSize, _ address: UInt32) throws {
        let what = "FlashErase(0x\(String(size.rawValue, radix: 16)), 0x\(String(address, radix: 16)))"
        let work = size == .sector4K ? timeouts.sectorErase : timeouts.blockErase
        let reply = try transact(.long(.erase, [size.rawValue] + le32(address)),
                                 timeout: longReply(requestPayload: 5, replyPayload: 5, work: work), what: what)
        guard Array(reply.payload.prefix(5)) == [size.rawValue] + le32(address) else { throw badReply(what) }
    }

    /// FlashReadSR (§4.16) with SPI opcode 0x05 / 0x35 / 0x15.
    func readStatusRegister(_ opcode: UInt8) throws -> UInt8 {
        let what = "FlashReadSR(0x\(String(opcode, radix: 16)))"
        let reply = try transact(.long(.readSR, [opcode]), timeout: longReply(requestPayload: 1, replyPayload: 2),
                                 what: what)
        guard reply.payload.count >= 2, reply.payload[0] == opcode else { throw badReply(what) }
        return reply.payload[1]
    }

    /// FlashWriteSR (§4.17): opcode 0x01 with 1 or 2 value bytes.
    func writeStatusRegister(_ opcode: UInt8, _ values: [UInt8]) throws {
        let what = "FlashWriteSR(0x\(String(opcode, radix: 16)))"
        let reply = try transact(.long(.writeSR, [opcode] + values),
                                 timeout: longReply(requestPayload: 1 + values.count, replyPayload: 1 + values.count),
                                 what: what)
        guard Array(reply.payload.prefix(1 + values.count)) == [opcode] + values else { throw badReply(what) }
    }

    /// JEDEC ID via the SPI-operate op with `9F 00 00 00` (§4.18): manufacturer, type, capacity.
    func readJEDECID() throws -> [UInt8] {
        let reply = try transact(.long(.spiOperate, [0x9F, 0, 0, 0]),
                                 timeout: longReply(requestPayload: 4, replyPayload: 4), what: "GetMID")
        // payload after status: dummy, MID, type, capacity (len16 = 6); tolerate the len16 = 5 variant (§14.2).
        if reply.payload.count >= 4 { return Array(reply.payload[1 ..< 4]) }
        if reply.payload.count == 3 { return reply.payload }
        throw badReply("GetMID")
    }
}
