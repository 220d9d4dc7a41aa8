import BekenEmulator
import BekenProtocol
import Testing

// Chip-side rules the peers do not exercise, with worked bytes as bk_idk bl_bk_hci_protocol.c sends them.

@Suite("Chip-side rules")
struct ChipRulesTests {
    @Test("unknown short and long commands answer status 7 (bk_idk bl_bk_hci_protocol.c)")
    func unknownCommands() {
        let chip = linkedChip(.bk7231n)
        #expect(chip.respond(to: [0x01, 0xE0, 0xFC, 0x01, 0x55]) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x55, 0x07])
        #expect(chip.respond(to: [0x01, 0xE0, 0xFC, 0xFF, 0xF4, 0x05, 0x00, 0x54, 0x00, 0x00, 0x00, 0x00])
            == [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x02, 0x00, 0x54, 0x07])
    }

    @Test("BL personality treats ReadReg, ReadSR and GetMID as unknown (bk7231tools base/enums.py BkProtocolType)")
    func bootloaderUnknowns() {
        let chip = linkedChip(.bk7231t)
        #expect(chip.respond(to: shortFrame(0x03, le32(0x0080_0000))) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x03, 0x07])
        #expect(chip.respond(to: longFrame(0x0C, [0x05])) == longReplyHead(0x0C, status: 7, payloadCount: 0))
        #expect(chip.respond(to: longFrame(0x0E, [0x9F, 0, 0, 0])) == longReplyHead(0x0E, status: 7, payloadCount: 0))
    }

    @Test("wrong len16 answers status 4 (bk_idk bl_bk_hci_protocol.c FLASH_4K_WRITE_CMD)")
    func wrongLength() {
        let chip = linkedChip(.bk7231n, unprotected: true)
        let before = chip.flash
        // Write4K announcing 0x1004 instead of 0x1005: the chip reads 0x1004 bytes, then refuses.
        let frame = longFrame(0x07, le32(0x11000) + [UInt8](repeating: 0, count: 0xFFF), len16: 0x1004)
        #expect(chip.respond(to: frame) == longReplyHead(0x07, status: 4, payloadCount: 0))
        expectSame(chip.flash, before)
        // Read4K with an extra byte.
        #expect(status(of: chip.respond(to: longFrame(0x09, le32(0x11000) + [0]))) == 4)
    }

    @Test("program without erase ANDs bits (NOR, bk_idk bl_extflash.c)")
    func programANDs() {
        var image = [UInt8](repeating: 0xFF, count: 0x20_0000)
        for index in 0x11000..<0x12000 { image[index] = 0xAA }
        let chip = linkedChip(.bk7231n, flash: image, unprotected: true)
        let reply = chip.respond(to: longFrame(0x07, le32(0x11000) + [UInt8](repeating: 0x0F, count: 0x1000)))
        #expect(reply == longReplyHead(0x07, status: 0, payloadCount: 4) + le32(0x11000))
        #expect(chip.flash[0x11000..<0x12000].allSatisfy { $0 == 0x0A })
        // FlashWrite (0x06) of 16 bytes also only clears bits; the reply counts 16 (bk_idk bl_bk_hci_protocol.c FLASH_ADDR_WRITE_CMD example).
        let small = chip.respond(to: longFrame(0x06, le32(0x11000) + [UInt8](repeating: 0xF0, count: 16)))
        #expect(small == [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x07, 0x00, 0x06, 0x00, 0x00, 0x10, 0x01, 0x00, 0x10])
        #expect(chip.flash[0x11000..<0x11010].allSatisfy { $0 == 0x00 })
        #expect(chip.flash[0x11010] == 0x0A)
    }

    @Test("FlashWrite of 256 bytes reports written = 0 (bk_idk bl_bk_hci_protocol.c FLASH_ADDR_WRITE_CMD arithmetic)")
    func flashWrite256() {
        let chip = linkedChip(.bk7231n, unprotected: true)
        let reply = chip.respond(to: longFrame(0x06, le32(0x11000) + [UInt8](repeating: 0x12, count: 256)))
        #expect(reply == longReplyHead(0x06, status: 0, payloadCount: 5) + le32(0x11000) + [0x00])
        #expect(chip.flash[0x110FF] == 0x12)
    }

    @Test("protected flash ignores erase and write while answering status 0 (bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD, bl_extflash.c; OpenBK7231T_App issue #1112)")
    func protectedFlash() throws {
        let image = try dump("Mirabella_Genio_I003632_Plug.bin")
        let chip = linkedChip(.bk7231n, flash: image)  // SR1=0x04 SR2=0x40: BP0 and CMP set
        let erase = longFrame(0x0F, [0x20] + le32(0x11000))
        #expect(chip.respond(to: erase) == longReplyHead(0x0F, status: 0, payloadCount: 5) + [0x20] + le32(0x11000))
        #expect(status(of: chip.respond(to: longFrame(0x07, le32(0x12000) + [UInt8](repeating: 0, count: 0x1000)))) == 0)
        expectSame(chip.flash, image)
        // Read SR as the tools do, then clear BP/CMP with a 2-byte WriteSR (BK7231GUIFlashTool BK7231Flasher.cs setProtectState worked example).
        #expect(chip.respond(to: longFrame(0x0C, [0x05])) == longReplyHead(0x0C, status: 0, payloadCount: 2) + [0x05, 0x04])
        #expect(chip.respond(to: longFrame(0x0C, [0x35])) == longReplyHead(0x0C, status: 0, payloadCount: 2) + [0x35, 0x40])
        #expect(chip.respond(to: longFrame(0x0D, [0x01, 0x00, 0x00]))
            == longReplyHead(0x0D, status: 0, payloadCount: 3) + [0x01, 0x00, 0x00])
        _ = chip.respond(to: erase)
        #expect(chip.flash[0x11000..<0x12000].allSatisfy { $0 == 0xFF })
        expectSame(chip.flash[0x12000..<0x13000], image[0x12000..<0x13000])
    }

    @Test("T protect-lock: CheckCRC re-protects, only a LinkCheck lets the next erase unprotect (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py)")
    func bootloaderProtectLock() throws {
        let image = try dump("Brilo_8464455_Ceiling_Light.bin")
        let chip = linkedChip(.bk7231t, flash: image)
        let sector: UInt32 = 0x21_1000  // 0x11000 through the mirror, as the tools address it
        let erase = longFrame(0x0F, [0x20] + le32(sector))
        _ = chip.respond(to: linkCheck)
        _ = chip.respond(to: shortFrame(0x10, le32(0) + le32(0x100)))  // CRC protects, does not mark
        #expect(status(of: chip.respond(to: erase)) == 0)
        expectSame(chip.flash, image, "erase after CRC without LinkCheck must do nothing")
        #expect(chip.respond(to: linkCheck) == linkCheckReply)  // marks the flash protected
        #expect(status(of: chip.respond(to: erase)) == 0)
        #expect(chip.flash[0x11000..<0x12000].allSatisfy { $0 == 0xFF })
        // Write then CRC; without a LinkCheck the next sector's erase and write are silently lost.
        _ = chip.respond(to: longFrame(0x07, le32(sector) + [UInt8](repeating: 0x5A, count: 0x1000)))
        _ = chip.respond(to: shortFrame(0x10, le32(sector) + le32(sector + 0x1000)))
        _ = chip.respond(to: longFrame(0x0F, [0x20] + le32(sector + 0x1000)))
        _ = chip.respond(to: longFrame(0x07, le32(sector + 0x1000) + [UInt8](repeating: 0x5A, count: 0x1000)))
        #expect(chip.flash[0x11000..<0x12000].allSatisfy { $0 == 0x5A })
        expectSame(chip.flash[0x12000..<0x13000], image[0x12000..<0x13000])
    }

    @Test("CRC of an erased 4 KiB sector is raw 0x0EAB98F5, inclusive on ROM, exclusive on BL (bk_idk bl_bk_hci_protocol.c FLASH_IMAGE_CEC_CHECK)")
    func erasedSectorCRC() {
        let reply: [UInt8] = [0x04, 0x0E, 0x08, 0x01, 0xE0, 0xFC, 0x10, 0xF5, 0x98, 0xAB, 0x0E]
        #expect(linkedChip(.bk7231n).respond(to: [0x01, 0xE0, 0xFC, 0x09, 0x10, 0x00, 0x10, 0x01, 0x00, 0xFF, 0x1F, 0x01, 0x00]) == reply)
        #expect(linkedChip(.bk7231t).respond(to: [0x01, 0xE0, 0xFC, 0x09, 0x10, 0x00, 0x10, 0x01, 0x00, 0x00, 0x20, 0x01, 0x00]) == reply)
        // BL hashes whole 256-byte blocks: an inclusive end (Beken's own tools) gives the same value (hid_download_py uart_downloader.py).
        #expect(linkedChip(.bk7231t).respond(to: shortFrame(0x10, le32(0x11000) + le32(0x11FFF))) == reply)
    }

    @Test("CheckCRC(0, 256) of a real dump gives the bootloader identity of bk7231tools base/enums.py BkBootloaderType")
    func bootloaderIdentity() throws {
        let n = linkedChip(.bk7231n, flash: try dump("Mirabella_Genio_I003632_Plug.bin"))
        let t = linkedChip(.bk7231t, flash: try dump("Brilo_8464455_Ceiling_Light.bin"))
        let request = shortFrame(0x10, le32(0) + le32(256))  // no end adjustment: ROM hashes 257 bytes
        #expect(n.respond(to: request).suffix(4) == le32(0xE141_91BA ^ 0xFFFF_FFFF)[...])  // BK7231N_1_0_1
        #expect(t.respond(to: request).suffix(4) == le32(0xBA54_C1B8 ^ 0xFFFF_FFFF)[...])  // BK7231S_1_0_5
    }

    @Test("BL refuses direct access below 0x11000 but reads through the mirror (bk_idk bl_extflash.c; ltchiptool issue #34)")
    func bootloaderWindow() throws {
        let image = try dump("Brilo_8464455_Ceiling_Light.bin")
        let chip = linkedChip(.bk7231t, flash: image)
        #expect(chip.respond(to: longFrame(0x09, le32(0))) == longReplyHead(0x09, status: 6, payloadCount: 5) + le32(0) + [0])
        let mirrored = chip.respond(to: longFrame(0x09, le32(0x20_0000)))
        expectSame(mirrored, longReplyHead(0x09, status: 0, payloadCount: 4 + 0x1000) + le32(0x20_0000) + image[0..<0x1000])
        // Bits above 24 are dropped before the modulo; the range check sees the unmasked value.
        expectSame(chip.respond(to: longFrame(0x09, le32(0x0120_0000))).suffix(0x1000), image[0..<0x1000])
        #expect(status(of: chip.respond(to: longFrame(0x0F, [0x20] + le32(0x1000)))) == 6)
        expectSame(chip.flash, image)
    }

    @Test("bad erase size code gets no reply (bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD)")
    func badEraseSize() {
        let chip = linkedChip(.bk7231n, unprotected: true)
        #expect(chip.respond(to: longFrame(0x0F, [0x21] + le32(0x11000))).isEmpty)
    }

    @Test("identification replies: chip ID, JEDEC ID, boot version, SetBaudRate echo (bk_idk bl_bk_hci_protocol.c REGISTER_READ_CMD, CHANGE_UART_SAMPRATE_CMD, FLASH_SPI_OP_CMD; hid_download_py boot_protocol.py CheckRespond_BootVersion; bk7231tools cmd_ll_flash.py flash_read_id)")
    func identification() {
        let n = linkedChip(.bk7231n)
        #expect(n.respond(to: [0x01, 0xE0, 0xFC, 0x05, 0x03, 0x00, 0x00, 0x80, 0x00])
            == [0x04, 0x0E, 0x0C, 0x01, 0xE0, 0xFC, 0x03, 0x00, 0x00, 0x80, 0x00, 0x1C, 0x23, 0x07, 0x00])
        #expect(n.respond(to: [0x01, 0xE0, 0xFC, 0xFF, 0xF4, 0x05, 0x00, 0x0E, 0x9F, 0x00, 0x00, 0x00])
            == [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, 0x06, 0x00, 0x0E, 0x00, 0x00, 0xEB, 0x60, 0x15])
        #expect(n.respond(to: shortFrame(0x11)) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x11, 0x07])
        let t = linkedChip(.bk7231t)
        #expect(t.respond(to: shortFrame(0x11)) == [0x04, 0x0E, 0x11, 0x01, 0xE0, 0xFC, 0x11] + Array("BK7231S_1.0.5".utf8))
        #expect(n.respond(to: [0x01, 0xE0, 0xFC, 0x06, 0x0F, 0x00, 0x10, 0x0E, 0x00, 0x14])
            == [0x04, 0x0E, 0x09, 0x01, 0xE0, 0xFC, 0x0F, 0x00, 0x10, 0x0E, 0x00, 0x14])
        #expect(n.baudRate == 921_600)
    }

    @Test("the T greeting follows the loaded bootloader: 1.0.5 and 1.0.6 dumps (hid_download_py boot_protocol.py CheckRespond_BootVersion; bk7231tools base/enums.py BkBootloaderType)")
    func bootVersionFollowsImage() throws {
        let t105 = linkedChip(.bk7231t, flash: try dump("Brilo_8464455_Ceiling_Light.bin"))
        let t106 = linkedChip(.bk7231t, flash: try dump("Biltema_24264_A15_E27_CCT_Mini-Globe_Bulb.bin"))
        #expect(t105.respond(to: shortFrame(0x11)).dropFirst(7).elementsEqual("BK7231S_1.0.5".utf8))
        #expect(t106.respond(to: shortFrame(0x11)).dropFirst(7).elementsEqual("BK7231S_1.0.6".utf8))
        #expect(linkedChip(.bk7231t).respond(to: shortFrame(0x11)).dropFirst(7).elementsEqual("BK7231S_1.0.5".utf8))
    }

    @Test("the JEDEC ID follows the flash size, so tools sizing the flash by ID agree (bk7231tools cmd_ll_flash.py flash_read_id, flash_detect_size; bk_idk bl_bk_hci_protocol.c FLASH_SPI_OP_CMD)")
    func jedecFollowsSize() {
        let fourMiB = VirtualChip(configuration: .init(
            personality: .bk7231n, flash: [UInt8](repeating: 0xFF, count: 0x40_0000), initialState: .downloadMode))
        let reply = fourMiB.respond(to: longFrame(0x0E, [0x9F, 0, 0, 0]))
        #expect(reply.count == 15)
        #expect(reply.last == 0x16, "capacity byte: 1 << 0x16 = 4 MiB")
    }

    @Test("eFuse controller yields the 16-byte key (ltchiptool soc/bk72xx/flash.py flash_read_raw)")
    func efuseKey() {
        let chip = linkedChip(.bk7231n)
        var key: [UInt8] = []
        for index in 0..<16 {
            let control = chip.respond(to: shortFrame(0x03, le32(0x0080_0074))).suffix(4)
            var value = UInt32(control[control.startIndex]) | UInt32(control[control.startIndex + 1]) << 8
            value = (value & ~0x1F02) | UInt32(index) << 8 | 1
            #expect(chip.respond(to: shortFrame(0x01, le32(0x0080_0074) + le32(value))).count == 15)
            let busy = chip.respond(to: shortFrame(0x03, le32(0x0080_0074)))
            #expect(busy[11] & 1 == 0, "start bit self-clears")
            let result = chip.respond(to: shortFrame(0x03, le32(0x0080_0078)))
            #expect(result[12] == 0x01, "valid bit 8")
            key.append(result[11])
        }
        // 510fb093 a3cbeadc 5993a17e c7adeb03 as 4 × u32 LE: Tuya's default code key on N (BK7231GUIFlashTool BK7231Flasher.cs readEncryptionKey).
        #expect(key == [0x93, 0xB0, 0x0F, 0x51, 0xDC, 0xEA, 0xCB, 0xA3, 0x7E, 0xA1, 0x93, 0x59, 0x03, 0xEB, 0xAD, 0xC7])
    }
}
