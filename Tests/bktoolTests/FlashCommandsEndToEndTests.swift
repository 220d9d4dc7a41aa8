import BekenEmulator
import BekenProtocol
import Foundation
import Testing

/// `bktool` as a user runs it: a subprocess talking to the virtual chip over a pty, real dumps.
@Suite(.serialized) struct FlashCommandsEndToEndTests {
    static let personalities: [(ChipPersonality, String)] = [(.bk7231n, Dumps.bk7231n), (.bk7231t, Dumps.bk7231t)]

    @Test(arguments: personalities)
    func backupIsIdenticalToTheDumpAndNeverOverwritten(personality: ChipPersonality, dumpName: String) throws {
        let dump = try Dumps.load(dumpName)
        let served = try ServedChip(personality, flash: dump)
        let directory = try TemporaryDirectory()
        let first = try Subprocess.bktool(["read-flash", "-p", served.path, directory.path("backup.bin")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("backup.bin"))) == Data(dump))
        #expect(first.stdout.contains("verified by chip CRC"))

        let sidecar = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: directory.path("backup.bin.json")))) as? [String: Any]
        #expect(sidecar?["chip"] as? String == personality.rawValue.uppercased())
        #expect(sidecar?["flashSize"] as? Int == dump.count)
        #expect(sidecar?["crc32"] as? String == String(format: "0x%08X", BekenCRC32.standard(dump)))
        #expect((sidecar?["bootloader"] as? String)?.hasPrefix(personality == .bk7231n ? "BK7231N" : "BK7231T") == true)
        #expect((sidecar?["mac"] as? String)?.count == 17)
        #expect(sidecar?["toolVersion"] as? String != nil && sidecar?["date"] as? String != nil)
        if personality == .bk7231n { #expect(sidecar?["flashID"] as? String == "EB 60 15") }

        // The same command again keeps the first backup and picks a new name.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory.path("backup.bin")))
        let second = try Subprocess.bktool(["read-flash", "-p", served.path, "--json", directory.path("backup.bin")])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("backup.bin"))) == Data([1, 2, 3]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("backup.1.bin"))) == Data(dump))
        let result = second.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(result.contains("\"renamed\":true") && result.contains("backup.1.bin"))
    }

    @Test(arguments: personalities)
    func writeThenVerifyThenRewriteSkips(personality: ChipPersonality, dumpName: String) throws {
        let dump = try Dumps.load(dumpName)
        let other = try Dumps.load(personality == .bk7231n ? "Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin"
                                                           : "Feit_SYW-BR30-RGBW-CA-AG_Bulb.bin")
        let app = Array(other[0x11000 ..< 0x51000])
        let served = try ServedChip(personality, flash: dump)
        let directory = try TemporaryDirectory()
        try Data(app).write(to: URL(fileURLWithPath: directory.path("app.bin")))

        let write = try Subprocess.bktool(["write-flash", "-p", served.path, "0x11000", directory.path("app.bin")])
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout.contains("Wrote 262144 bytes at 0x11000"))
        #expect(write.stdout.contains("verified by chip CRC"))
        var expected = dump
        expected.replaceSubrange(0x11000 ..< 0x51000, with: app)
        #expect(served.chip.flash == expected)

        let verify = try Subprocess.bktool(["verify-flash", "-p", served.path, "0x11000", directory.path("app.bin")])
        #expect(verify.status == 0, "\(verify.stderr)")
        let rewrite = try Subprocess.bktool(["write-flash", "-p", served.path, "--json", "0x11000",
                                             directory.path("app.bin")])
        #expect(rewrite.status == 0)
        #expect(rewrite.stdout.contains("\"skippedSectors\":64") && rewrite.stdout.contains("\"writtenSectors\":0"))
        // A file that differs is reported by verify-flash with exit code 1.
        let verifyOther = try Subprocess.bktool(["verify-flash", "-p", served.path, "0x12000", directory.path("app.bin")])
        #expect(verifyOther.status == 1)
        #expect(verifyOther.stderr.contains("differ"))
    }

    @Test func eraseRegionBlanksTheRange() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let erase = try Subprocess.bktool(["erase-region", "-p", served.path, "0x1F0000", "64k"])
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(served.chip.flash[0x1F0000 ..< 0x200000].allSatisfy { $0 == 0xFF })
        #expect(served.chip.flash[0 ..< 0x1F0000] == dump[0 ..< 0x1F0000])
    }
}
