import BekenChips
import BekenEmulator
import BekenProtocol
import Testing
@testable import BekenFlasher

/// The flasher against the virtual chip over a pty, both personalities, real dumps.
@Suite(.serialized) struct FlasherEndToEndTests {
    static let personalities: [(ChipPersonality, String)] = [(.bk7231n, Dumps.bk7231n), (.bk7231t, Dumps.bk7231t)]

    @Test(arguments: personalities)
    func backupIsByteIdenticalToTheDump(personality: ChipPersonality, dumpName: String) throws {
        let dump = try Dumps.load(dumpName)
        let fixture = try VirtualChipFixture(personality, flash: dump)
        let flasher = fixture.flasher()
        let identity = try flasher.connect()
        #expect(identity.chip.rawValue == personality.rawValue)
        #expect(identity.flashSize == dump.count)
        #expect(identity.bootloader != nil)
        let readsBefore = fixture.chip.commandLog.filter { $0.isLong && $0.code == 0x09 }.count
        let crcsBefore = fixture.chip.commandLog.filter { !$0.isLong && $0.code == 0x10 }.count
        let backup = try flasher.read(0 ..< identity.flashSize)
        #expect(backup == dump)
        // Blank 4 KiB sectors are proven by the chip's CRC and never transferred; each sector is hashed once.
        let nonBlankSectors = stride(from: 0, to: dump.count, by: 0x1000).filter {
            !dump[$0 ..< $0 + 0x1000].allSatisfy { $0 == 0xFF }
        }.count
        let reads = fixture.chip.commandLog.filter { $0.isLong && $0.code == 0x09 }.count - readsBefore
        #expect(reads == nonBlankSectors && reads < dump.count / 0x1000)
        let crcs = fixture.chip.commandLog.filter { !$0.isLong && $0.code == 0x10 }.count - crcsBefore
        #expect(crcs == dump.count / 0x1000)
        #expect(try flasher.readMAC() == RFCalibrationSector.mac(in: dump[Int(identity.family.layout.rfCalibration!)...]))
    }

    @Test(arguments: personalities)
    func writeThenVerifyThenSkip(personality: ChipPersonality, dumpName: String) throws {
        let dump = try Dumps.load(dumpName)
        // Another device's application: a realistic 192 KiB + 100 bytes image over this device's dump.
        let other = try Dumps.load(personality == .bk7231n ? "Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin" : "Feit_SYW-BR30-RGBW-CA-AG_Bulb.bin")
        let image = Array(other[0x11000 ..< 0x11000 + 0x30000 + 100])
        let fixture = try VirtualChipFixture(personality, flash: dump)
        let flasher = fixture.flasher()
        try flasher.connect()
        fixture.events.removeAll()
        let first = try flasher.write(image, at: 0x11000)
        // Verified ranges are announced as they are proven (what a resume after interruption would record).
        let announced = fixture.events.compactMap { event -> Range<Int>? in
            if case .verified(let range) = event { return range } else { return nil }
        }
        #expect(FlashRanges(announced).ranges == [0x11000 ..< 0x42000])
        var expected = dump
        expected.replaceSubrange(0x11000 ..< 0x11000 + image.count, with: image)
        #expect(fixture.chip.flash == expected)
        #expect(first.writtenSectors + first.blankSectors + first.skippedSectors == 49)
        #expect(first.verifiedRanges == [0x11000 ..< 0x42000])
        #expect(try flasher.verify(image, at: 0x11000).isEmpty)
        let second = try flasher.write(image, at: 0x11000)
        #expect(second.skippedSectors == 49 && second.writtenSectors == 0 && second.eraseCommands == 0)
        #expect(fixture.chip.flash == expected)
        // One changed sector in the middle: only that one is erased and written.
        var changed = image
        changed[0x20010] ^= 0xFF
        let third = try flasher.write(changed, at: 0x11000)
        #expect(third.writtenSectors == 1 && third.eraseCommands == 1)
        #expect(try flasher.verify(changed, at: 0x11000).isEmpty)
        #expect(try flasher.verify(image, at: 0x11000) == [0x31000])
    }

    @Test(arguments: [0x1000, 0x2000, 0x3000])
    func smallWritesAreSkippedTheSecondTime(length: Int) throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump)
        let flasher = fixture.flasher()
        try flasher.connect()
        let data = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(try flasher.write(data, at: 0x1D1000).writtenSectors == length / 0x1000)
        #expect(try flasher.write(data, at: 0x1D1000).skippedSectors == length / 0x1000)
        #expect(Array(fixture.chip.flash[0x1D1000 ..< 0x1D1000 + length]) == data)
    }

    @Test func unknownFlashPartGetsTheGenericUnprotect() throws {
        // A JEDEC ID in no table: size from the capacity byte, protection cleared with bk7231tools' mask (bk7231tools cmd_hl_flash.py flash_unprotect).
        let dump = try Dumps.load(Dumps.bk7231n)
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump, jedecID: [0x12, 0x34, 0x15])
        let flasher = fixture.flasher()
        let identity = try flasher.connect()
        #expect(identity.flashChip == nil && identity.flashSize == 0x200000)
        #expect(fixture.chip.statusRegisters != (0, 0))   // the virtual flash starts protected
        let data = [UInt8](repeating: 0x42, count: 0x1000)
        _ = try flasher.write(data, at: 0x1F0000)
        #expect(Array(fixture.chip.flash[0x1F0000 ..< 0x1F1000]) == data)
        #expect(fixture.chip.statusRegisters.0 & 0x7C == 0 && fixture.chip.statusRegisters.1 & 0x40 == 0)
    }

    @Test func unalignedWriteKeepsNeighbouringBytes() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump)
        let flasher = fixture.flasher()
        try flasher.connect()
        let patch = [UInt8](repeating: 0x5A, count: 5000)
        _ = try flasher.write(patch, at: 0x1F0F00)
        var expected = dump
        expected.replaceSubrange(0x1F0F00 ..< 0x1F0F00 + 5000, with: patch)
        #expect(fixture.chip.flash == expected)
        #expect(try flasher.read(0x1F0F00 ..< 0x1F0F00 + 5000) == patch)
    }

    @Test func eraseRegionLeavesBlankFlash() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump)
        let flasher = fixture.flasher()
        try flasher.connect()
        let commands = try flasher.erase(0x1E000 ..< 0x31000)
        #expect(commands == 2 + 1 + 1)   // 0x1E000, 0x1F000, block 0x20000, 0x30000
        #expect(fixture.chip.flash[0x1E000 ..< 0x31000].allSatisfy { $0 == 0xFF })
        #expect(fixture.chip.flash[0x31000 ..< 0x32000] == dump[0x31000 ..< 0x32000])
    }

    @Test func unknownBootloaderIsClassifiedByTheCRCRangeTest() throws {
        let dump = try Dumps.load("LED_Moon_18W_CCT_Kobi.bin")
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump)
        let identity = try fixture.flasher().connect()
        #expect(identity.bootloader == nil)
        #expect(identity.protocolVariant == .full)
        #expect(identity.chip == .bk7231n)
    }

    @Test func chipResetByHandDuringThePromptIsCaught() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let fixture = try VirtualChipFixture(.bk7231n, flash: dump, initialState: .applicationRunning,
                                             resetAfter: .milliseconds(2500))
        let flasher = fixture.flasher { $0.linkTimeout = .seconds(8) }
        try flasher.connect()
        #expect(fixture.events.contains { if case .resetPrompt = $0 { true } else { false } })
        #expect(fixture.events.contains { if case .linked = $0 { true } else { false } })
    }

    @Test func silentChipGivesAClearTimeout() throws {
        let fixture = try VirtualChipFixture(.bk7231n, flash: [UInt8](repeating: 0xFF, count: 0x200000),
                                             initialState: .applicationRunning)
        let flasher = fixture.flasher { $0.linkTimeout = .seconds(1) }
        #expect {
            try flasher.connect()
        } throws: { error in
            guard let error = error as? FlasherError else { return false }
            return error.code == .linkTimeout && error.suggestion == .checkWiringAndReset
        }
    }

    @Test func addressesPastTheEndAndTheTBootloaderAreRefusedUntouched() throws {
        let dump = try Dumps.load(Dumps.bk7231t)
        let fixture = try VirtualChipFixture(.bk7231t, flash: dump)
        let flasher = fixture.flasher()
        try flasher.connect()
        #expect(throws: FlasherError.self) { _ = try flasher.write([1, 2, 3], at: 0x200000) }
        #expect(throws: FlasherError.self) { _ = try flasher.write([UInt8](repeating: 0, count: 0x200001), at: 0) }
        do {
            _ = try flasher.write([UInt8](repeating: 0, count: 0x1000), at: 0)
            Issue.record("bootloader write was not refused")
        } catch let error as FlasherError {
            #expect(error.code == .bootloaderProtected)
        }
        #expect(fixture.chip.flash == dump)
    }
}
