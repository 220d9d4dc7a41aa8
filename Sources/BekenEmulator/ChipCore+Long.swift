import BekenProtocol

// Long ("flash operate") ops (bk_idk bl_bk_hci_protocol.c, bl_extflash.c).
extension ChipCore {
    static let ok = ChipStatus.ok.rawValue
    static let lengthError = ChipStatus.packetLengthError.rawValue
    static let parameterError = ChipStatus.parameterError.rawValue

    /// Whether `len16` (op + payload) is right for the op (bk_idk bl_bk_hci_protocol.c).
    static func isValidLength(_ op: UInt8, _ len16: Int) -> Bool {
        switch op {
        case FlashOp.write.rawValue: (6...(5 + 256)).contains(len16)  // addr + 1…256 bytes (bk_idk bl_bk_hci_protocol.c FLASH_ADDR_WRITE_CMD)
        case FlashOp.write4K.rawValue: len16 == 0x1005                // bk_idk bl_bk_hci_protocol.c FLASH_4K_WRITE_CMD
        case FlashOp.read.rawValue: len16 == 7                        // addr + size u16 (bk_idk bl_bk_hci_protocol.c)
        case FlashOp.read4K.rawValue, FlashOp.erase4K.rawValue: len16 == 5
        case FlashOp.eraseAll.rawValue, FlashOp.readSR.rawValue: len16 == 2
        case FlashOp.writeSR.rawValue: len16 == 3 || len16 == 4       // opcode + 1 or 2 values (bk_idk bl_bk_hci_protocol.c FLASH_SR_WRITE_CMD)
        case FlashOp.spiOperate.rawValue: len16 >= 2
        case FlashOp.erase.rawValue: len16 == 6                       // size code + addr (bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD)
        default: false
        }
    }

    mutating func handleLong(_ op: UInt8, len16: Int, _ payload: [UInt8]) -> ChipAction? {
        guard traits.longOps.contains(op) else {
            return ChipAction(reply: ChipReply.long(op, status: ChipStatus.unknownCommand.rawValue))  // bk_idk bl_bk_hci_protocol.c
        }
        guard Self.isValidLength(op, len16), payload.count == len16 - 1 else {
            return ChipAction(reply: ChipReply.long(op, status: Self.lengthError))  // PACK_LEN_ERROR (bk_idk type.h, bl_bk_hci_protocol.c)
        }
        let address = payload.count >= 4 ? UInt32(littleEndian: payload[0..<4]) : 0
        let addressEcho = Array(payload.prefix(4))
        switch op {
        case FlashOp.read4K.rawValue:
            guard isAllowed(address) else {
                // The one observed refusal: status 6 and one byte after the address (ltchiptool #34, bk_idk bl_extflash.c).
                return ChipAction(reply: ChipReply.long(op, status: Self.parameterError, addressEcho + [0x00]))
            }
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, addressEcho + flash.read(address, count: 0x1000)))
        case FlashOp.read.rawValue:
            let count = Int(payload[4])  // only the low byte of size is used (bk_idk bl_bk_hci_protocol.c)
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, addressEcho + flash.read(address, count: count)))
        case FlashOp.write4K.rawValue:
            guard isAllowed(address) else { return ChipAction(reply: ChipReply.long(op, status: Self.parameterError, addressEcho)) }
            flash.program(address, payload[4...])
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, addressEcho), busy: timing.write4KTail(baud: baudRate))
        case FlashOp.write.rawValue:
            guard isAllowed(address) else {
                return ChipAction(reply: ChipReply.long(op, status: Self.parameterError, addressEcho + [0x00]))
            }
            flash.program(address, payload[4...])
            // `written` = len16 − 5 truncated to a byte: 0 for 256 bytes (bk_idk bl_bk_hci_protocol.c FLASH_ADDR_WRITE_CMD arithmetic).
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, addressEcho + [UInt8((len16 - 5) & 0xFF)]),
                              busy: timing.pageProgram)
        case FlashOp.erase.rawValue:
            return erase(sizeCode: payload[0], address: UInt32(littleEndian: payload[1..<5]), echo: Array(payload[0..<5]))
        case FlashOp.erase4K.rawValue:
            guard isAllowed(address) else { return ChipAction(reply: ChipReply.long(op, status: Self.parameterError, addressEcho)) }
            unprotectIfMarked()
            flash.erase(address, blockSize: 0x1000)
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, addressEcho), busy: timing.erase4K)
        case FlashOp.eraseAll.rawValue:
            unprotectIfMarked()
            flash.eraseAll()
            let blocks = (flash.size + 0xFFFF) / 0x10000
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, [payload[0]]), busy: timing.erase64K * blocks)
        case FlashOp.readSR.rawValue:
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, [payload[0], readStatusRegister(payload[0])]))
        case FlashOp.writeSR.rawValue:
            writeStatusRegister(payload[0], Array(payload[1...]))
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, payload))  // echo of the request (bk_idk bl_bk_hci_protocol.c FLASH_SR_WRITE_CMD)
        case FlashOp.spiOperate.rawValue:
            return ChipAction(reply: ChipReply.long(op, status: Self.ok, spiTransfer(payload)))
        default:
            return ChipAction(reply: ChipReply.long(op, status: ChipStatus.unknownCommand.rawValue))
        }
    }

    /// Range check on the unmasked address (BL refuses its own window; the mirror gets through, bk_idk bl_extflash.c; ltchiptool issue #34).
    func isAllowed(_ address: UInt32) -> Bool { address >= traits.protectedBelow }

    /// BL lock: an erase unprotects the flash only if LinkCheck marked it protected (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
    mutating func unprotectIfMarked() {
        guard traits.crcProtectLock, protectMarked else { return }
        flash.unprotectAll()
        protectMarked = false
    }

    /// FlashErase 0x0F: 0x20 4 KiB, 0x52 32 KiB, 0xD8 64 KiB; other codes get no reply at all (bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD).
    /// Status is 0 even when the flash is protected (bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD).
    mutating func erase(sizeCode: UInt8, address: UInt32, echo: [UInt8]) -> ChipAction? {
        guard let size = EraseSize(rawValue: sizeCode) else { return nil }
        let op = FlashOp.erase.rawValue
        guard isAllowed(address) else { return ChipAction(reply: ChipReply.long(op, status: Self.parameterError, echo)) }
        unprotectIfMarked()
        flash.erase(address, blockSize: size.byteCount)
        return ChipAction(reply: ChipReply.long(op, status: Self.ok, echo), busy: timing.eraseTime(blockSize: size.byteCount))
    }

    /// ReadSR: the chip clocks out the opcode and reads one byte (bk_idk bl_bk_hci_protocol.c FLASH_SR_READ_CMD).
    func readStatusRegister(_ opcode: UInt8) -> UInt8 {
        switch opcode {
        case 0x05: flash.sr1
        case 0x35: flash.sr2
        case 0x15: flash.sr3
        default: 0xFF
        }
    }

    /// WriteSR: WREN + opcode + values + WRDI; WIP/WEL (SR1 bits 0–1) are read-only (bk_idk bl_bk_hci_protocol.c FLASH_SR_WRITE_CMD; bk7231tools cmd_hl_flash.py).
    mutating func writeStatusRegister(_ opcode: UInt8, _ values: [UInt8]) {
        if configuration.faults.statusRegisterStuck {
            faultCounts.ignoredStatusWrites += 1
            return
        }
        if flash.statusRegisterLocked { return }
        if opcode == 0x01, values.count > 1 {
            switch traits.statusRegisterQuirk {
            case .none: break
            case .twoByteWriteIgnored: return
            case .twoByteWriteSetsEveryBit:
                // As if 0xFFFF arrived: only S15, S10, S1 and S0 stay clear, the bits WRSR cannot set (PR #29).
                flash.sr1 = 0xFC
                flash.sr2 = 0x7B
                flash.statusRegisterLocked = true
                return
            }
        }
        switch opcode {
        case 0x01:
            flash.sr1 = values[0] & ~0x03
            if values.count > 1 { flash.sr2 = values[1] }
        case 0x31: flash.sr2 = values[0]
        case 0x11: flash.sr3 = values[0]
        default: break
        }
    }

    /// Op 0x0E: full-duplex SPI transfer; bytes clocked in while the payload goes out (bk7231tools cmd_ll_flash.py flash_read_id; bk_idk bl_bk_hci_protocol.c FLASH_SPI_OP_CMD).
    /// The byte during the opcode ("dummy") is 0x00.
    func spiTransfer(_ payload: [UInt8]) -> [UInt8] {
        var response = [UInt8](repeating: 0xFF, count: payload.count)
        response[0] = 0x00
        let answer: [UInt8]
        switch payload[0] {
        case 0x9F: answer = flash.jedecID
        case 0x05: answer = [flash.sr1]
        case 0x35: answer = [flash.sr2]
        case 0x15: answer = [flash.sr3]
        default: answer = []
        }
        for (index, byte) in answer.enumerated() where index + 1 < response.count { response[index + 1] = byte }
        return response
    }
}
