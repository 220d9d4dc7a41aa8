import BekenEmulator
import Foundation
import SerialLink
import Testing

// The serve loop on an in-memory link: baud-rate model (bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD), paced path, person reset,
// stalled frames (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char). Timeouts here only bound waits; nothing asserts on time.

@Suite("Chip server")
struct ChipServerTests {
    func serve(_ configuration: VirtualChip.Configuration) -> (VirtualChip, ChipServer, MemoryLink) {
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        return (chip, server, host)
    }

    @Test("SetBaudRate: the echo comes at the new rate to a host that switched; later frames work at that rate")
    func baudSwitch() throws {
        let (chip, server, host) = serve(.init(personality: .bk7231n, initialState: .downloadMode))
        defer { server.stop() }
        let request: [UInt8] = [0x01, 0xE0, 0xFC, 0x06, 0x0F, 0x00, 0x10, 0x0E, 0x00, 0x14]  // 921600, 20 ms (bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD)
        try host.write(request)
        Thread.sleep(forTimeInterval: 0.01)  // hosts switch delay/2 after sending (bk7231tools linking.py set_baudrate)
        try host.setBaudRate(921_600)
        #expect(try host.read(exactly: 12, timeout: .seconds(2)) == [0x04, 0x0E, 0x09, 0x01, 0xE0, 0xFC] + request[4...])
        try host.write(linkCheck)
        #expect(try host.read(exactly: 8, timeout: .seconds(2)) == linkCheckReply)
        #expect(chip.baudRate == 921_600)
    }

    @Test("a host that stays at the old rate loses the echo, and its next frames are garbage to the chip")
    func baudMismatch() throws {
        let (chip, server, host) = serve(.init(personality: .bk7231n, initialState: .downloadMode))
        defer { server.stop() }
        try host.write([0x01, 0xE0, 0xFC, 0x06, 0x0F, 0x00, 0x10, 0x0E, 0x00, 0x14])
        #expect(try host.read(upTo: 64, timeout: .milliseconds(300)).isEmpty)
        try host.write(linkCheck)
        #expect(try host.read(upTo: 64, timeout: .milliseconds(300)).isEmpty)
        #expect(chip.commandLog.count == 1, "only the SetBaudRate was heard")
    }

    @Test("paced at 2 Mbaud: Read4K and Write4K move the right bytes")
    func pacedTransfer() throws {
        var image = [UInt8](repeating: 0xFF, count: 0x10_0000)
        for index in 0..<0x1000 { image[0x11000 + index] = UInt8(truncatingIfNeeded: index * 7) }
        var configuration = VirtualChip.Configuration(
            personality: .bk7231n, flash: image, timing: .realistic, initialState: .downloadMode)
        configuration.statusRegister1 = 0
        configuration.statusRegister2 = 0
        let (chip, server, host) = serve(configuration)
        defer { server.stop() }
        try host.write(shortFrame(0x0F, le32(2_000_000) + [20]))
        Thread.sleep(forTimeInterval: 0.01)
        try host.setBaudRate(2_000_000)
        #expect(try host.read(exactly: 12, timeout: .seconds(2)).count == 12)
        try host.write(longFrame(0x09, le32(0x11000)))
        let reply = try host.read(exactly: 15 + 0x1000, timeout: .seconds(5))
        expectSame(reply.dropFirst(15), image[0x11000..<0x12000])
        let data = (0..<0x1000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try host.write(longFrame(0x0F, [0x20] + le32(0x20000)))
        #expect(status(of: try host.read(exactly: 16, timeout: .seconds(2))) == 0)
        try host.write(longFrame(0x07, le32(0x20000) + data))
        #expect(status(of: try host.read(exactly: 15, timeout: .seconds(2))) == 0)
        expectSame(chip.flash[0x20000..<0x21000], data)
    }

    @Test("a person resets a silent chip shortly after the flasher starts; the LinkCheck loop then links")
    func personResetOverLink() throws {
        let (chip, server, host) = serve(.init(
            personality: .bk7231t, initialState: .applicationRunning, resetAfter: .milliseconds(50)))
        defer { server.stop() }
        var linked = false
        for _ in 0..<400 where !linked {  // LinkCheck every ~5 ms, like the peers (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus), at most ~2 s
            try host.write(linkCheck)
            linked = try host.read(exactly: 8, timeout: .milliseconds(5)) == linkCheckReply
        }
        #expect(linked)
        #expect(chip.resetCount == 1)
        #expect(chip.runState == .downloadMode)
    }

    @Test("a stalled partial frame is abandoned, so the next LinkCheck is answered (bk_idk bl_tra_hcit.c TRAhcit_Rx_Char)")
    func stalledFrame() throws {
        let (_, server, host) = serve(.init(personality: .bk7231n, initialState: .downloadMode))
        defer { server.stop() }
        try host.write([0x01, 0xE0, 0xFC, 0xFF, 0xF4, 0x05, 0x10, 0x07, 0x00, 0x10])  // Write4K header, no data
        #expect(try host.read(upTo: 64, timeout: .milliseconds(400)).isEmpty)
        try host.write(linkCheck)
        #expect(try host.read(exactly: 8, timeout: .seconds(2)) == linkCheckReply)
    }
}

@Suite("Reset line")
struct ResetLineTests {
    @Test("RTS wired to CEN: asserting holds the chip silent, releasing opens the boot window (LibreTiny docs flashing.md)")
    func rtsResets() throws {
        let chip = VirtualChip(configuration: .init(personality: .bk7231n, initialState: .applicationRunning))
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer { server.stop() }
        try host.setModemLines(rts: true, dtr: true)  // bk7231tools hw_reset order (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus)
        for _ in 0..<200 where chip.runState != .heldInReset { Thread.sleep(forTimeInterval: 0.01) }
        #expect(chip.runState == .heldInReset)
        try host.write(linkCheck)
        #expect(try host.read(upTo: 64, timeout: .milliseconds(100)).isEmpty)
        try host.setModemLines(rts: false, dtr: false)
        var linked = false
        for _ in 0..<400 where !linked {
            try host.write(linkCheck)
            linked = try host.read(exactly: 8, timeout: .milliseconds(5)) == linkCheckReply
        }
        #expect(linked)
        #expect(chip.resetCount == 1)
    }
}
