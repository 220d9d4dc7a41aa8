import Foundation
import Testing

/// `bktool demo` listens to the virtual chip's own log after the reboot (issue 15).
@Suite("demo: the boot watch after flashing", .serialized)
struct DemoBootWatchTests {
    /// The non-empty lines of `text`.
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("demo ends with \"OpenBeken started …\" read from the virtual chip's own log")
    func started() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--no-pacing", "--backup-dir", directory.path("backups")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let last = lines(run.stdout).last ?? ""
        #expect(last.hasPrefix("OpenBeken started: version 1.0.0-demo, joined DemoHomeWiFi as 192.168.1."), "\(last)")
        #expect(last.contains("MQTT connected to 192.168.1.10:1883"))
    }

    @Test("demo --fault boot-loop=2: the firmware verified, then the power verdict and exit 3")
    func bootLoop() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--no-pacing", "--fault", "boot-loop=2", "--backup-dir", directory.path("backups")])
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("verified by chip CRC"))
        #expect(run.stdout.contains("Checked on the virtual chip itself"))
        let tail = lines(run.stdout).suffix(2).joined(separator: "\n")
        #expect(tail.contains("written and verified, but the chip restarts every"), "\(tail)")
        #expect(tail.contains("3.3 V supply"))
    }

    @Test("demo --json with a boot loop: the last document (the summary) says ok false with the watch's verdict; exit 3")
    func bootLoopJSON() throws {
        let directory = try TemporaryDirectory()
        let run = try Subprocess.bktool(["demo", "--no-pacing", "--json", "--fault", "boot-loop=2",
                                         "--backup-dir", directory.path("backups")])
        #expect(run.status == 3, "\(run.stderr)")
        let documents = lines(run.stdout).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let watch = documents.first { $0["event"] as? String == "boot-watch" }
        #expect(watch?["ok"] as? Bool == false)
        let summary = documents.last { $0["verified"] != nil } ?? [:]
        #expect(summary["verified"] as? Bool == true)
        #expect(summary["ok"] as? Bool == false)
        let boot = summary["boot"] as? [String: Any]
        #expect(boot?["verdict"] as? String == "boot-loop" && boot?["exitCode"] as? Int == 3)
        let text = boot?["text"] as? String
        #expect(text?.contains("3.3 V supply") == true, "\(String(describing: text))")
    }
}
