import BekenChips
import Testing
@testable import BekenImage

/// Damaged copies of real dumps must give "boots: no" with the right reason (issue 4, "Must show").
@Suite struct CorruptedDumpTests {
    static let tDump = "Brilo_8464455_Ceiling_Light.bin"
    static let nDump = "Mirabella_Genio_I003632_Plug.bin"

    @Test func zeroedBootloader() throws {
        var dump = try DumpFixtures.bytes(Self.nDump)
        for index in 0..<0x11000 { dump[index] = 0 }
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.kind == .fullDump)
        #expect(report.bootloader?.state == .zeroed)
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.bootloaderMissing])
        #expect(report.verdict.reasons.first?.message == "bootloader missing: 0x0–0x10FFF is all 0x00")
        // The app is still fine and the chip still known from the app and the layout.
        #expect(report.app?.state == .ok && report.chip.chip == .bk7231n)
    }

    @Test(arguments: [0x11000 + 0x5_0005, 0x11000 + 34 * 1000 + 33, 0x11000 + 7])
    func oneFlippedByteInTheAppIsReportedAtItsBlock(_ position: Int) throws {
        var dump = try DumpFixtures.bytes(Self.tDump)
        dump[position] ^= 0x01
        let report = DumpAnalyzer.analyze(dump)
        let blockStart = 0x11000 + (position - 0x11000) / 34 * 34
        #expect(report.verdict.boots == .no)
        let reason = try #require(report.verdict.reasons.first)
        #expect(report.verdict.reasons.count == 1)
        #expect(reason.code == .appCRCErrors)
        #expect(reason.offset == blockStart)
        #expect(report.app?.blocks?.badBlockOffsets == [blockStart])
        #expect(reason.message == "app CRC16 errors: 1 block inside the code, first in block "
                + "\(hex(blockStart))–\(hex(blockStart + 33))")
    }

    @Test func flippedByteAfterTheCodeEndIsOnlyANote() throws {
        var dump = try DumpFixtures.bytes(Self.nDump)
        let position = 0x129E00  // erased blocks between the code end and the RBL trailer
        #expect(dump[position] == 0xFF)
        dump[position] = 0xFE
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.verdict.boots == .yes)
        #expect(report.verdict.notes.contains { $0.contains("after the code end") })
    }

    @Test func flippedByteInTheBootloader() throws {
        var dump = try DumpFixtures.bytes(Self.nDump)
        dump[0x2000] ^= 0x80
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.bootloaderCorrupt])
        #expect(report.verdict.reasons.first?.offset == 0x2000 / 34 * 34)
    }

    @Test func truncatedToOneMiB() throws {
        let dump = Array(try DumpFixtures.bytes(Self.tDump).prefix(0x100000))
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.kind == .qioImage)
        #expect(report.bootloader?.state == .ok)
        #expect(report.app?.state == .truncated)
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.appTruncated])
        #expect(report.verdict.reasons.first?.message.hasPrefix("app truncated: the file ends at 0x100000") == true)
    }

    @Test func appRegionErased() throws {
        var dump = try DumpFixtures.bytes(Self.nDump)
        for index in 0x11000..<0x129F70 { dump[index] = 0xFF }
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.kind == .fullDump)
        #expect(report.app?.state == .erased)
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.appMissing])
        #expect(report.verdict.reasons.first?.message
                == "app missing: the app partition 0x11000–0x129F6F is erased (all 0xFF)")
    }

    @Test func tBootloaderUnderAnNApp() throws {
        let t = try DumpFixtures.bytes(Self.tDump)
        var dump = try DumpFixtures.bytes(Self.nDump)
        dump.replaceSubrange(0..<0x11000, with: t[0..<0x11000])
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.chip.isConflicting)
        #expect(report.chip.chip == .bk7231t)  // the bootloader decides what the chip must be
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.chipMismatch])
        let message = report.verdict.reasons.first?.message ?? ""
        #expect(message.hasPrefix("chip mismatch: the bootloader is for BK7231T"))
        #expect(message.contains("but the app is built for BK7231N"))
    }

    @Test func zeroKeyAppUnderATuyaBootloaderAndOnAnNChip() throws {
        // Re-encode the N app with the zero key (= plain code), as an OpenBK7231M build would be.
        var dump = try DumpFixtures.bytes(Self.nDump)
        var app = CRC16Interleave.strip(dump[0x11000..<0x129F70]).data
        NamedCodeKey.tuya.cipher.apply(to: &app, startingAt: 0x10000)
        dump.replaceSubrange(0x11000..<0x129F70, with: CRC16Interleave.add(app))
        let report = DumpAnalyzer.analyze(dump, target: .bk7231n)
        #expect(report.app?.key == "zero" && report.app?.state == .ok)
        #expect(report.verdict.boots == .no)
        let codes = report.verdict.reasons.map(\.code)
        #expect(codes.contains(.keyMismatch))
        #expect(report.verdict.reasons.contains {
            $0.message == "key mismatch: the app is encrypted with the zero key, but a BK7231N decrypts with the tuya key"
        })
    }
}

@Suite struct CorruptedRotatedDumpTests {
    @Test func rotatedDumpWithADamagedFirstAppBlockIsStillRotated() throws {
        var file = try DumpFixtures.bytes("LED_Moon_18W_CCT_Kobi.bin")
        file[10] ^= 0xFF  // file 0x0 = flash 0x11000
        let report = DumpAnalyzer.analyze(file)
        #expect(report.kind == .rotatedDump)
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.appCRCErrors])
        #expect(report.verdict.reasons.first?.offset == 0x11000)  // reported as a flash offset
    }
}
