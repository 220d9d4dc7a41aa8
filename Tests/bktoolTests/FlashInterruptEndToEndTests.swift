import Foundation
import Testing

/// Ctrl-C to `bktool flash` in the middle of the write, against the `bktool emulate` virtual chip on a pty (both
/// real processes): bktool stops at the next command, says which ranges are verified and exits 130 within a
/// second; the same command again resumes and ends verified.
@Suite(.serialized) struct FlashInterruptEndToEndTests {
    /// `"done":N,"total":M` of a `--json` progress line for the write.
    static func writeProgress(_ line: Substring) -> (done: Int, total: Int)? {
        guard line.contains("\"task\":\"Writing\""),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let done = object["done"] as? Int, let total = object["total"] as? Int else { return nil }
        return (done, total)
    }

    @Test func sigintMidWriteExits130WithTheVerifiedRangesAndTheRerunResumes() throws {
        let binary = try #require(builtBktool(), "bktool binary not found next to the tests: run `swift build` first")
        let directory = try TemporaryDirectory()
        let dumpPath = Dumps.directory.appendingPathComponent(Dumps.bk7231n).path
        let firmware = try Conversion.firmware(for: .bk7231n, in: directory)
        let backup = directory.path("backup.bin")

        // A verified backup first, from an unpaced emulator (the paced run below then spends its time writing).
        let quick = try EmulatorProcess(binary, ["--chip", "bk7231n", "--flash", dumpPath, "--no-pacing"])
        let port = String(quick.firstLine.dropFirst("port: ".count))
        let read = try Subprocess.bktool(["read-flash", "-p", port, backup])
        #expect(read.status == 0, "\(read.stderr)")
        _ = quick.interrupt()

        // The paced emulator (1.5 Mbaud wire, flash timing), saving its flash when stopped.
        let saved = directory.path("after.bin")
        let emulator = try EmulatorProcess(binary, ["--chip", "bk7231n", "--flash", dumpPath, "--save", saved])
        let pacedPort = String(emulator.firstLine.dropFirst("port: ".count))
        let command = ["flash", "-p", pacedPort, firmware.path, "--backup", backup]
            + Conversion.options(backupDir: directory.path("backups"))

        var interruptedAt: ContinuousClock.Instant?
        let first = try FlashResumeEndToEndTests.run(command) { process, stdout in
            guard interruptedAt == nil,
                  let text = try? String(contentsOf: stdout, encoding: .utf8),
                  let progress = text.split(separator: "\n").compactMap(Self.writeProgress).last,
                  progress.done * 3 >= progress.total else { return }
            process.interrupt()  // SIGINT, as Ctrl-C in a terminal, a third of the way into the write
            interruptedAt = .now
        }
        let exitedAt = ContinuousClock.now
        let sent = try #require(interruptedAt, "the write never got a third of the way: \(first.stderr)")
        #expect(first.status == 130, "\(first.stderr)")
        #expect(exitedAt - sent < .seconds(1), "exited \(exitedAt - sent) after SIGINT")
        #expect(first.stderr.contains("interrupted while writing"), "\(first.stderr)")
        // Whole 64 KiB blocks go first (0x20000 is the range's first), the partial edge block 0x11000–0x20000 last.
        #expect(first.stderr.contains("verified by chip CRC: 0x20000–0x"), "\(first.stderr)")
        #expect(first.stderr.contains("not verified: 0x11000–0x20000"), "\(first.stderr)")
        #expect(first.stderr.contains("run the same command again"), "\(first.stderr)")

        let second = try Subprocess.bktool(command)
        #expect(second.status == 0, "\(second.stderr)")
        let result = Conversion.result(second.stdout)
        #expect(result["resumed"] as? Bool == true)
        #expect((result["resumedSectors"] as? Int ?? 0) > 0)

        _ = emulator.interrupt()
        let flash = [UInt8](try Data(contentsOf: URL(fileURLWithPath: saved)))
        #expect(Array(flash[0x11000 ..< 0x11000 + firmware.bytes.count]) == firmware.bytes)
    }
}
