import Foundation
import Testing

/// The built `bktool` next to the test bundle (swift build puts products and the test bundle in one directory).
func builtBktool() -> URL? {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.bundleURL,
        PeerTools.packageRoot.appendingPathComponent(".build/debug"),
    ]
    return candidates.map { $0.appendingPathComponent("bktool") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// `bktool emulate` as a child process: the port is the first stdout line; SIGINT stops it.
final class EmulatorProcess {
    let process = Process()
    let stdout = Pipe()
    private(set) var firstLine = ""

    init(_ binary: URL, _ arguments: [String]) throws {
        process.executableURL = binary
        process.arguments = ["emulate"] + arguments
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first, first != 0x0A else { break }
            line.append(first)
        }
        firstLine = String(decoding: line, as: UTF8.self)
    }

    /// Ctrl-C, then the rest of stdout and the exit status.
    func interrupt() -> (status: Int32, output: String) {
        process.interrupt()
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

@Suite("bktool emulate with the peers", .serialized, .enabled(if: PeerTools.shouldRun))
struct EmulateBinaryTests {
    /// Starts the built `bktool emulate` on a dump with a --save file and a --link symlink.
    func startEmulator(chip: String, dump: String, extra: [String], in scratch: URL) throws -> (EmulatorProcess, port: String, saved: URL) {
        let binary = try #require(builtBktool(), "bktool binary not found next to the tests: run `swift build` first")
        let saved = scratch.appendingPathComponent("saved.bin")
        let symlink = scratch.appendingPathComponent("ttyBK")
        let emulator = try EmulatorProcess(binary, [
            "--chip", chip, "--flash", PeerTools.dumps.appendingPathComponent(dump).path,
            "--save", saved.path, "--link", symlink.path,
        ] + extra)
        #expect(emulator.firstLine.hasPrefix("port: /dev/"), "first line: \(emulator.firstLine)")
        return (emulator, symlink.path, saved)  // the port through the --link symlink, as a user would
    }

    /// Ctrl-C: exit 0, the saved flash is `expected`, the symlink is gone.
    func stop(_ emulator: EmulatorProcess, saved: URL, expected: [UInt8], symlink: String) {
        let (status, output) = emulator.interrupt()
        #expect(status == 0, "emulate exit status; output: \(output)")
        #expect(output.contains("saved 0x200000 bytes"), "\(output)")
        expectSame(readBytes(saved), expected, "--save file is not dump + payload")
        #expect(!FileManager.default.fileExists(atPath: symlink), "--link symlink left behind")
    }

    @Test("bktool emulate, BK7231N paced (default) at 1 500 000 baud: bk7231tools identifies, writes 256 KiB, reads 2 MiB")
    func emulateN() throws {
        let peers = try PeerTools.require()
        let image = try loadDump(nDump)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (emulator, port, saved) = try startEmulator(chip: "bk7231n", dump: nDump, extra: [], in: scratch)

        let info = try peers.run("bk7231tools", ["chip_info", "-d", port])
        #expect(info.output.contains("protocol: FULL, chip: BK7231N, bootloader: BK7231N_1_0_1"), "\(info)")

        let payload = testPayload(seed: 0xE11)
        let input = scratch.appendingPathComponent("payload.bin")
        try Data(payload).write(to: input)
        let write = try peers.run("bk7231tools", ["write_flash", "-d", port, "-b", "1500000", "-s", "0x11000", input.path])
        #expect(write.output.contains("OK"), "\(write)")

        // The chip is still at 1.5 Mbaud; this run links at 115200, so the virtual person resets it first.
        let expected = replacing(image, at: writeOffset, with: payload)
        let full = scratch.appendingPathComponent("full.bin")
        let read = try peers.run("bk7231tools", ["read_flash", "-d", port, "-b", "1500000", full.path])
        expectSame(readBytes(full), expected, "full read differs from dump + payload: \(read)")

        stop(emulator, saved: saved, expected: expected, symlink: port)
    }

    @Test("bktool emulate, BK7231T --no-pacing: ltchiptool identifies, writes 256 KiB, reads 2 MiB through the mirror")
    func emulateT() throws {
        let peers = try PeerTools.require()
        let image = try loadDump(tDump)
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (emulator, port, saved) = try startEmulator(chip: "bk7231t", dump: tDump, extra: ["--no-pacing"], in: scratch)

        let info = try peers.run("ltchiptool", ["flash", "info", "bk7231t", "-d", port])
        #expect(tableValue(info.output, "Chip Type") == "BK7231T", "\(info)")
        #expect(tableValue(info.output, "Bootloader Type") == "BK7231T 1.0.5", "\(info)")
        #expect(tableValue(info.output, "Boot Version String") == "BK7231S_1.0.5", "\(info)")

        let payload = testPayload(seed: 0x7E11)
        let input = scratch.appendingPathComponent("payload.bin")
        try Data(payload).write(to: input)
        let write = try peers.run("ltchiptool", ["flash", "write", "-f", "bk7231t", "-s", "0x11000", input.path, "-d", port])
        #expect(write.succeeded, "\(write)")

        let expected = replacing(image, at: writeOffset, with: payload)
        let full = scratch.appendingPathComponent("full.bin")
        let read = try peers.run("ltchiptool", ["flash", "read", "bk7231t", full.path, "-d", port])
        #expect(read.succeeded, "\(read)")
        expectSame(readBytes(full), expected, "full read differs from dump + payload")

        stop(emulator, saved: saved, expected: expected, symlink: port)
    }
}

@Suite("bktool emulate input errors")
struct EmulateInputTests {
    func runEmulate(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let binary = try #require(builtBktool(), "bktool binary not found next to the tests: run `swift build` first")
        let process = Process()
        let errors = Pipe()
        process.executableURL = binary
        process.arguments = ["emulate"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    @Test("a missing --flash file is bad input: exit 2 with one error line and a hint")
    func missingFlash() throws {
        let (status, stderr) = try runEmulate(["--chip", "bk7231n", "--flash", "/nonexistent/dump.bin"])
        #expect(status == 2)
        #expect(stderr.hasPrefix("error: could not read /nonexistent/dump.bin"), "\(stderr)")
        #expect(stderr.contains("hint:"))
    }

    @Test("an unknown chip is a usage error: exit 2")
    func unknownChip() throws {
        let (status, stderr) = try runEmulate(["--chip", "esp32"])
        #expect(status == 2)
        #expect(stderr.contains("esp32"), "\(stderr)")
    }

    @Test("a flash larger than 16 MiB is refused: exit 2")
    func hugeFlash() throws {
        let (status, stderr) = try runEmulate(["--chip", "bk7231n", "--flash-size", "32M"])
        #expect(status == 2)
        #expect(stderr.contains("16 MiB"), "\(stderr)")
    }

    @Test("an unknown or out-of-range --fault is bad input: exit 2 naming the fault")
    func badFault() throws {
        let (status, stderr) = try runEmulate(["--chip", "bk7231n", "--fault", "wobble"])
        #expect(status == 2)
        #expect(stderr.contains("unknown fault \"wobble\""), "\(stderr)")
        let (rateStatus, rateError) = try runEmulate(["--chip", "bk7231n", "--fault", "drop=150%"])
        #expect(rateStatus == 2)
        #expect(rateError.contains("drop"), "\(rateError)")
    }
}
