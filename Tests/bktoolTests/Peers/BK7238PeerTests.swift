import BekenDemo
import BekenEmulator
import Foundation
import Testing

// bk7231tools 2.1.2 (which learned the BK7238 bootloaders, its commit 05cb898) against the bk7238 personalities:
// it identifies the chip, reads it back byte-identical with each of the two flash parts, and reads back what bktool
// wrote; ltchiptool 4.15 (a bk7238 family) identifies it and reads it back too.

/// Sets the 4 bytes at `position ..< position + 4` (the last 4 of `bytes`) so that the standard CRC-32 (zlib) of
/// `bytes` is `target`: the register before them is run forward, the wanted one backward through 32 zero-input
/// steps (reflected polynomial 0xEDB88320, whose top bit is set, so each step can be undone).
func forcingCRC32(_ bytes: [UInt8], to target: UInt32) -> [UInt8] {
    let poly: UInt32 = 0xEDB8_8320
    var register: UInt32 = 0xFFFF_FFFF
    for byte in bytes.dropLast(4) {
        register ^= UInt32(byte)
        for _ in 0..<8 { register = register & 1 != 0 ? (register >> 1) ^ poly : register >> 1 }
    }
    var wanted = target ^ 0xFFFF_FFFF
    for _ in 0..<32 { wanted = wanted & 0x8000_0000 != 0 ? ((wanted ^ poly) << 1) | 1 : wanted << 1 }
    let patch = wanted ^ register
    var result = bytes
    for index in 0..<4 { result[bytes.count - 4 + index] = UInt8(truncatingIfNeeded: patch >> (8 * UInt32(index))) }
    return result
}

@Suite("bk7231tools and ltchiptool against the BK7238 virtual chip", .serialized, .enabled(if: PeerTools.shouldRun))
struct BK7238PeerTests {
    @Test("bk7238 (85 42 15), synthetic T1 plug: identified by chip ID, read back byte-identical")
    func unknownBootloaderFlashP25Q16HB() throws {
        let peers = try PeerTools.require()
        let image = SyntheticT1Plug.flashImage()
        let chip = fieldChip(.bk7238, flash: image)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let info = try peers.run("bk7231tools", ["chip_info", "-d", port])
        // Our bootloader is in no table: bk7231tools classifies it by the CRC-range test, then reads the chip ID.
        #expect(info.output.contains("protocol: FULL, chip: BK7238"), "\(info)")
        #expect(info.output.contains("chip ID: 0x7238"), "\(info)")
        #expect(info.output.contains("85 42 15"), "\(info)")

        let full = scratch.appendingPathComponent("full.bin")
        let read = try peers.run("bk7231tools", ["read_flash", "-d", port, full.path])
        expectSame(readBytes(full), image, "full 2 MiB read differs from the T1 plug: \(read)")

        // ltchiptool 4.15 has a bk7238 family (families.json "beken-7238", boards t1-2s, t1-3s, t1-m, t1-u).
        let ltInfo = try peers.run("ltchiptool", ["flash", "info", "bk7238", "-d", port])
        #expect(ltInfo.succeeded, "\(ltInfo)")
        #expect(tableValue(ltInfo.output, "Chip Type") == "BK7238", "\(ltInfo)")
        #expect(tableValue(ltInfo.output, "Chip ID") == "0x7238", "\(ltInfo)")
        #expect(tableValue(ltInfo.output, "Flash ID") == "85 42 15", "\(ltInfo)")
        let ltFull = scratch.appendingPathComponent("lt-full.bin")
        let ltRead = try peers.run("ltchiptool", ["flash", "read", "bk7238", ltFull.path, "-d", port])
        #expect(ltRead.succeeded, "\(ltRead)")
        expectSame(readBytes(ltFull), image, "ltchiptool's 2 MiB read differs from the T1 plug")
    }

    @Test("bk7238-t1u (85 20 15) with a T1 2.0.0-CRC bootloader: named by bk7231tools; bktool's write read back")
    func t1BootloaderFlashP25Q16HBK() throws {
        let peers = try PeerTools.require()
        var image = SyntheticT1Plug.flashImage()
        // The first 257 bytes made to hash like bl_t1_2.0.0 (0xF42F8C32, bk7231tools enums.py): our bytes, the CRC
        // the peers look up.
        image.replaceSubrange(0..<257, with: forcingCRC32(Array(image[0..<257]), to: 0xF42F_8C32))
        let chip = fieldChip(.bk7238T1U, flash: image)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let info = try peers.run("bk7231tools", ["chip_info", "-d", port])
        #expect(info.output.contains("protocol: FULL, chip: BK7238, bootloader: BK7238_T1_2_0_0, chip ID: 0x7238"),
                "\(info)")

        // bktool writes OpenBeken's whole QIO image from 0x0 (the status register is clear, so it is not written:
        // a 2-byte write would lock this part, bk7231tools PR #29).
        let qio = try #require(SyntheticOpenBeken.qioImage(for: .bk7238))
        let input = scratch.appendingPathComponent("OpenBK7238_QIO.bin")
        try Data(qio).write(to: input)
        let write = try Subprocess.bktool(["write-flash", "-p", port, "0x0", input.path])
        #expect(write.status == 0, "\(write.stderr)")
        #expect(chip.statusRegisters == (0, 0), "bktool wrote the status register")

        let back = scratch.appendingPathComponent("back.bin")
        let length = "0x" + String(qio.count, radix: 16)
        let read = try peers.run("bk7231tools", ["read_flash", "-d", port, "-s", "0x0", "-l", length, back.path])
        expectSame(readBytes(back), qio, "bk7231tools read-back of bktool's write differs: \(read)")
        expectSame(chip.flash, replacing(image, at: 0, with: qio), "chip flash is not plug + QIO")
    }

    @Test("bk7238, T1 plug converted by bktool flash: bk7231tools reads the whole flash back as the chip holds it, MAC at 0x1E0000")
    func conversionReadBackByBk7231tools() throws {
        let peers = try PeerTools.require()
        let image = SyntheticT1Plug.flashImage()
        let chip = fieldChip(.bk7238, flash: image)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try #require(server.path)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let qio = try #require(SyntheticOpenBeken.qioImage(for: .bk7238))
        let input = scratch.appendingPathComponent("OpenBK7238_QIO.bin")
        try Data(qio).write(to: input)
        let flash = try Subprocess.bktool(["flash", "-p", port, input.path, "--no-watch", "--no-reboot", "--no-pins",
                                           "--backup-dir", scratch.appendingPathComponent("backups").path])
        #expect(flash.status == 0, "\(flash.stderr)")

        let back = scratch.appendingPathComponent("back.bin")
        let read = try peers.run("bk7231tools", ["read_flash", "-d", port, back.path])
        expectSame(readBytes(back), chip.flash, "bk7231tools' read of the converted T1 differs from the chip: \(read)")
        let rf = Array(chip.flash[0x1E_0000 ..< 0x1E_1000])
        expectSame(rf, Array(image[0x1E_3000 ..< 0x1E_4000]), "the RF calibration was not moved to 0x1E0000")
        expectSame(Array(chip.flash[0 ..< qio.count]), qio, "the QIO image is not at 0x0")
    }
}
