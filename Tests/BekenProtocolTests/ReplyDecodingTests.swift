import Testing
@testable import BekenProtocol

// Every chip frame of the command reference (as bk_idk bl_bk_hci_protocol.c sends them), decoded and interpreted.
@Suite struct ReplyDecodingTests {
    private func reply(_ command: HostCommand, _ bytes: String) throws -> CommandReply {
        let frame = try #require(decodeOne(hex(bytes)))
        return try command.decodeReply(frame)
    }

    @Test func shortReplies() throws {
        #expect(try reply(.linkCheck, "04 0E 05 01 E0 FC 01 00") == .linked)  // hid_download_py boot_protocol.py CheckRespond_LinkCheck
        #expect(try reply(.writeReg(address: 0x0080_0074, value: 0x101), "04 0E 0C 01 E0 FC 01 74 00 80 00 01 01 00 00")
            == .register(address: 0x0080_0074, value: 0x101))  // bk7231tools base/packets.py BkWriteRegCmnd
        #expect(try reply(.readReg(address: 0x0080_0000), "04 0E 0C 01 E0 FC 03 00 00 80 00 1C 23 07 00")
            == .register(address: 0x0080_0000, value: 0x7231C))  // bk7231tools base/packets.py BkReadRegCmnd
        #expect(try reply(.setBaudRate(baud: 921_600, delayMs: 20), "04 0E 09 01 E0 FC 0F 00 10 0E 00 14")
            == .baudRate(baud: 921_600, delayMs: 20))  // bk7231tools linking.py set_baudrate
        #expect(try reply(.checkCRC(start: 0x11000, end: 0x11FFF), "04 0E 08 01 E0 FC 10 F5 98 AB 0E")
            == .crc(raw: BekenCRC32.erasedSector4K))  // bk7231tools cmd_ll_chip.py read_flash_range_crc
        #expect(try reply(.readBootVersion, "04 0E 11 01 E0 FC 11 42 4B 37 32 33 31 53 5F 31 2E 30 2E 35")
            == .bootVersion("BK7231S_1.0.5"))  // bk7231tools linking.py detect_chip; hid_download_py boot_protocol.py
        #expect(try reply(.readBootVersion, "04 0E 05 01 E0 FC 11 07") == .bootVersion(nil))  // ROM
        #expect(try reply(.stayRom, "04 0E 05 01 E0 FC AA 55") == .echo([0x55]))  // hid_download_py boot_protocol.py
        #expect(try reply(.reboot(magic: 0x12), "04 0E 05 01 E0 FC 0E 12") == .echo([0x12]))  // hid_download_py uart_downloader.py
    }

    @Test func longReplies() throws {
        let data = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
        let read = try #require(decodeOne(hex("04 0E FF 01 E0 FC F4 06 10 09 00 00 10 01 00") + data))  // bk7231tools cmd_ll_flash.py flash_read_4k
        #expect(try HostCommand.flashRead4K(address: 0x11000).decodeReply(read) == .flashData(address: 0x11000, data: data))
        #expect(try reply(.flashWrite4K(address: 0x11000, data: data), "04 0E FF 01 E0 FC F4 06 00 07 00 00 10 01 00")
            == .flashAddress(0x11000))  // bk7231tools cmd_ll_flash.py flash_write_4k
        #expect(try reply(.flashWrite(address: 0x11000, data: Array(repeating: 0, count: 16)),
                          "04 0E FF 01 E0 FC F4 07 00 06 00 00 10 01 00 10") == .flashWritten(address: 0x11000, count: 16))
        #expect(try reply(.flashErase(size: .sector4K, address: 0x11000), "04 0E FF 01 E0 FC F4 07 00 0F 00 20 00 10 01 00")
            == .erased(sizeOpcode: 0x20, address: 0x11000))  // bk7231tools base/packets.py EraseSize
        #expect(try reply(.flashErase(size: .sector4K, address: 0x3C000), "04 0e ff 01 e0 fc f4 07 00 0f 00 20 00 c0 03 00")
            == .erased(sizeOpcode: 0x20, address: 0x3C000))  // hid_download_py comment example
        #expect(try reply(.flashErase4K(address: 0x11000), "04 0E FF 01 E0 FC F4 06 00 0B 00 00 10 01 00")
            == .flashAddress(0x11000))
        #expect(try reply(.flashEraseAll(), "04 0E FF 01 E0 FC F4 03 00 0A 00 04") == .eraseAll(timeout: 4))  // hid_download_py boot_protocol.py
        #expect(try reply(.flashRead(address: 0x11000, size: 2), "04 0E FF 01 E0 FC F4 08 00 08 00 00 10 01 00 AB CD")
            == .flashData(address: 0x11000, data: [0xAB, 0xCD]))
        #expect(try reply(.flashReadSR(opcode: 0x05), "04 0E FF 01 E0 FC F4 04 00 0C 00 05 04")
            == .statusRegister(opcode: 0x05, value: 0x04))  // bk7231tools base/packets.py BkFlashReg8ReadResp
        #expect(try reply(.flashWriteSR(opcode: 0x01, values: [0x00]), "04 0E FF 01 E0 FC F4 04 00 0D 00 01 00")
            == .statusRegisterWritten(opcode: 0x01, values: [0x00]))  // bk7231tools base/packets.py BkFlashReg16WriteCmnd
        #expect(try reply(.flashWriteSR(opcode: 0x01, values: [0, 0]), "04 0E FF 01 E0 FC F4 05 00 0D 00 01 00 00")
            == .statusRegisterWritten(opcode: 0x01, values: [0, 0]))
        let mid = try reply(.getMID, "04 0E FF 01 E0 FC F4 06 00 0E 00 00 EB 60 15")  // bk7231tools cmd_ll_flash.py flash_read_id TH25Q16HB
        #expect(mid == .spi([0x00, 0xEB, 0x60, 0x15]) && mid.jedecBytes == [0xEB, 0x60, 0x15])
    }

    @Test func unknownCommandReplies() throws {  // bk_idk bl_bk_hci_protocol.c
        let short = try #require(decodeOne(hex("04 0E 05 01 E0 FC 55 07")))
        #expect(short == .short(code: 0x55, payload: [0x07]) && short.isShortUnknownCommand)
        let long = try #require(decodeOne(hex("04 0E FF 01 E0 FC F4 02 00 54 07")))
        #expect(long == .long(op: 0x54, status: 7, payload: []))
        #expect(throws: ProtocolError.chipStatus(op: 0x54, status: 7)) {
            try HostCommand.long(op: 0x54, payload: [0, 0, 0, 0]).decodeReply(long)
        }
        let readReg = try #require(decodeOne(hex("04 0E 05 01 E0 FC 03 07")))  // ReadReg on a BASIC bootloader
        #expect(throws: ProtocolError.unknownCommand(code: 0x03)) { try HostCommand.readReg(address: 0).decodeReply(readReg) }
    }

    @Test func errorStatusAndEchoChecks() throws {
        // ltchiptool #34: direct read of address 0 on a BK7231S-type bootloader → status 6, one extra byte.
        let refused = try #require(decodeOne(hex("04 0E FF 01 E0 FC F4 07 00 09 06 00 00 00 00 00")))
        do {
            _ = try HostCommand.flashRead4K(address: 0).decodeReply(refused)
            Issue.record("status 6 must throw")
        } catch {
            #expect(error == .chipStatus(op: 0x09, status: 6))
            #expect(error.description == "chip refused long op 0x09: status 6 PARAM_ERROR: bad parameter (e.g. address refused by the bootloader)")
        }
        let wrongAddress = try #require(decodeOne(hex("04 0E 0C 01 E0 FC 03 04 00 80 00 1C 23 07 00")))
        #expect(throws: ProtocolError.echoMismatch(code: 0x03, field: "address", sent: 0x0080_0000, received: 0x0080_0004)) {
            try HostCommand.readReg(address: 0x0080_0000).decodeReply(wrongAddress)
        }
        let shortRead = try #require(decodeOne(hex("04 0E FF 01 E0 FC F4 06 00 09 00 00 10 01 00")))
        #expect(throws: ProtocolError.malformedReply(code: 0x09, reason: "payload of 4 bytes, expected 4100")) {
            try HostCommand.flashRead4K(address: 0x11000).decodeReply(shortRead)
        }
        #expect(throws: ProtocolError.noReplyExpected) { try HostCommand.reboot().decodeReply(shortRead) }
        let link = try #require(decodeOne(hex("04 0E 05 01 E0 FC 01 00")))
        #expect(throws: ProtocolError.self) { try HostCommand.checkCRC(start: 0, end: 256).decodeReply(link) }
    }
}
