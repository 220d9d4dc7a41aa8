import BekenEmulator
import Foundation
import Testing

/// bktool and bk7231tools agree on the same virtual chip: what one writes, the other reads back identically
/// (docs/TESTING.md: the peers were written against real chips). Peers come from $BKTOOL_PEERS_BIN (scripts/test.sh);
/// locally they skip when missing, in CI (CI=true) a missing peer fails.
@Suite(.serialized) struct PeerInteropTests {
    static let peersBin = ProcessInfo.processInfo.environment["BKTOOL_PEERS_BIN"]
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// `python run_peer.py bk7231tools …`: the wrapper makes pyserial ignore ENOTTY for modem lines on a pty.
    static func bk7231tools(_ arguments: [String]) throws -> Subprocess.Outcome? {
        guard let bin = peersBin, FileManager.default.isExecutableFile(atPath: bin + "/bk7231tools") else {
            #expect(!inCI, "BKTOOL_PEERS_BIN is not set or lacks bk7231tools (CI requires the peers)")
            return nil
        }
        let wrapper = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("peers/run_peer.py").path
        return try Subprocess.run(URL(fileURLWithPath: bin + "/python"), [wrapper, bin + "/bk7231tools"] + arguments)
    }

    static func app(_ dumpName: String, length: Int) throws -> [UInt8] {
        Array(try Dumps.load(dumpName)[0x11000 ..< 0x11000 + length])
    }

    @Test func bk7231toolsReadsWhatBktoolWrote() throws {
        guard Self.peersBin != nil || Self.inCI else {
            print("peer tests skipped: BKTOOL_PEERS_BIN not set (run scripts/test.sh)")
            return
        }
        let served = try ServedChip(.bk7231n, flash: try Dumps.load(Dumps.bk7231n))
        let directory = try TemporaryDirectory()
        let app = try Self.app("Feconn_FE-MR16-5W_GU5.3_RGBCT_Bulb.bin", length: 0x20000)
        try Data(app).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        let write = try Subprocess.bktool(["write-flash", "-p", served.path, "0x11000", directory.path("app.bin")])
        #expect(write.status == 0, "\(write.stderr)")
        guard let read = try Self.bk7231tools(["read_flash", "-d", served.path, "-s", "0x11000", "-l", "0x20000",
                                               directory.path("peer.bin")]) else { return }
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("peer.bin"))) == Data(app),
                "bk7231tools output: \(read.stdout.suffix(400)) \(read.stderr.suffix(400))")
    }

    @Test func bktoolReadsWhatBk7231toolsWrote() throws {
        guard Self.peersBin != nil || Self.inCI else { return }
        let served = try ServedChip(.bk7231n, flash: try Dumps.load(Dumps.bk7231n))
        let directory = try TemporaryDirectory()
        let app = try Self.app("SmartLED_8044_1_Gange_Smart_Switch.bin", length: 0x20000)
        try Data(app).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        guard let write = try Self.bk7231tools(["write_flash", "-d", served.path, "-s", "0x11000",
                                                directory.path("app.bin")]) else { return }
        #expect(write.status == 0, "\(write.stderr)")
        let read = try Subprocess.bktool(["read-flash", "-p", served.path, "0x11000", "0x20000",
                                          directory.path("back.bin")])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("back.bin"))) == Data(app),
                "bk7231tools output: \(write.stdout.suffix(400)) \(write.stderr.suffix(400))")
    }

    @Test func bothToolsAgreeOnABootloaderChip() throws {
        guard Self.peersBin != nil || Self.inCI else { return }
        let served = try ServedChip(.bk7231t, flash: try Dumps.load(Dumps.bk7231t))
        let directory = try TemporaryDirectory()
        let app = try Self.app("Feit_SYW-BR30-RGBW-CA-AG_Bulb.bin", length: 0x10000)
        try Data(app).write(to: URL(fileURLWithPath: directory.path("app.bin")))
        let write = try Subprocess.bktool(["write-flash", "-p", served.path, "0x11000", directory.path("app.bin")])
        #expect(write.status == 0, "\(write.stderr)")
        guard let read = try Self.bk7231tools(["read_flash", "-d", served.path, "-s", "0x0", "-l", "0x21000",
                                               directory.path("peer.bin")]) else { return }
        #expect(read.status == 0, "\(read.stderr)")
        let peer = try Data(contentsOf: URL(fileURLWithPath: directory.path("peer.bin")))
        #expect(peer.count == 0x21000)
        #expect(peer.count == 0x21000 && peer[0x11000 ..< 0x21000] == Data(app))
        // bktool's own backup of the same range (bootloader through the mirror) matches the peer's byte for byte.
        let mine = try Subprocess.bktool(["read-flash", "-p", served.path, "0x0", "0x21000", directory.path("mine.bin")])
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("mine.bin"))) == peer)
    }
}
