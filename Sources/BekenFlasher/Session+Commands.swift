import BekenProtocol

/// Typed chip commands over the session (bk7231tools base/enums.py; bk_idk bl_bk_hci_protocol.c), with deadlines from CommandTimeouts. Addresses are sent
/// as given: the address mirror and CRC end conventions are the flasher's business (FlashAddressing).
extension Session {
    private func badReply(_ what: String) -> FlasherError {
        FlasherError(.badResponse, "the chip's reply to \(what) was not the expected kind",
                     hint: .retryOrLowerBaud)
    }

    private func deadline(for command: HostCommand, replyPayload: Int, work: Duration = .zero) -> Duration {
        let request = command.encoded().count
        let reply = (command.isLong ? 11 : 7) + replyPayload
        return timeouts.reply(requestBytes: request, replyBytes: reply, baud: baudRate, work: work)
    }

    private static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    /// ReadReg (bk7231tools base/packets.py BkReadRegCmnd).
    func readRegister(_ address: UInt32) throws -> UInt32 {
        let command = HostCommand.readReg(address: address)
        let what = "ReadReg(\(Session.hex(address)))"
        guard case .register(_, let value) = try transact(command, timeout: deadline(for: command, replyPayload: 8),
                                                         what: what) else { throw badReply(what) }
        return value
    }

    /// WriteReg (bk7231tools base/packets.py BkWriteRegCmnd); the reply is an echo of the request (checked).
    func writeRegister(_ address: UInt32, _ value: UInt32) throws {
        let command = HostCommand.writeReg(address: address, value: value)
        try transact(command, timeout: deadline(for: command, replyPayload: 8), what: "WriteReg(\(Session.hex(address)))")
    }

    /// CheckCRC (bk7231tools cmd_ll_chip.py read_flash_range_crc): the chip's raw CRC (no final XOR) over `start…end` as the chip interprets `end`.
    func checkCRC(start: UInt32, end: UInt32, hashedBytes: Int) throws -> UInt32 {
        let command = HostCommand.checkCRC(start: start, end: end)
        try send(command)
        return try receiveCRC(to: command, hashedBytes: hashedBytes)
    }

    /// The reply to a CheckCRC sent earlier (alone or in a burst, `sendBurst`); the deadline allows for hashing
    /// `hashedBytes` once the chip takes the request up.
    func receiveCRC(to command: HostCommand, hashedBytes: Int) throws -> UInt32 {
        let what = command.description
        guard case .crc(let raw) = try receiveReply(to: command, timeout: deadline(for: command, replyPayload: 4,
                                                                                  work: timeouts.crcWork(bytes: hashedBytes)),
                                                    what: what) else { throw badReply(what) }
        return raw
    }

    /// ReadBootVersion (bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py): the Tuya T bootloader's ASCII version; nil when the chip answers UNKNOW_CMD.
    func readBootVersion() throws -> String? {
        let command = HostCommand.readBootVersion
        guard case .bootVersion(let text) = try transact(command, timeout: deadline(for: command, replyPayload: 32),
                                                         what: "ReadBootVersion") else { return nil }
        return text
    }

    /// Reboot A5 (hid_download_py uart_downloader.py): no reply.
    func reboot() throws {
        try send(.reboot())
    }

    /// Sends SetBaudRate (bk7231tools linking.py set_baudrate) without waiting: the caller switches its port, then calls `receiveBaudEcho`.
    func sendSetBaudRate(_ baud: Int, delayMilliseconds: UInt8) throws {
        try send(.setBaudRate(baud: UInt32(baud), delayMs: delayMilliseconds))
    }

    /// The SetBaudRate echo, sent by the chip at the new rate; true when it matches.
    func receiveBaudEcho(_ baud: Int, delayMilliseconds: UInt8, timeout: Duration) throws -> Bool {
        let command = HostCommand.setBaudRate(baud: UInt32(baud), delayMs: delayMilliseconds)
        guard case .baudRate = try receiveReply(to: command, timeout: timeout, what: "SetBaudRate") else { return false }
        return true
    }

    private func read4KDeadline(_ command: HostCommand) -> Duration {
        deadline(for: command, replyPayload: 4 + FlashGeometry.sector)
    }

    /// FlashRead4K (bk7231tools cmd_ll_flash.py flash_read_4k): 4096 bytes at `address`.
    func flashRead4K(_ address: UInt32) throws -> [UInt8] {
        try sendFlashRead4K(address)
        return try receiveFlashRead4K(address, extraWait: .zero)
    }

    /// Sends FlashRead4K without waiting (pipelined reads).
    func sendFlashRead4K(_ address: UInt32) throws {
        try send(.flashRead4K(address: address))
    }

    /// Receives a FlashRead4K reply sent earlier; `extraWait` covers a reply queued behind another.
    func receiveFlashRead4K(_ address: UInt32, extraWait: Duration) throws -> [UInt8] {
        let command = HostCommand.flashRead4K(address: address)
        let what = "FlashRead4K(\(Session.hex(address)))"
        guard case .flashData(_, let data) = try receiveReply(to: command, timeout: read4KDeadline(command) + extraWait,
                                                              expectedLength: 15 + FlashGeometry.sector, what: what)
        else { throw badReply(what) }
        return data
    }

    /// The next FlashRead4K reply, whichever address it answers (pipelined reads match replies to requests by
    /// the echoed address, so a lost reply costs one re-request, not the whole pipeline). `pending` scales the
    /// deadline for replies queued behind each other.
    func receiveAnyFlashRead4K(pending: Int) throws -> (wireAddress: UInt32, data: [UInt8]) {
        let probe = HostCommand.flashRead4K(address: 0)
        guard let expectation = probe.expectedReply else { throw badReply("FlashRead4K") }
        let frame = try receive(expectation, timeout: read4KDeadline(probe) * max(1, pending), what: "FlashRead4K")
        guard let address = LE.u32(frame.payload, at: 0) else { throw badReply("FlashRead4K") }
        let command = HostCommand.flashRead4K(address: address)
        let reply: CommandReply
        do {
            reply = try command.decodeReply(frame)
        } catch {
            throw Session.flasherError(error, what: "FlashRead4K(\(Session.hex(address)))")
        }
        guard case .flashData(_, let data) = reply else { throw badReply("FlashRead4K(\(Session.hex(address)))") }
        return (address, data)
    }

    /// FlashWrite4K (bk7231tools cmd_ll_flash.py flash_write_4k): programs (does not erase) 4096 bytes.
    func flashWrite4K(_ address: UInt32, _ data: ArraySlice<UInt8>) throws {
        precondition(data.count == FlashGeometry.sector)
        let command = HostCommand.flashWrite4K(address: address, data: Array(data))
        // The chip programs while the data streams in: its reply can start right after the frame's wire time.
        try transactPaddingAStalledFrame(command, replyPayload: 4, work: .milliseconds(50), typicalWork: .zero,
                                         what: "FlashWrite4K(\(Session.hex(address)))")
    }

    /// FlashErase (bk7231tools base/packets.py EraseSize) of a 4 KiB sector or 64 KiB block.
    func flashErase(_ size: EraseSize, _ address: UInt32) throws {
        let command = HostCommand.flashErase(size: size, address: address)
        let work = size == .sector4K ? timeouts.sectorErase : timeouts.blockErase
        let typical = size == .sector4K ? CommandTimeouts.typicalSectorErase : CommandTimeouts.typicalBlockErase
        try transactPaddingAStalledFrame(command, replyPayload: 5, work: work, typicalWork: typical,
                                         what: "FlashErase(0x\(String(size.rawValue, radix: 16)), \(Session.hex(address)))")
    }

    /// Sends a modifying command and waits for its reply. A byte lost on the way leaves the chip waiting for the
    /// frame's last byte, and a lost header byte makes it miss the request: either way it stays silent until the
    /// full deadline (1 s for a sector erase, 3 s for a block). If no reply has started 5 ms after it typically
    /// would (wire time + `typicalWork`), the session sends eight 0xFF and a LinkCheck:
    /// - a waiting parser completes the frame with the first 0xFF and answers it (wrong data or a wrong echoed
    ///   address, which the caller's checks catch — the frame the next request's first byte would have completed
    ///   anyway, only seconds sooner), then the LinkCheck;
    /// - an idle parser drops 0xFF (it only starts a frame at 0x01, bk_idk bl_tra_hcit.c TRAhcit_Rx_Char) and
    ///   answers the LinkCheck at once: the request never arrived, and the caller's retry sends it again;
    /// - a chip still busy (a slow erase) answers the request first, then the LinkCheck, whose reply is taken.
    private func transactPaddingAStalledFrame(_ command: HostCommand, replyPayload: Int, work: Duration,
                                              typicalWork: Duration, what: String) throws {
        let full = deadline(for: command, replyPayload: replyPayload, work: work)
        try send(command)
        let early = CommandTimeouts.wireTime(bytes: command.encoded().count + 15, baud: baudRate) + typicalWork
            + .milliseconds(5)
        guard early < full else {
            _ = try receiveReply(to: command, timeout: full, what: what)
            return
        }
        do {
            _ = try receiveReply(to: command, timeout: early, what: what)
            return
        } catch let error as FlasherError where error.code == .noResponse && error.isSilent {
            do {
                try link.write([UInt8](repeating: 0xFF, count: 8) + HostCommand.linkCheck.encoded())
            } catch { throw Session.transportError(error) }
        }
        let replied: Bool
        do {
            replied = try receiveReplyOrProbeAnswer(to: command, probe: .linkCheck, timeout: full - early, what: what) != nil
        } catch {
            takeProbeAnswer()
            throw error
        }
        guard replied else {
            throw FlasherError.noResponse("\(what) (the chip answered a LinkCheck sent after it: the request was lost on the way)")
                .with(damage: .unrecognised)
        }
        takeProbeAnswer()
    }

    /// Takes the answer to the LinkCheck sent behind a request that was answered (or failed): it follows the
    /// request's reply, and a stale one must not answer a later LinkCheck.
    private func takeProbeAnswer() {
        _ = try? receive(.linkCheck, timeout: deadline(for: .linkCheck, replyPayload: 1), what: "LinkCheck")
    }

    /// FlashReadSR (bk7231tools base/packets.py BkFlashReg8ReadResp) with SPI opcode 0x05 / 0x35 / 0x15.
    func readStatusRegister(_ opcode: UInt8) throws -> UInt8 {
        let command = HostCommand.flashReadSR(opcode: opcode)
        let what = "FlashReadSR(0x\(String(opcode, radix: 16)))"
        guard case .statusRegister(_, let value) = try transact(command, timeout: deadline(for: command, replyPayload: 2),
                                                                what: what) else { throw badReply(what) }
        return value
    }

    /// FlashWriteSR (bk7231tools base/packets.py BkFlashReg16WriteCmnd): opcode 0x01 with 1 or 2 value bytes.
    func writeStatusRegister(_ opcode: UInt8, _ values: [UInt8]) throws {
        let command = HostCommand.flashWriteSR(opcode: opcode, values: values)
        try transact(command, timeout: deadline(for: command, replyPayload: 1 + values.count),
                     what: "FlashWriteSR(0x\(String(opcode, radix: 16)))")
    }

    /// JEDEC ID via GetMID (`9F 00 00 00`, bk7231tools cmd_ll_flash.py flash_read_id): manufacturer, type, capacity.
    func readJEDECID() throws -> [UInt8] {
        let command = HostCommand.getMID
        guard let id = try transact(command, timeout: deadline(for: command, replyPayload: 4), what: "GetMID").jedecBytes
        else { throw badReply("GetMID") }
        return id
    }
}
