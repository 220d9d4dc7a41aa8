import BekenEmulator
import Testing

// Boot window, reset and the chip-side parser (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char, bootloader.c legacy_boot_main, bl_bk_hci_protocol.c SYS_REBOOT_CMD; hid_download_py boot_intf.py; bk7231tools protocol.py).

@Suite("Boot window and parser")
struct BootAndParserTests {
    func bootingChip(resetAfter: Duration? = nil, initialState: ChipRunState = .bootWindow) -> VirtualChip {
        VirtualChip(configuration: .init(personality: .bk7231n, initialState: initialState, resetAfter: resetAfter))
    }

    @Test("a LinkCheck inside the boot window latches download mode")
    func linkInsideWindow() {
        let chip = bootingChip()
        let start = chip.lastReset
        #expect(chip.respond(to: linkCheck, at: start + .milliseconds(100)) == linkCheckReply)
        // Latched: still answering long after the window would have closed (no inactivity timeout, bk_idk bootloader.c).
        #expect(chip.respond(to: linkCheck, at: start + .seconds(30)) == linkCheckReply)
    }

    @Test("the boot window closes: afterwards the chip runs the app and ignores the protocol")
    func windowCloses() {
        let chip = bootingChip()
        let start = chip.lastReset
        // Other commands are answered in the window but do not latch (bk_idk bootloader.c legacy_boot_main).
        #expect(chip.respond(to: shortFrame(0x03, le32(0x0080_0000)), at: start + .milliseconds(10)).count == 15)
        #expect(chip.respond(to: linkCheck, at: start + .milliseconds(300)).isEmpty)
        #expect(chip.runState == .applicationRunning)
    }

    @Test("Reboot A5 resets: no reply, 115200 again, a new boot window; other bytes are echoed (bk_idk bl_bk_hci_protocol.c SYS_REBOOT_CMD)")
    func rebootResets() {
        let chip = bootingChip(initialState: .downloadMode)
        #expect(chip.respond(to: shortFrame(0x0E, [0x5A])) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x0E, 0x5A])
        _ = chip.respond(to: shortFrame(0x0F, le32(1_500_000) + [20]))
        #expect(chip.baudRate == 1_500_000)
        #expect(chip.respond(to: shortFrame(0x0E, [0xA5])).isEmpty)
        #expect(chip.resetCount == 1)
        #expect(chip.baudRate == 115_200)
        let reset = chip.lastReset
        #expect(chip.respond(to: linkCheck, at: reset + .milliseconds(400)).isEmpty)
        chip.resetNow()
        #expect(chip.respond(to: linkCheck, at: chip.lastReset + .milliseconds(50)) == linkCheckReply)
    }

    @Test("a person resets a silent chip once a flasher starts sending (resetAfter)")
    func personResets() {
        let chip = bootingChip(resetAfter: .milliseconds(200), initialState: .applicationRunning)
        let start = chip.lastReset
        #expect(chip.respond(to: linkCheck, at: start + .milliseconds(10)).isEmpty)  // app running: unheard
        #expect(chip.respond(to: linkCheck, at: start + .milliseconds(100)).isEmpty)
        #expect(chip.respond(to: linkCheck, at: start + .milliseconds(215)) == linkCheckReply)  // reset at 210 ms
        #expect(chip.resetCount == 1)
    }

    @Test("frames split anywhere and back-to-back frames are all answered, in order (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char; hid_download_py boot_intf.py; bk7231tools protocol.py)")
    func splitAndBackToBack() {
        let chip = linkedChip(.bk7231n)
        let readReg = shortFrame(0x03, le32(0x0080_0000))
        let stream = linkCheck + readReg + linkCheck + linkCheck
        var replies: [UInt8] = []
        for byte in stream { replies += chip.respond(to: [byte]) }  // one byte at a time
        let readRegReply: [UInt8] = [0x04, 0x0E, 0x0C, 0x01, 0xE0, 0xFC, 0x03, 0x00, 0x00, 0x80, 0x00, 0x1C, 0x23, 0x07, 0x00]
        let expected = linkCheckReply + readRegReply + linkCheckReply + linkCheckReply
        #expect(replies == expected)
        #expect(chip.respond(to: stream) == expected)  // all in one chunk
        // A long frame split mid-length field.
        let read = longFrame(0x09, le32(0x11000))
        #expect(chip.respond(to: Array(read[0..<6])).isEmpty)
        #expect(chip.respond(to: Array(read[6...])).count == 11 + 4 + 0x1000)
    }

    @Test("garbage between frames is dropped; an extra 01 restarts the header (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char)")
    func garbageBetweenFrames() {
        let chip = linkedChip(.bk7231n)
        #expect(chip.respond(to: [0x00, 0xFF, 0x04, 0x0E, 0x72, 0x65] + linkCheck) == linkCheckReply)
        #expect(chip.respond(to: [0x01, 0x01, 0xE0, 0xFC, 0x01, 0x00]) == linkCheckReply)
        #expect(chip.respond(to: [0x01, 0xE0, 0x01, 0xE0, 0xFC, 0x01, 0x00]) == linkCheckReply)
        #expect(chip.respond(to: [0x01, 0xE0, 0x33] + linkCheck) == linkCheckReply)
        // BK7231GUIFlashTool's WriteReg carries three trailing zero bytes (bk_idk bl_bk_hci_protocol.c REGISTER_WRITE_CMD): harmless.
        let writeReg = shortFrame(0x01, le32(0x0080_0074) + le32(0x101)) + [0, 0, 0]
        #expect(chip.respond(to: writeReg + linkCheck).suffix(8) == linkCheckReply[...])
        // The text `reboot\r\n` some tools send is noise to the downloader.
        #expect(chip.respond(to: Array("reboot\r\n".utf8) + linkCheck) == linkCheckReply)
    }

    @Test("every LinkCheck is answered, also when already linked (bk_idk bl_bk_hci_protocol.c; hid_download_py boot_intf.py; bk7231tools protocol.py)")
    func everyLinkCheck() {
        let chip = linkedChip(.bk7231t)
        #expect(chip.respond(to: linkCheck + linkCheck + linkCheck) == linkCheckReply + linkCheckReply + linkCheckReply)
        #expect(chip.commandLog.count == 3)
    }
}
