import BekenEmulator
import Foundation
import Testing

// The real ltchiptool and bk7231tools against the virtual chip on a pseudo-terminal (issue 2, "Must show";
// commands from docs/TESTING.md). Dumps: Mirabella_Genio (bootloader CRC = BK7231N_1_0_1) and Brilo ceiling light
// (BK7231S_1_0_5, a BK7231T), both identified by their CRC(0, 256) against bk7231tools base/enums.py BkBootloaderType.

let nDump = "Mirabella_Genio_I003632_Plug.bin"
let tDump = "Brilo_8464455_Ceiling_Light.bin"
let writeOffset = 0x11000

func loadDump(_ name: String) throws -> [UInt8] {
    try #require(readBytes(PeerTools.dumps.appendingPathComponent(name)), "dump \(name) not found in ../shared/dumps")
}

/// A chip that behaves like a device in the field: running its app until a person resets it after the flasher
/// starts sending — so the peers' catch-the-bus loop really runs.
func fieldChip(_ personality: ChipPersonality, flash: [UInt8], timing: TimingModel = .instant) -> VirtualChip {
    VirtualChip(configuration: .init(
        personality: personality, flash: flash, timing: timing, initialState: .applicationRunning,
        resetAfter: .milliseconds(100)))
}

/// The value of a row in ltchiptool's chip-info table, e.g. `| Chip Type | BK7231N |`.
func tableValue(_ output: String, _ name: String) -> String? {
    for line in output.split(separator: "\n") {
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        if cells.count >= 3, cells[1] == name { return cells[2] }
    }
    return nil
}

@Suite("Peers against the virtual chip", .serialized, .enabled(if: PeerTools.shouldRun))
struct PeerTests {
    @Test("BK7231N ROM: both tools identify it, ltchiptool reads 2 MiB and writes 256 KiB at 0x11000")
    func bk7231n() throws {
        let peers = try PeerTools.require()
        let image = try loadDump(nDump)
        let chip = fieldChip(.bk7231n, flash: image)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let info = try peers.run("ltchiptool", ["flash", "info", "bk7231n", "-d", port])
        #expect(info.succeeded, "\(info)")
        #expect(tableValue(info.output, "Chip Type") == "BK7231N", "\(info)")
        #expect(tableValue(info.output, "Bootloader Type") == "BK7231N 1.0.1", "\(info)")
        #expect(tableValue(info.output, "Chip ID") == "0x7231c", "\(info)")
        #expect(tableValue(info.output, "Flash ID") == "EB 60 15", "\(info)")
        let bkInfo = try peers.run("bk7231tools", ["chip_info", "-d", port])
        #expect(bkInfo.output.contains("protocol: FULL, chip: BK7231N, bootloader: BK7231N_1_0_1, chip ID: 0x7231c"),
                "\(bkInfo)")

        let full = scratch.appendingPathComponent("full.bin")
        let read = try peers.run("ltchiptool", ["flash", "read", "bk7231n", full.path, "-d", port])
        #expect(read.succeeded, "\(read)")
        expectSame(readBytes(full), image, "full 2 MiB read differs from the dump")

        let payload = testPayload()
        let input = scratch.appendingPathComponent("payload.bin")
        try Data(payload).write(to: input)
        let write = try peers.run("ltchiptool", ["flash", "write", "-f", "bk7231n", "-s", "0x11000", input.path, "-d", port])
        #expect(write.succeeded, "\(write)")
        let back = scratch.appendingPathComponent("back.bin")
        let readBack = try peers.run("bk7231tools", ["read_flash", "-d", port, "-s", "0x11000", "-l", "0x40000", back.path])
        expectSame(readBytes(back), payload, "read-back differs: \(readBack)")
        expectSame(chip.flash, replacing(image, at: writeOffset, with: payload), "chip flash is not dump + payload")
    }

    @Test("BK7231T bootloader: both tools identify it, bk7231tools reads 2 MiB (mirror), ltchiptool writes 256 KiB")
    func bk7231t() throws {
        let peers = try PeerTools.require()
        let image = try loadDump(tDump)
        let chip = fieldChip(.bk7231t, flash: image)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let info = try peers.run("ltchiptool", ["flash", "info", "bk7231t", "-d", port])
        #expect(info.succeeded, "\(info)")
        #expect(tableValue(info.output, "Chip Type") == "BK7231T", "\(info)")
        #expect(tableValue(info.output, "Bootloader Type") == "BK7231T 1.0.5", "\(info)")
        #expect(tableValue(info.output, "Boot Version String") == "BK7231S_1.0.5", "\(info)")
        #expect(tableValue(info.output, "Protocol Type") == "BASIC_TUYA", "\(info)")
        let bkInfo = try peers.run("bk7231tools", ["chip_info", "-d", port])
        #expect(bkInfo.output.contains(
            "protocol: BASIC_TUYA, chip: BK7231T, bootloader: BK7231S_1_0_5, chip ID: None, boot version: BK7231S_1.0.5"),
            "\(bkInfo)")

        let full = scratch.appendingPathComponent("full.bin")
        let read = try peers.run("bk7231tools", ["read_flash", "-d", port, full.path])
        expectSame(readBytes(full), image, "full 2 MiB read differs from the dump: \(read)")

        let payload = testPayload(seed: 0x7231A)
        let input = scratch.appendingPathComponent("payload.bin")
        try Data(payload).write(to: input)
        let write = try peers.run("ltchiptool", ["flash", "write", "-f", "bk7231t", "-s", "0x11000", input.path, "-d", port])
        #expect(write.succeeded, "\(write)")
        let back = scratch.appendingPathComponent("back.bin")
        let readBack = try peers.run(
            "ltchiptool", ["flash", "read", "bk7231t", back.path, "-s", "0x11000", "-l", "0x40000", "-d", port])
        #expect(readBack.succeeded, "\(readBack)")
        expectSame(readBytes(back), payload, "read-back differs")
        expectSame(chip.flash, replacing(image, at: writeOffset, with: payload), "chip flash is not dump + payload")
    }

    @Test("BK7231T paced at 1 500 000 baud: bk7231tools writes 256 KiB and reads it back")
    func bk7231tPaced() throws {
        let peers = try PeerTools.require()
        let image = try loadDump(tDump)
        let chip = fieldChip(.bk7231t, flash: image, timing: .realistic)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let payload = testPayload(seed: 1_500_000)
        let input = scratch.appendingPathComponent("payload.bin")
        try Data(payload).write(to: input)
        let write = try peers.run("bk7231tools", ["write_flash", "-d", port, "-b", "1500000", "-s", "0x11000", input.path])
        #expect(write.output.contains("OK"), "\(write)")
        #expect(chip.commandLog.contains { !$0.isLong && $0.code == 0x0F }, "no SetBaudRate was sent")
        #expect(chip.baudRate == 1_500_000)
        let back = scratch.appendingPathComponent("back.bin")
        let readBack = try peers.run(
            "bk7231tools", ["read_flash", "-d", port, "-b", "1500000", "-s", "0x11000", "-l", "0x40000", back.path])
        expectSame(readBytes(back), payload, "read-back differs: \(readBack)")
        expectSame(chip.flash, replacing(image, at: writeOffset, with: payload), "chip flash is not dump + payload")
    }
}
