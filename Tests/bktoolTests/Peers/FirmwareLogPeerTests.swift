import Foundation
import Testing

/// The virtual chip printing OpenBeken's log on the flashing UART (as on seed 000's plug) must still be caught in
/// its boot window: the peers and bktool get through the log noise exactly as on a real device.
@Suite("Flashers through the firmware's log", .serialized, .enabled(if: PeerTools.shouldRun))
struct FirmwareLogPeerTests {
    @Test("emulate --firmware openbeken: bk7231tools, ltchiptool and bktool chip-info identify the chip")
    func identifyThroughTheLog() throws {
        let peers = try PeerTools.require()
        let emulator = try EmulatorProcess(Subprocess.bktool, ["--chip", "bk7231n", "--firmware", "openbeken"])
        defer { _ = emulator.interrupt() }
        let port = String(emulator.firstLine.dropFirst("port: ".count))
        Thread.sleep(forTimeInterval: 1.5)  // the app has printed its boot and a status line by now
        let info = try peers.run("bk7231tools", ["chip_info", "-d", port])
        #expect(info.output.contains("protocol: FULL, chip: BK7231N"), "\(info)")
        Thread.sleep(forTimeInterval: 1.5)
        let lt = try peers.run("ltchiptool", ["flash", "info", "bk7231n", "-d", port])
        #expect(lt.succeeded && tableValue(lt.output, "Chip Type") == "BK7231N", "\(lt)")
        Thread.sleep(forTimeInterval: 1.5)
        let ours = try Subprocess.bktool(["chip-info", "-p", port, "--json"])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout.contains("\"chip\":\"BK7231N\""))
    }
}
