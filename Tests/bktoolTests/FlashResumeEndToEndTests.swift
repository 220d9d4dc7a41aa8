import BekenChips
import BekenEmulator
import BekenProtocol
import Foundation
import OpenBeken
import Testing

/// Interrupted conversions: the chip resets and the link drops in the middle of the write; the same command run
/// again resumes at the first unverified sector, leaves the verified ones alone, and ends verified.
@Suite(.serialized) struct FlashResumeEndToEndTests {
    /// Runs bktool while `watch` is called every millisecond (with the file stdout goes to) until the process ends.
    static func run(_ arguments: [String], watch: (Process, URL) -> Void) throws -> Subprocess.Outcome {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-resume-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = Subprocess.bktool
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        while process.isRunning {
            watch(process, outURL)
            usleep(1000)
        }
        process.waitUntilExit()
        return .init(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static let changingOps: Set<UInt8> = [FlashOp.write4K.rawValue, FlashOp.erase.rawValue, FlashOp.erase4K.rawValue]

    enum Interruption: String, CaseIterable, CustomTestStringConvertible {
        /// The chip resets (brown-out) and the adapter's link is gone.
        case resetAndLinkLost
        /// The user presses Ctrl-C.
        case ctrlC
        var testDescription: String { rawValue }
    }

    static let cases: [(Interruption, ChipPersonality)] = [
        (.resetAndLinkLost, .bk7231n), (.ctrlC, .bk7231n), (.resetAndLinkLost, .bk7231t),
    ]

    @Test(arguments: cases)
    func interruptedInTheMiddleOfTheWriteThenTheRerunResumes(_ interruption: Interruption,
                                                             personality: ChipPersonality) throws {
        let dump = try Dumps.load(personality == .bk7231n ? Dumps.bk7231n : Dumps.bk7231t)
        let directory = try TemporaryDirectory()
        let firmware = try Conversion.firmware(for: personality.family.kind, in: directory)
        let backups = directory.path("backups")

        // A verified backup first (unpaced chip with the same dump), so the paced runs below spend their time writing.
        let quick = try ServedChip(personality, flash: dump)
        let read = try Subprocess.bktool(["read-flash", "-p", quick.path, directory.path("backup.bin")])
        #expect(read.status == 0, "\(read.stderr)")

        // A paced chip (1.5 Mbaud, flash timing): the write takes long enough to be cut in the middle.
        let device = try RestartableChip(personality, flash: dump, timing: .realistic)
        func command(_ port: String) -> [String] {
            ["flash", "-p", port, firmware.path, "--backup", directory.path("backup.bin")]
                + Conversion.options(backupDir: backups)
        }
        // The writer verifies each 64 KiB group as it finishes; cut when it reaches the middle of the image.
        let cutAddress: UInt32 = 0x90000
        var cut = false
        var interruptedAt: ContinuousClock.Instant?
        let first = try Self.run(command(device.path)) { process, _ in
            guard !cut else { return }
            let reached = device.chip.commandLog.suffix(8).contains {
                $0.isLong && Self.changingOps.contains($0.code) && ($0.address ?? 0) >= cutAddress
            }
            if reached {
                switch interruption {
                case .resetAndLinkLost:
                    device.chip.resetNow() // brown-out: the chip restarts…
                    device.stop()          // …and the adapter's link is gone
                case .ctrlC:
                    process.interrupt()  // SIGINT, as Ctrl-C in a terminal
                    interruptedAt = .now
                }
                cut = true
            }
        }
        let exitedAt = ContinuousClock.now
        #expect(cut)
        // Ctrl-C: the flasher stops at its next command boundary and bktool exits 130 (128 + SIGINT) within a second.
        #expect(first.status == (interruption == .ctrlC ? 130 : 1), "\(first.stdout)\n\(first.stderr)")
        if let interruptedAt { #expect(exitedAt - interruptedAt < .seconds(1), "exited \(exitedAt - interruptedAt) after SIGINT") }
        #expect(first.stderr.contains("progress is saved in") && first.stderr.contains("run the same command again"),
                "\(first.stderr)")
        if interruption == .ctrlC {
            #expect(first.stderr.contains("interrupted while writing"))
            // Whole 64 KiB blocks go first (0x20000 is the range's first), the partial edge block 0x11000–0x20000 last.
            #expect(first.stderr.contains("verified by chip CRC: 0x20000–") && first.stderr.contains("not verified: 0x11000–"),
                    "\(first.stderr)")
        }

        // The record sits next to the backup (the --backup file here).
        let recordName = Conversion.files(in: directory.url.path, endingWith: ".flash-progress.json").first ?? "missing"
        let recordURL = directory.url.appendingPathComponent(recordName)
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any]
        #expect(record?["complete"] as? Bool == false)
        let verified = (record?["verified"] as? [[String: Int]] ?? []).compactMap { item -> Range<Int>? in
            guard let start = item["start"], let end = item["end"] else { return nil }
            return start ..< end
        }
        #expect(!verified.isEmpty)
        if interruption == .ctrlC {
            // The ranges printed are the ones recorded.
            let hex = { (value: Int) in "0x" + String(value, radix: 16, uppercase: true) }
            let printed = verified.map { "\(hex($0.lowerBound))–\(hex($0.upperBound))" }.joined(separator: ", ")
            #expect(first.stderr.contains("verified by chip CRC: \(printed);"), "\(first.stderr)")
        }
        let verifiedBytes = verified.reduce(0) { $0 + $1.count }
        #expect(verifiedBytes > 0 && verifiedBytes < firmware.bytes.count)

        // Plugged in again (a new port after a lost link), the same command: it resumes and touches no verified sector.
        if interruption == .resetAndLinkLost { try device.reconnect() }
        let logBefore = device.chip.commandLog.count
        let second = try Subprocess.bktool(command(device.path))
        #expect(second.status == 0, "\(second.stderr)")
        let result = Conversion.result(second.stdout)
        #expect(result["resumed"] as? Bool == true)
        #expect(result["backupReused"] as? Bool == true, "--backup names a verified backup of this chip")
        #expect(result["resumedSectors"] as? Int == verified.reduce(0) { $0 + $1.count / 0x1000 })
        let firstVerified = try #require(verified.first)
        let firstUnverified = firstVerified.lowerBound == 0x11000 ? firstVerified.upperBound : 0x11000
        #expect(result["resumedFrom"] as? String == "0x" + String(firstUnverified, radix: 16, uppercase: true))
        let rerunChanges = device.chip.commandLog.dropFirst(logBefore).filter { Self.changingOps.contains($0.code) && $0.isLong }
        #expect(!rerunChanges.isEmpty)
        for change in rerunChanges {
            let address = Int(change.address ?? 0)
            #expect(!verified.contains { $0.contains(address) }, "rewrote verified sector \(address)")
        }
        let hashedVerified = device.chip.commandLog.dropFirst(logBefore).filter { record in
            !record.isLong && record.code == ShortCommand.checkCRC.rawValue
                && verified.contains { $0.contains(Int(record.address ?? 0)) }
        }
        #expect(hashedVerified.count <= 1, "only the final verify may hash verified sectors")

        // Ends verified: firmware in place, config decodes, the record says complete.
        let flash = device.chip.flash
        #expect(Array(flash[0x11000 ..< 0x11000 + firmware.bytes.count]) == firmware.bytes)
        let configOffset = Conversion.configOffset(personality.family.kind)
        let config = try OBKConfig(decoding: flash[configOffset ..< configOffset + 0x1000])
        #expect(config.wifiSSID == Conversion.wifi)
        let after = try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any]
        #expect(after?["complete"] as? Bool == true)
    }
}
