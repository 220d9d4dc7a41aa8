import Foundation
import Testing

/// `bktool package` run as a process; its files are checked with `bktool inspect --json`.
@Suite struct PackageCommandTests {
    /// A small plain app of our own: ARM vector table, filler, an OpenBeken-style platform string.
    static let rawApp: [UInt8] = {
        var code: [UInt8] = [0x0E, 0x00, 0x00, 0xEA]
        for _ in 0..<7 { code += [0x14, 0xF0, 0x9F, 0xE5] }
        for index in 0..<4000 { code.append(UInt8(truncatingIfNeeded: index &* 37 &+ 11)) }
        return code + [0] + Array("OpenBK7231N_9.9.9".utf8) + [0]
    }()

    static func inspect(_ path: String, chip: String) throws -> [String: Any] {
        let result = try BKToolProcess.run(["inspect", path, "--chip", chip, "--json"])
        #expect(result.status == 0)
        let document = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["report"] as? [String: Any])
    }

    static func kindAndBoots(_ report: [String: Any]) -> (String?, String?) {
        ((report["classification"] as? [String: Any])?["kind"] as? String,
         (report["verdict"] as? [String: Any])?["boots"] as? String)
    }

    @Test func rawAppBecomesAUAImageThatInspectAccepts() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let raw = scratch.path("app.bin"), out = scratch.path("ua.bin")
        try Data(Self.rawApp).write(to: URL(fileURLWithPath: raw))
        let result = try BKToolProcess.run(["package", raw, "--chip", "bk7231n", "--out", out, "--json"])
        #expect(result.status == 0)
        let document = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == true && document["kind"] as? String == "app-image")
        #expect(document["size"] as? Int == 0x118F70 && document["boots"] as? String == "yes")
        let (kind, boots) = Self.kindAndBoots(try Self.inspect(out, chip: "bk7231n"))
        #expect(kind == "app-image" && boots == "yes")
        // The N build does not boot on a T (its platform string says N).
        #expect(Self.kindAndBoots(try Self.inspect(out, chip: "bk7231t")).1 == "no")

        let again = try BKToolProcess.run(["package", raw, "--out", out])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        let short = try BKToolProcess.run(["package", raw, "--out", out, "--trailer-after-code", "--force"])
        #expect(short.status == 0 && short.stdout.contains("Verdict: boots: yes"))
        let size = try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int
        #expect((size ?? 0) < 0x2000)
    }

    @Test func encryptedInputIsRefused() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let raw = scratch.path("app.bin"), ua = scratch.path("ua.bin")
        try Data(Self.rawApp).write(to: URL(fileURLWithPath: raw))
        #expect(try BKToolProcess.run(["package", raw, "--out", ua]).status == 0)
        let twice = try BKToolProcess.run(["package", ua, "--out", scratch.path("twice.bin")])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("does not start with an ARM vector"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("twice.bin")))
    }

    @Test func syntheticImagesAreWrittenAndInspected() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let plug = scratch.path("plug.bin"), obk = scratch.path("obk.bin")
        #expect(try BKToolProcess.run(["package", "--synthetic", "tuya-plug", "--out", plug]).status == 0)
        let plugReport = try Self.inspect(plug, chip: "bk7231n")
        #expect(Self.kindAndBoots(plugReport) == ("full-dump", "yes"))
        #expect((plugReport["tuyaStore"] as? [String: Any])?["offset"] as? Int == 0x1EE000)
        #expect(try BKToolProcess.run(["package", "--synthetic", "openbeken", "--out", obk]).status == 0)
        #expect(Self.kindAndBoots(try Self.inspect(obk, chip: "bk7231n")) == ("app-image", "yes"))
        let usage = try BKToolProcess.run(["package", "--synthetic", "tuya-plug", "--chip", "bk7231t", "--out", plug])
        #expect(usage.status == 2)
    }

    @Test func syntheticT1PlugAndOpenBekenQIOForTheBK7238() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let plug = scratch.path("t1.bin"), qio = scratch.path("qio.bin")
        #expect(try BKToolProcess.run(["package", "--synthetic", "tuya-plug", "--chip", "bk7238", "--out", plug]).status == 0)
        let plugReport = try Self.inspect(plug, chip: "bk7238")
        #expect(Self.kindAndBoots(plugReport) == ("full-dump", "yes"))
        #expect((plugReport["tuyaStore"] as? [String: Any])?["offset"] as? Int == 0x1F5000)
        #expect((plugReport["rfCalibrationMove"] as? [String: Any])?["from"] as? Int == 0x1E3000)
        #expect(try BKToolProcess.run(["package", "--synthetic", "openbeken-qio", "--chip", "bk7238", "--out", qio]).status == 0)
        #expect(Self.kindAndBoots(try Self.inspect(qio, chip: "bk7238")) == ("qio-image", "yes"))
    }

    @Test func syntheticT4PlugAndOpenBekenQIOForTheBK7252N() throws {
        let scratch = try BKToolProcess.ScratchDirectory()
        let plug = scratch.path("t4.bin"), qio = scratch.path("qio.bin")
        #expect(try BKToolProcess.run(["package", "--synthetic", "tuya-plug", "--chip", "bk7252n", "--out", plug]).status == 0)
        let plugReport = try Self.inspect(plug, chip: "bk7252n")
        #expect(Self.kindAndBoots(plugReport) == ("full-dump", "yes"))
        #expect((plugReport["tuyaStore"] as? [String: Any])?["offset"] as? Int == 0x1EE000)
        #expect(plugReport["rfCalibrationMove"] == nil)
        #expect(try BKToolProcess.run(["package", "--synthetic", "openbeken-qio", "--chip", "bk7252n", "--out", qio]).status == 0)
        #expect(Self.kindAndBoots(try Self.inspect(qio, chip: "bk7252n")) == ("qio-image", "yes"))
    }
}
