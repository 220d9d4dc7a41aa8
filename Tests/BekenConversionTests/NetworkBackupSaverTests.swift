import BekenConversion
import Foundation
import OpenBekenFake
import OpenBekenLAN
import Testing

/// `NetworkBackupSaver` against a fake OpenBeken device on loopback: files hold the device's flash, each has a
/// network sidecar, a second save never overwrites, and the regions are decoded into typed findings.
@Suite struct NetworkBackupSaverTests {
    @Test func savesEachRegionWithASidecarAndNeverOverwrites() throws {
        let device = try FakeOpenBeken()
        defer { device.stop() }
        let backup = try NetworkBackup.read(from: OBKClient(address: device.address), full: false)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nbs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tool = ToolInfo(name: "test-tool", version: "9.9")

        let saved = try NetworkBackupSaver.save(backup, device: device.address, directory: directory.path, tool: tool)
        #expect(saved.map(\.region) == backup.pieces.map(\.region.name))
        let flash = device.flashBytes
        for (file, piece) in zip(saved, backup.pieces) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
            #expect(bytes == Array(flash[piece.region.start ..< piece.region.start + piece.region.length]))
            let sidecar = try JSONDecoder().decode(NetworkBackupSidecar.self,
                                                   from: Data(contentsOf: URL(fileURLWithPath: file.path + ".json")))
            #expect(sidecar.source == "network" && sidecar.region == piece.region.name)
            #expect(sidecar.start == hexText(piece.region.start) && sidecar.length == bytes.count)
            #expect(sidecar.crc32 == file.crc32 && sidecar.tool == "test-tool" && sidecar.toolVersion == "9.9")
            #expect(sidecar.file == URL(fileURLWithPath: file.path).lastPathComponent)
        }
        let config = saved.first { $0.region == "obk-config" }
        guard case .openBekenConfig = config?.findings.first else {
            Issue.record("the config sector did not decode: \(String(describing: config?.findings))")
            return
        }

        let again = try NetworkBackupSaver.save(backup, device: device.address, directory: directory.path, tool: tool)
        #expect(Set(again.map(\.path)).isDisjoint(with: saved.map(\.path)), "a second save must not overwrite")
    }

    private func hexText(_ value: Int) -> String { "0x" + String(value, radix: 16, uppercase: true) }
}
