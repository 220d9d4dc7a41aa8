import BekenEmulator
import BekenTestSupport
import Foundation
import SerialLink
import Testing

/// bktool over the network as people run it: `rfc2217://` through Debian's ser2net serving the virtual chip's pty
/// (BKTOOL_SER2NET, set by scripts/check-release.sh; skipped without it), and `bktool emulate --tcp`.
@Suite(.serialized) struct RemotePortEndToEndTests {
    /// Samples the rate ser2net set on the chip's pty while a command runs.
    final class RateWatcher: @unchecked Sendable {
        private let lock = NSLock()
        private var rates: Set<Int> = []
        private var running = true
        private let done = DispatchSemaphore(value: 0)

        init(_ pty: any PeerObservingLink) {
            Thread.detachNewThread { [self] in
                while lock.withLock({ running }) {
                    if let rate = pty.peerBaudRate() { lock.withLock { _ = rates.insert(rate) } }
                    Thread.sleep(forTimeInterval: 0.002)
                }
                done.signal()
            }
        }

        func stop() -> Set<Int> {
            lock.withLock { running = false }
            done.wait()
            return lock.withLock { rates }
        }
    }

    @Test func readAndWriteThroughSer2netAt1500000() throws {
        guard let binary = Ser2net.binary else {
            print("ser2net tests skipped: BKTOOL_SER2NET not set (scripts/check-release.sh sets it)")
            return
        }
        let dump = try Dumps.load(Dumps.bk7231n)
        // The chip starts running its firmware: bktool must bring it into download mode through ser2net.
        let served = try ServedChip(.bk7231n, flash: dump, initialState: .applicationRunning)
        let ser2net = try Ser2net(binary: binary, devicePath: served.path)
        defer { ser2net.stop() }
        let url = "rfc2217://127.0.0.1:\(ser2net.port)"
        let directory = try TemporaryDirectory()

        let watcher = RateWatcher(served.server.link)
        let read = try Subprocess.bktool(["read-flash", "-p", url, "-b", "1500000", directory.path("backup.bin")])
        let readRates = watcher.stop()
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("backup.bin"))) == Data(dump))
        // The chip switched to 1 500 000 and its pty was set to that rate by ser2net (RFC 2217 SET-BAUDRATE).
        #expect(readRates.contains(1_500_000), "rates seen on the pty: \(readRates.sorted())")
        #expect(served.chip.commandLog.contains { !$0.isLong && $0.code == 0x0F })

        let app = Array(try Dumps.load("Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin")[0x11000 ..< 0x51000])
        try Data(app).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        let writeWatcher = RateWatcher(served.server.link)
        let write = try Subprocess.bktool(["write-flash", "-p", url, "-b", "1500000", "0x11000",
                                           directory.path("app.bin")])
        let writeRates = writeWatcher.stop()
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout.contains("Wrote 262144 bytes at 0x11000"))
        #expect(write.stdout.contains("verified by chip CRC"))
        #expect(writeRates.contains(1_500_000), "rates seen on the pty: \(writeRates.sorted())")
        var expected = dump
        expected.replaceSubrange(0x11000 ..< 0x51000, with: app)
        #expect(served.chip.flash == expected)
    }

    @Test func emulateServesTheChipOverRawTCP() throws {
        let directory = try TemporaryDirectory()
        let emulator = Process()
        emulator.executableURL = Subprocess.bktool
        emulator.arguments = ["emulate", "--chip", "bk7231n", "--flash", Dumps.directory.appendingPathComponent(Dumps.bk7231n).path,
                              "--no-pacing", "--tcp", "0", "--save", directory.path("after.bin")]
        let out = Pipe()
        emulator.standardOutput = out
        emulator.standardError = FileHandle.nullDevice
        emulator.standardInput = FileHandle.nullDevice
        try emulator.run()
        defer { if emulator.isRunning { emulator.terminate() } }
        let firstLine = Self.firstLine(of: out.fileHandleForReading)
        #expect(firstLine.hasPrefix("port: socket://127.0.0.1:"), "\(firstLine)")
        let url = String(firstLine.dropFirst("port: ".count))

        let read = try Subprocess.bktool(["read-flash", "-p", url, "0x0", "0x20000", directory.path("boot.bin")])
        #expect(read.status == 0, "\(read.stderr)")
        let dump = try Dumps.load(Dumps.bk7231n)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("boot.bin"))) == Data(dump[0 ..< 0x20000]))
        // A second client after the first hung up: the chip keeps serving.
        let erase = try Subprocess.bktool(["erase-region", "-p", url, "0x1F0000", "4k"])
        #expect(erase.status == 0, "\(erase.stderr)")

        emulator.terminate()
        emulator.waitUntilExit()
        #expect(emulator.terminationStatus == 0)
        let after = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.path("after.bin"))))
        #expect(after[0x1F0000 ..< 0x1F1000].allSatisfy { $0 == 0xFF })
        #expect(after[0 ..< 0x1F0000] == dump[0 ..< 0x1F0000])
    }

    @Test func emulateRefusesABadTCPPort() throws {
        let outcome = try Subprocess.bktool(["emulate", "--chip", "bk7231n", "--tcp", "70000"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--tcp"))
    }

    static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while !bytes.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
