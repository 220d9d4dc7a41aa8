import BekenDemo
import Foundation
import Testing

/// `monitor`, `diagnose` and the post-flash watch against the virtual chip's own log, over real ptys and the built
/// binary (issue 15 "Must show").
@Suite("monitor and diagnose over a pty", .serialized)
struct MonitorEndToEndTests {
    static let seed000 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TuyaConfigTests/Fixtures/seed000-bootlog.txt")

    /// `bktool emulate --chip bk7231n ARGS` and its port.
    func emulate(_ arguments: [String]) throws -> (EmulatorProcess, port: String) {
        let emulator = try EmulatorProcess(Subprocess.bktool, ["--chip", "bk7231n"] + arguments)
        #expect(emulator.firstLine.hasPrefix("port: /dev/"), "first line: \(emulator.firstLine)")
        return (emulator, String(emulator.firstLine.dropFirst("port: ".count)))
    }

    /// The last stdout line as JSON.
    func lastJSON(_ stdout: String) -> [String: Any] {
        let last = stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }

    func verdict(_ stdout: String) -> [String: Any] { lastJSON(stdout)["result"] as? [String: Any] ?? [:] }

    func findingCodes(_ object: [String: Any]) -> [String] {
        (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("seed 000's boot log replayed by the virtual chip → monitor --template writes the six pins")
    func seed000Template() throws {
        let directory = try TemporaryDirectory()
        let (emulator, port) = try emulate(["--boot-log", Self.seed000.path, "--power-on-after-ms", "1500"])
        defer { _ = emulator.interrupt() }
        let template = directory.path("template.json")
        let run = try Subprocess.bktool(["monitor", "-p", port, "--template", template, "--until-verdict",
                                         "--timeout", "20", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(verdict(run.stdout)["verdict"] as? String == "tuya-config")
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: template))) as? [String: Any]
        let pins = written?["pins"] as? [String: String]
        #expect(pins == ["6": "BL0937CF;0", "7": "BL0937CF1;0", "8": "Rel;1", "23": "WifiLED_n;0", "24": "Btn;1",
                         "26": "BL0937SEL;0"])
    }

    @Test("a boot loop every 2 s → the power verdict (exit 3) within 10 s; the saved log + seed 002's flasher log → diagnose")
    func bootLoop() throws {
        let directory = try TemporaryDirectory()
        let (emulator, port) = try emulate(["--firmware", "openbeken", "--fault", "boot-loop=2"])
        defer { _ = emulator.interrupt() }
        let saved = directory.path("tx2.log")
        let run = try Subprocess.bktool(["monitor", "-p", port, "--until-verdict", "--timeout", "10", "--save", saved, "--json"])
        #expect(run.status == 3, "\(run.stderr)")
        let result = verdict(run.stdout)
        #expect(result["verdict"] as? String == "boot-loop")
        let period = result["restartPeriodSeconds"] as? Double ?? 0
        #expect(period > 1.7 && period < 2.3, "period \(period)")
        #expect(findingCodes(result) == ["boot-loop"])
        let advice = (result["findings"] as? [[String: Any]])?.first?["next"] as? String
        #expect(advice == "use-strong-3v3-supply")

        // Seed 002: "success at every step, but no AP" — the flasher's log and the TX2 log saved above.
        let flasherLog = directory.path("easyflasher.txt")
        try Data(Self.seed002FlasherLog.utf8).write(to: URL(fileURLWithPath: flasherLog))
        let diagnosis = try Subprocess.bktool(["diagnose", flasherLog, saved, "--json"])
        #expect(diagnosis.status == 0, "\(diagnosis.stderr)")
        let document = lastJSON(diagnosis.stdout)
        #expect(findingCodes(document) == ["boot-loop", "written-at-app-offset", "verified-but-no-start"])
    }

    @Test("a log at 921 600 while listening at 115 200 → the rate found and the log decoded")
    func otherRate() throws {
        let (emulator, port) = try emulate(["--firmware", "openbeken", "--log-baud", "921600", "--power-on-after-ms", "1000"])
        defer { _ = emulator.interrupt() }
        let run = try Subprocess.bktool(["monitor", "-p", port, "-b", "115200", "--until-verdict", "--timeout", "20", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"event\":\"rate-found\"") && run.stdout.contains("text at 921600 baud"))
        #expect(run.stdout.contains("Info:MAIN:Time"), "decoded lines")
        let result = verdict(run.stdout)
        #expect(result["rate"] as? Int == 921_600)
        #expect(result["verdict"] as? String == "openbeken-started")
        #expect((result["openBeken"] as? String)?.contains("access point OpenBK7231N_") == true, "\(result)")
        #expect(findingCodes(result).contains("log-at-other-rate"))
    }

    @Test("silence → the wiring verdict (exit 4) with the TX2 advice")
    func silence() throws {
        let (emulator, port) = try emulate(["--firmware", "silent"])
        defer { _ = emulator.interrupt() }
        let run = try Subprocess.bktool(["monitor", "-p", port, "--until-verdict", "--timeout", "3"])
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stdout.contains("verdict: no log"))
        #expect(run.stdout.contains("TX2"))
    }

    @Test("seed 004: the eFuse file, ltchiptool's log and a backup with an overwritten bootloader → diagnose")
    func seed004Diagnosis() throws {
        let directory = try TemporaryDirectory()
        let efuse = directory.path("ltchiptool_bk72xx_2024-11-07_11-42-46_efuse.bin")
        try Data(count: 32).write(to: URL(fileURLWithPath: efuse))
        let log = directory.path("ltchiptool.log")
        try Data(Self.seed004FlasherLog.utf8).write(to: URL(fileURLWithPath: log))
        var dump = SyntheticTuyaPlug.flashImage()
        dump.replaceSubrange(0 ..< 0x1000, with: (0 ..< 0x1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let backup = directory.path("readResult_BK7231N_QIO_old.bin")
        try Data(dump).write(to: URL(fileURLWithPath: backup))
        let run = try Subprocess.bktool(["diagnose", efuse, log, backup])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("is an eFuse backup, not firmware, and the flasher log shows it written at 0x11000"))
        #expect(run.stdout.contains("the bootloader at 0x0 is"))
        #expect(run.stdout.contains("from 0x0"))
        let json = try Subprocess.bktool(["diagnose", efuse, log, backup, "--json"])
        #expect(findingCodes(lastJSON(json.stdout)) == ["efuse-file-as-firmware", "written-at-app-offset", "bootloader-damaged"])
    }

    @Test("chip-info answered but the capture is empty: no log, the chip answers on UART1, listen on TX2")
    func chipAnsweredNoLog() throws {
        let directory = try TemporaryDirectory()
        let chipInfo = directory.path("chip-info.json")
        try Data(#"{"chip":"BK7231N","chipID":"0x7231C","flashID":"EB 60 15","ok":true}"#.utf8)
            .write(to: URL(fileURLWithPath: chipInfo))
        let capture = directory.path("tx1.log")
        try Data().write(to: URL(fileURLWithPath: capture))
        let run = try Subprocess.bktool(["diagnose", chipInfo, capture, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let finding = (lastJSON(run.stdout)["findings"] as? [[String: Any]])?.first
        #expect(finding?["code"] as? String == "no-log" && finding?["next"] as? String == "check-wiring-and-tx2")
        #expect((finding?["facts"] as? [String: String])?["chipAnswered"] == "BK7231N")
    }

    @Test("bad input: no such port → exit 2; a missing --boot-log file → exit 2")
    func badInput() throws {
        let monitor = try Subprocess.bktool(["monitor", "-p", "/dev/does-not-exist", "--timeout", "1"])
        #expect(monitor.status == 2, "\(monitor.stderr)")
        let emulate = try Subprocess.bktool(["emulate", "--chip", "bk7231n", "--boot-log", "/nonexistent.log"])
        #expect(emulate.status == 2 && emulate.stderr.contains("cannot read /nonexistent.log"))
        let fault = try Subprocess.bktool(["emulate", "--chip", "bk7231n", "--fault", "boot-loop=abc"])
        #expect(fault.status == 2 && fault.stderr.contains("boot-loop"))
    }

    static let seed004FlasherLog = """
        D [ 4602.953] ( 0.361s) BK72xx connected - protocol: FULL, chip: BK7231N, bootloader: None, chip ID: 0x7231c, boot version: None
        D [ 4603.003] ( 0.016s) Erasing and writing at 0x11000 (0.00%)
        D [ 4603.437] ( 0.388s) Erasing and writing at 0x12000 (0.45%)
        D [ 4691.010] ( 0.399s) Verifying CRC
        D [ 4693.074] ( 2.064s) OK!
        """

    static let seed002FlasherLog = """
        Flasher mode: BK7231N
        Getting bus... (now, please do reboot by CEN or by power off/on)
        Reading file firmwares/OpenBK7231N_QIO_1.18.189.bin...
        Going to do erase, start 69632, sec count 281!
        Starting CRC check for 281 sectors, starting at offset 0x11000
        CRC matches 0xBE5EF02C!
        Writing file data to chip successs.
        """
}
