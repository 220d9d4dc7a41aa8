import BekenEmulator
import Foundation
import Testing

/// Bad input and a silent chip: one line on stderr with a hint, exit code 1 or 2, nothing written.
@Suite(.serialized) struct BadInputEndToEndTests {
    /// The error line: `error: … — hint: …`.
    func expectOneLineError(_ outcome: Subprocess.Outcome, status: Int32, mentioning words: [String],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == status, "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)", sourceLocation: sourceLocation)
        let line = outcome.stderrLines.first ?? ""
        #expect(line.hasPrefix("error: ") && line.contains("hint: "), "\(line)", sourceLocation: sourceLocation)
        for word in words { #expect(line.contains(word), "\(line)", sourceLocation: sourceLocation) }
    }

    @Test func portThatDoesNotExist() throws {
        let directory = try TemporaryDirectory()
        let outcome = try Subprocess.bktool(["read-flash", "-p", "/dev/ttyUSB-does-not-exist", "--quiet",
                                             directory.path("backup.bin")])
        expectOneLineError(outcome, status: 2, mentioning: ["/dev/ttyUSB-does-not-exist", "does not exist"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func chipThatNeverAnswers() throws {
        let served = try ServedChip(.bk7231n, flash: try Dumps.load(Dumps.bk7231n), initialState: .applicationRunning,
                                    resetAfter: nil)
        let directory = try TemporaryDirectory()
        let outcome = try Subprocess.bktool(["read-flash", "-p", served.path, "--link-timeout", "1", "--quiet",
                                             directory.path("backup.bin")])
        expectOneLineError(outcome, status: 1, mentioning: ["no answer", "TX", "GND", "3.3 V", "reset"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func addressPastTheEndOfFlash() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        try Data(repeating: 0x11, count: 0x2000).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        let outcome = try Subprocess.bktool(["write-flash", "-p", served.path, "--quiet", "0x1FF000",
                                             directory.path("app.bin")])
        expectOneLineError(outcome, status: 2, mentioning: ["outside the 2 MiB flash"])
        #expect(served.chip.flash == dump)
        let read = try Subprocess.bktool(["read-flash", "-p", served.path, "--quiet", "0x300000", "0x1000",
                                          directory.path("x.bin")])
        expectOneLineError(read, status: 2, mentioning: ["outside"])
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.bin")))
    }

    @Test func fileLargerThanTheFlash() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        try Data(repeating: 0x22, count: 0x200001).write(to: URL(fileURLWithPath: directory.path("big.bin")))
        let outcome = try Subprocess.bktool(["write-flash", "-p", served.path, "--quiet", "0x0",
                                             directory.path("big.bin")])
        expectOneLineError(outcome, status: 2, mentioning: ["outside the 2 MiB flash"])
        #expect(served.chip.flash == dump)
    }

    /// `write-flash --backup` takes only a whole-flash backup: a part of one is refused before anything is written.
    @Test func backupThatIsNotTheWholeFlash() throws {
        let dump = try Dumps.load(Dumps.bk7231n)
        let served = try ServedChip(.bk7231n, flash: dump)
        let directory = try TemporaryDirectory()
        try Data(repeating: 0x33, count: 0x1000).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        try Data(dump[0 ..< 0x100000]).write(to: URL(fileURLWithPath: directory.path("half.bin")))
        let outcome = try Subprocess.bktool(["write-flash", "-p", served.path, "--quiet", "--backup",
                                             directory.path("half.bin"), "0x11000", directory.path("app.bin")])
        expectOneLineError(outcome, status: 2, mentioning: ["1048576 bytes", "2097152", "whole flash"])
        #expect(served.chip.flash == dump)
        try Data(dump).write(to: URL(fileURLWithPath: directory.path("whole.bin")))
        let whole = try Subprocess.bktool(["write-flash", "-p", served.path, "--quiet", "--backup",
                                           directory.path("whole.bin"), "0x11000", directory.path("app.bin")])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(served.chip.flash[0x11000 ..< 0x12000].allSatisfy { $0 == 0x33 })
    }

    @Test func unwritableOutputPath() throws {
        let served = try ServedChip(.bk7231n, flash: try Dumps.load(Dumps.bk7231n))
        let directory = try TemporaryDirectory()
        let missing = directory.path("no-such-directory/backup.bin")
        let outcome = try Subprocess.bktool(["read-flash", "-p", served.path, "--quiet", missing])
        expectOneLineError(outcome, status: 2, mentioning: ["cannot write"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        #expect(served.chip.commandLog.isEmpty)   // the chip was never touched
    }
}
