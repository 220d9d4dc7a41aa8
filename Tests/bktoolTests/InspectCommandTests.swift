import Foundation
import Testing
@testable import bktool
import BekenTestSupport

/// `bktool inspect` run as a process on the real dumps (docs/TESTING.md "Real data").
@Suite struct InspectCommandTests {
    static let dumps = SharedDumps.directory

    static func dump(_ name: String) -> String { dumps.appendingPathComponent(name).path }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func readableReportOfARealDump() throws {
        let result = try BKToolProcess.run(["inspect", Self.dump("Mirabella_Genio_I003632_Plug.bin")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Kind            full flash dump (bootloader at 0x0) [full-dump]"))
        #expect(result.stdout.contains("Chip            BK7231N (Tuya CB/T2 module family)\n"))
        #expect(result.stdout.contains("  identity      BK7231N_1_0_1 (BK7231N, version 1.0.1)"))
        #expect(result.stdout.contains("  app         beken_onchip_crc  0x10000   0x108700  0x11000–0x129F6F"))
        #expect(result.stdout.contains("  project       oem_bk7231n_plug 1.1.7"))
        #expect(result.stdout.contains("Tuya KV store   0x1EE000"))
        #expect(result.stdout.contains("Verdict         boots: yes\n"))
        #expect(result.stdout.contains("Write plan      BK7231N: write 0x1EF000 bytes at 0x11000"))
        #expect(!result.stdout.contains("\u{1B}["))  // no colours into a pipe
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonDocumentCarriesKindVerdictAndPlan() throws {
        let result = try BKToolProcess.run(["inspect", Self.dump("Brilo_8464455_Ceiling_Light.bin"), "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let document = try Self.json(result.stdout)
        #expect(document["ok"] as? Bool == true)
        let report = try #require(document["report"] as? [String: Any])
        #expect((report["classification"] as? [String: Any])?["kind"] as? String == "full-dump")
        #expect((report["chip"] as? [String: Any])?["chip"] as? String == "bk7231t")
        #expect((report["verdict"] as? [String: Any])?["boots"] as? String == "yes")
        #expect((report["tuyaStore"] as? [String: Any])?["offset"] as? Int == 0x1EE000)
        let plan = try #require(document["plan"] as? [String: Any])
        #expect(plan["flashOffset"] as? Int == 0x11000 && plan["fileOffset"] as? Int == 0x11000)
    }

    @Test func wrongChipGivesBootsNoAndARefusalButStillExitsZero() throws {
        let result = try BKToolProcess.run(["inspect", Self.dump("Brilo_8464455_Ceiling_Light.bin"), "--chip",
                                            "bk7231n", "--json"])
        #expect(result.status == 0)
        let document = try Self.json(result.stdout)
        let verdict = try #require((document["report"] as? [String: Any])?["verdict"] as? [String: Any])
        #expect(verdict["boots"] as? String == "no")
        let codes = (verdict["reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes?.contains("chip-mismatch") == true)
        let refusal = try #require(document["refusal"] as? [String: Any])
        #expect(refusal["reason"] as? String == "chip-mismatch")
        #expect((refusal["message"] as? String)?.hasPrefix("this BK7231T image will not run on a BK7231N") == true)
    }

    @Test func unrotateWritesAFullDumpOnceAndNeverOverwrites() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let out = scratch.path("unrotated.bin")
        let rotated = Self.dump("LED_Moon_18W_CCT_Kobi.bin")
        let first = try BKToolProcess.run(["inspect", rotated, "--unrotate", out])
        #expect(first.status == 0)
        #expect(first.stdout.contains("[rotated-dump]"))
        #expect(first.stdout.contains("Write plan      BK7231T: refused — this is a rotated full dump"))
        #expect(first.stdout.contains("Un-rotated      written to \(out) (full flash dump (bootloader at 0x0))"))
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        let original = try Data(contentsOf: URL(fileURLWithPath: rotated))
        #expect(written == original.suffix(0x11000) + original.prefix(0x200000 - 0x11000))
        let check = try Self.json(try BKToolProcess.run(["inspect", out, "--json"]).stdout)
        #expect(((check["report"] as? [String: Any])?["classification"] as? [String: Any])?["kind"] as? String
                == "full-dump")

        let again = try BKToolProcess.run(["inspect", rotated, "--unrotate", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; not overwriting it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == written)
    }

    @Test func unrotateOfANormalDumpIsBadInput() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let result = try BKToolProcess.run(["inspect", Self.dump("Mirabella_Genio_I003632_Plug.bin"), "--unrotate",
                                            scratch.path("x.bin")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a rotated dump"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("x.bin")))
    }

    @Test func efuseFileIsExplained() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let path = scratch.path("ltchiptool_bk72xx_efuse.bin")
        let efuse: [UInt8] = [0x93, 0xB0, 0x0F, 0x51, 0xDC, 0xEA, 0xCB, 0xA3, 0x7E, 0xA1, 0x93, 0x59, 0x03, 0xEB, 0xAD,
                              0xC7] + [UInt8](repeating: 0, count: 16)
        try Data(efuse).write(to: URL(fileURLWithPath: path))
        let result = try BKToolProcess.run(["inspect", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[efuse-dump]"))
        #expect(result.stdout.contains("Verdict         boots: no"))
        #expect(result.stdout.contains("refused — this is an eFuse dump (32 bytes), not firmware"))
    }

    @Test func missingFileAndUnknownChipAreBadInput() throws {
        let missing = try BKToolProcess.run(["inspect", "/nonexistent/dump.bin"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: cannot read /nonexistent/dump.bin"))
        let chip = try BKToolProcess.run(["inspect", Self.dump("Mirabella_Genio_I003632_Plug.bin"), "--chip", "esp32"])
        #expect(chip.status == 2)
        #expect(chip.stderr.contains("unknown chip 'esp32'"))
    }
}
