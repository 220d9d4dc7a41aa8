import Foundation
import Testing

/// The packager's output as the peer tools see it: ltchiptool's file detection and bk7231tools' dump dissector
/// (which decrypts the RBL containers itself and decodes the Tuya store).
@Suite("Peers read bktool package images", .serialized, .enabled(if: PeerTools.shouldRun))
struct PeerPackagerTests {
    @Test("ltchiptool detects the synthetic UA image and full dump; bk7231tools finds both containers and the store")
    func peersRecogniseSyntheticImages() throws {
        let peers = try PeerTools.require()
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let plug = scratch.appendingPathComponent("plug.bin").path
        let openBeken = scratch.appendingPathComponent("obk.bin").path
        #expect(try BKToolProcess.run(["package", "--synthetic", "tuya-plug", "--out", plug]).status == 0)
        #expect(try BKToolProcess.run(["package", "--synthetic", "openbeken", "--out", openBeken]).status == 0)

        let ua = try peers.run("ltchiptool", ["flash", "file", openBeken])
        #expect(ua.succeeded && ua.output.contains("Beken CRC/UA App (Type.VALID)"), "\(ua)")
        let full = try peers.run("ltchiptool", ["flash", "file", plug])
        #expect(full.succeeded && full.output.contains("Beken Full Dump (Type.VALID)"), "\(full)")

        let dissect = try peers.run("bk7231tools", ["dissect_dump", "-O", scratch.path, "-e", plug])
        #expect(dissect.succeeded, "\(dissect)")
        #expect(dissect.output.contains("0x10f9a: bootloader"), "\(dissect)")
        #expect(dissect.output.contains("0x129f0a: app"), "\(dissect)")
        #expect(dissect.output.contains("0x1ee000:") && dissect.output.contains("'user_param_key'"), "\(dissect)")
        // Its own decryption of our app gives our plain code: the ARM vector and the Tuya markers.
        let decrypted = readBytes(scratch.appendingPathComponent("plug_app_1.00_decrypted.bin")) ?? []
        #expect(Array(decrypted.prefix(8)) == [0x0E, 0x00, 0x00, 0xEA, 0x14, 0xF0, 0x9F, 0xE5])
        #expect(String(decoding: decrypted, as: UTF8.self).contains("oem_bk7231n_plug"))
    }
}
