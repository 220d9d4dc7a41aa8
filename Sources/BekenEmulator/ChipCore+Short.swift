import BekenProtocol

// Short commands (bk_idk bl_bk_hci_protocol.c).
extension ChipCore {
    /// Payload bytes each short command needs; shorter frames answer PACK_LEN_ERROR.
    static let shortPayloadSizes: [UInt8: Int] = [
        0x01: 8,  // WriteReg addr, value (bk_idk bl_bk_hci_protocol.c REGISTER_WRITE_CMD)
        0x03: 4,  // ReadReg addr (bk_idk bl_bk_hci_protocol.c REGISTER_READ_CMD)
        0x0E: 1,  // Reboot param (bk_idk bl_bk_hci_protocol.c SYS_REBOOT_CMD)
        0x0F: 5,  // SetBaudRate baud, delay (bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD)
        0x10: 8,  // CheckCRC start, end (bk_idk bl_bk_hci_protocol.c FLASH_IMAGE_CEC_CHECK)
        0x70: 4,  // Reset "SEAN" (bk_idk bl_bk_hci_protocol.c)
        0xAA: 1,  // StayRom (bk_idk bl_bk_hci_protocol.c)
    ]

    mutating func handleShort(_ command: UInt8, _ payload: [UInt8], at time: ContinuousClock.Instant) -> ChipAction? {
        guard traits.shortCommands.contains(command) else {
            return ChipAction(reply: ChipReply.short(command, [ChipStatus.unknownCommand.rawValue]))  // bk_idk bl_bk_hci_protocol.c
        }
        if let needed = Self.shortPayloadSizes[command], payload.count < needed {
            return ChipAction(reply: ChipReply.short(command, [ChipStatus.packetLengthError.rawValue]))
        }
        switch command {
        case ShortCommand.linkCheck.rawValue:
            latchDownloadMode()
            if traits.crcProtectLock { protectMarked = flash.isProtected }  // LinkCheck marks the lock (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py)
            return ChipAction(reply: ChipReply.short(ShortCommand.linkCheck.replyCode, [0x00]))
        case ShortCommand.writeReg.rawValue:
            writeRegister(UInt32(littleEndian: payload[0..<4]), UInt32(littleEndian: payload[4..<8]))
            return ChipAction(reply: ChipReply.short(command, Array(payload[0..<8])))  // echo of the request (bk_idk bl_bk_hci_protocol.c REGISTER_WRITE_CMD)
        case ShortCommand.readReg.rawValue:
            let address = UInt32(littleEndian: payload[0..<4])
            return ChipAction(reply: ChipReply.short(command, Array(payload[0..<4]) + readRegister(address).littleEndianBytes))
        case ShortCommand.reboot.rawValue:
            guard payload[0] == 0xA5 else { return ChipAction(reply: ChipReply.short(command, [payload[0]])) }
            reset(at: time)  // no reply (bk_idk bl_bk_hci_protocol.c SYS_REBOOT_CMD)
            return ChipAction(didReset: true)
        case ShortCommand.setBaudRate.rawValue:
            // Switch first, wait delay_ms, then echo at the new rate (bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD).
            let rate = Int(UInt32(littleEndian: payload[0..<4]))
            setBaudRate(rate)
            return ChipAction(
                reply: ChipReply.short(command, Array(payload[0..<5])), newBaudRate: rate,
                hold: .milliseconds(Int(payload[4])))
        case ShortCommand.checkCRC.rawValue:
            return checkCRC(start: UInt32(littleEndian: payload[0..<4]), end: UInt32(littleEndian: payload[4..<8]))
        case ShortCommand.readBootVersion.rawValue:
            let version = Array((traits.bootVersion ?? "").utf8)
            return ChipAction(reply: ChipReply.short(command, version))  // hid_download_py boot_protocol.py CheckRespond_BootVersion
        case ShortCommand.resetSEAN.rawValue:
            guard payload[0..<4].elementsEqual([0x53, 0x45, 0x41, 0x4E]) else {
                return ChipAction(reply: ChipReply.short(command, Array(payload[0..<4])))
            }
            reset(at: time)  // watchdog reset, no answer (bk_idk bl_bk_hci_protocol.c)
            return ChipAction(didReset: true)
        case ShortCommand.stayRom.rawValue:
            latchDownloadMode()
            return ChipAction(reply: ChipReply.short(command, [payload[0]]))  // echo, latches like LinkCheck (bk_idk bl_bk_hci_protocol.c)
        default:
            return ChipAction(reply: ChipReply.short(command, [ChipStatus.unknownCommand.rawValue]))
        }
    }

    /// CheckCRC: ROM hashes [start, end] byte by byte; BL hashes whole 256-byte blocks while addr < end
    /// (bk_idk bl_bk_hci_protocol.c FLASH_IMAGE_CEC_CHECK). Not range-checked on BL (bk_idk bl_extflash.c; ltchiptool issue #34).
    mutating func checkCRC(start: UInt32, end: UInt32) -> ChipAction {
        var crc = BekenCRC32.initial
        var hashed = 0
        if traits.crcEndInclusive {
            if end >= start { hashed = Int(end - start) + 1 }
        } else if end > start {
            hashed = (Int(end - start) + 255) / 256 * 256  // whole 256-byte blocks (bk_idk bl_bk_hci_protocol.c FLASH_IMAGE_CEC_CHECK)
        }
        // A garbled request can ask for gigabytes (a flipped top bit of `end`): the chip then hashes for minutes or
        // hours, and only a reset ends that. The value of such a CRC is never seen, so it is not computed: the reply
        // is withheld (`ChipAction.busy` carries the hashing time; a reset during it cancels the reply).
        if hashed > ChipCore.largestComputedCRC {
            if traits.crcProtectLock {
                flash.protectAll()
                protectMarked = false
            }
            return ChipAction(reply: [], busy: timing.crcTime(bytes: hashed))
        }
        if hashed > 0 { crc = flash.crc(crc, start, count: hashed) }
        if traits.crcProtectLock {
            // Re-protects the flash but leaves it unmarked, so erase cannot unprotect it until a LinkCheck (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
            flash.protectAll()
            protectMarked = false
        }
        return ChipAction(reply: ChipReply.short(ShortCommand.checkCRC.rawValue, crc.littleEndianBytes),
                          busy: timing.crcTime(bytes: hashed))
    }

    // Registers (ltchiptool soc/bk72xx/flash.py; BK7231GUIFlashTool BK7231Flasher.cs, BKChipIdentity.cs; bk7231tools base/enums.py BkChipType).
    static let chipIDRegister: UInt32 = 0x0080_0000
    static let efuseControlRegister: UInt32 = 0x0080_0074
    static let efuseResultRegister: UInt32 = 0x0080_0078

    mutating func writeRegister(_ address: UInt32, _ value: UInt32) {
        switch address {
        case Self.efuseControlRegister:
            // Start bit 0: read eFuse byte (bits 12..8) into OPTR with valid bit 8; the start bit self-clears (ltchiptool soc/bk72xx/flash.py flash_read_raw).
            if value & 1 != 0 {
                let index = Int((value >> 8) & 0x1F)
                efuseResult = 0x100 | UInt32(traits.efuse[index % traits.efuse.count])
            }
            efuseControl = value & ~1
        default:
            registers[address] = value
        }
    }

    func readRegister(_ address: UInt32) -> UInt32 {
        switch address {
        case Self.chipIDRegister: traits.chipID
        case Self.efuseControlRegister: efuseControl
        case Self.efuseResultRegister: efuseResult
        case 0x0600_0000..<0x0602_0000: 0  // boot-ROM window reads as 0 (bk_idk bl_bk_hci_protocol.c addr_is_readable)
        default: registers[address] ?? 0
        }
    }
}
