import Testing
@testable import BekenProtocol

// Every host frame of the command reference, as bk7231tools base/packets.py and hid_download_py boot_protocol.py build them.
@Suite struct HostEncodingTests {
    @Test func shortCommands() {
        #expect(HostCommand.linkCheck.encoded() == hex("01 E0 FC 01 00"))  // hid_download_py boot_protocol.py CheckRespond_LinkCheck
        #expect(HostCommand.writeReg(address: 0x0080_0074, value: 0x101).encoded()
            == hex("01 E0 FC 09 01 74 00 80 00 01 01 00 00"))  // bk7231tools base/packets.py BkWriteRegCmnd
        #expect(HostCommand.readReg(address: 0x0080_0000).encoded() == hex("01 E0 FC 05 03 00 00 80 00"))  // bk7231tools base/packets.py BkReadRegCmnd
        #expect(HostCommand.reboot().encoded() == hex("01 E0 FC 02 0E A5"))  // hid_download_py uart_downloader.py
        #expect(HostCommand.readBootVersion.encoded() == hex("01 E0 FC 01 11"))  // bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py
        #expect(HostCommand.stayRom.encoded() == hex("01 E0 FC 02 AA 55"))  // hid_download_py boot_protocol.py
        #expect(HostCommand.resetSEAN.encoded() == hex("01 E0 FC 05 70 53 45 41 4E"))
        #expect(HostCommand.resetOther.encoded() == hex("01 E0 FC 05 FE 95 27 95 27"))
        #expect(HostCommand.bl2LinkCheck.encoded() == hex("01 E0 FC 01 02"))
        #expect(HostCommand.short(code: 0x55, payload: []).encoded() == hex("01 E0 FC 01 55"))  // bk_idk bl_bk_hci_protocol.c
    }

    @Test func setBaudRate() {  // bk7231tools linking.py set_baudrate
        #expect(HostCommand.setBaudRate(baud: 921_600, delayMs: 20).encoded() == hex("01 E0 FC 06 0F 00 10 0E 00 14"))
        #expect(HostCommand.setBaudRate(baud: 2_000_000, delayMs: 200).encoded() == hex("01 E0 FC 06 0F 80 84 1E 00 C8"))
        #expect(HostCommand.setBaudRate(baud: 1_500_000, delayMs: 20).encoded() == hex("01 E0 FC 06 0F 60 E3 16 00 14"))
        #expect(HostCommand.setBaudRate(baud: 921_600, delayMs: 15).encoded() == hex("01 E0 FC 06 0F 00 10 0E 00 0F"))
    }

    @Test func checkCRCEndConventions() {  // bk7231tools cmd_ll_chip.py read_flash_range_crc: erased sector 0x11000–0x11FFF
        let full = HostCommand.checkCRC(start: 0x11000, length: 0x1000, inclusiveEnd: true)
        let tType = HostCommand.checkCRC(start: 0x11000, length: 0x1000, inclusiveEnd: false)
        #expect(full.encoded() == hex("01 E0 FC 09 10 00 10 01 00 FF 1F 01 00"))
        #expect(tType.encoded() == hex("01 E0 FC 09 10 00 10 01 00 00 20 01 00"))
        #expect(CRCRange.endField(start: 0, length: 256, inclusive: false) == 256)
        #expect(CRCRange.hashedLength(start: 0, end: 256, inclusive: true) == 257)  // detection on ROM chips (bk7231tools linking.py detect_chip)
        #expect(CRCRange.hashedLength(start: 0x11000, end: 0x11FFF, inclusive: true) == 4096)
        #expect(CRCRange.hashedLength(start: 5, end: 4, inclusive: false) == 0)
    }

    @Test func longCommands() {
        #expect(HostCommand.flashRead4K(address: 0x11000).encoded() == hex("01 E0 FC FF F4 05 00 09 00 10 01 00"))  // bk7231tools cmd_ll_flash.py flash_read_4k
        let sector = [UInt8](repeating: 0xA5, count: 4096)
        let write4K = HostCommand.flashWrite4K(address: 0x11000, data: sector).encoded()  // bk7231tools cmd_ll_flash.py flash_write_4k
        #expect(write4K.count == 4108)
        #expect(Array(write4K.prefix(12)) == hex("01 E0 FC FF F4 05 10 07 00 10 01 00"))
        #expect(Array(write4K.suffix(4096)) == sector)
        let sixteen = Array(UInt8(0)..<16)
        #expect(HostCommand.flashWrite(address: 0x11000, data: sixteen).encoded()
            == hex("01 E0 FC FF F4 15 00 06 00 10 01 00") + sixteen)  // bk7231tools cmd_ll_flash.py flash_write_bytes
        #expect(HostCommand.flashErase(size: .sector4K, address: 0x11000).encoded()
            == hex("01 E0 FC FF F4 06 00 0F 20 00 10 01 00"))  // bk7231tools base/packets.py EraseSize
        #expect(HostCommand.flashErase(size: .block64K, address: 0x20000).encoded()
            == hex("01 E0 FC FF F4 06 00 0F D8 00 00 02 00"))
        #expect(HostCommand.flashErase4K(address: 0x11000).encoded() == hex("01 E0 FC FF F4 05 00 0B 00 10 01 00"))
        #expect(HostCommand.flashEraseAll().encoded() == hex("01 E0 FC FF F4 02 00 0A 04"))  // hid_download_py boot_protocol.py
        #expect(HostCommand.flashRead(address: 0x11000, size: 0x80).encoded()
            == hex("01 E0 FC FF F4 07 00 08 00 10 01 00 80 00"))
        #expect(HostCommand.flashReadSR(opcode: 0x05).encoded() == hex("01 E0 FC FF F4 02 00 0C 05"))  // bk7231tools base/packets.py BkFlashReg8ReadResp
        #expect(HostCommand.flashReadSR(opcode: 0x35).encoded() == hex("01 E0 FC FF F4 02 00 0C 35"))
        #expect(HostCommand.flashWriteSR(opcode: 0x01, values: [0x00]).encoded()
            == hex("01 E0 FC FF F4 03 00 0D 01 00"))  // bk7231tools base/packets.py BkFlashReg16WriteCmnd
        #expect(HostCommand.flashWriteSR(opcode: 0x01, values: [0x00, 0x00]).encoded()
            == hex("01 E0 FC FF F4 04 00 0D 01 00 00"))  // BK7231GUIFlashTool BK7231Flasher.cs setProtectState worked example
        #expect(HostCommand.getMID.encoded() == hex("01 E0 FC FF F4 05 00 0E 9F 00 00 00"))  // bk7231tools cmd_ll_flash.py flash_read_id
        #expect(HostCommand.long(op: 0x54, payload: [0, 0, 0, 0]).encoded()
            == hex("01 E0 FC FF F4 05 00 54 00 00 00 00"))  // bk_idk bl_bk_hci_protocol.c
    }

    @Test func oversizedShortUsesLongForm() {  // bk7231tools protocol.py encode: long form when len >= 0xFF
        let frame = HostCommand.short(code: 0x20, payload: [UInt8](repeating: 1, count: 0xFE)).encoded()
        #expect(Array(frame.prefix(8)) == hex("01 E0 FC FF F4 FF 00 20"))
        #expect(HostCommand.short(code: 0x20, payload: [UInt8](repeating: 1, count: 0xFD)).encoded()[3] == 0xFE)
    }

    @Test func expectations() {
        #expect(HostCommand.reboot().expectedReply == nil)
        #expect(HostCommand.reboot(magic: 0x11).expectedReply == ReplyExpectation(kind: .short, code: 0x0E))
        #expect(HostCommand.linkCheck.expectedReply == .linkCheck)
        #expect(!ReplyExpectation.linkCheck.matches(.short(code: 0x01, payload: [UInt8](repeating: 0, count: 8))))
        #expect(ReplyExpectation.linkCheck.matches(.short(code: 0x01, payload: [0x00])))
        #expect(HostCommand.writeReg(address: 0, value: 0).expectedReply == ReplyExpectation(kind: .short, code: 0x01))
        #expect(HostCommand.flashErase(size: .sector4K, address: 0).expectedReply == ReplyExpectation(kind: .long, code: 0x0F))
        #expect(HostCommand.setBaudRate(baud: 1, delayMs: 1).expectedReply == ReplyExpectation(kind: .short, code: 0x0F))
    }
}

@Suite struct HostCommandDescriptionTests {
    @Test func descriptions() {
        #expect(HostCommand.checkCRC(start: 0x11000, end: 0x11FFF).description == "CheckCRC(start: 0x11000, end: 0x11fff)")
        #expect(HostCommand.flashErase(size: .block64K, address: 0x20000).description == "FlashErase(64 KiB at 0x20000)")
        #expect(HostCommand.getMID.name == "SPIOperate")
        #expect(HostCommand.long(op: 0x54, payload: []).description == "Long(0x54)")
    }
}
