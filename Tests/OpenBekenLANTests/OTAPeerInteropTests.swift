import Foundation
import OpenBekenFake
import Testing
@testable import OpenBekenLAN

/// ltchiptool packs an OTA `.rbl` the way OpenBeken's build does (`ltchiptool soc bkpackager ota … gzip aes256
/// --key … --iv …`); bktool must open it, get the same app back and see its version. Peers come from
/// $BKTOOL_PEERS_BIN (scripts/test.sh); locally the test skips without them, in CI a missing peer fails.
@Suite struct OTAPeerInteropTests {
    static let peersBin = ProcessInfo.processInfo.environment["BKTOOL_PEERS_BIN"]
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test func opensWhatLtchiptoolPacked() throws {
        guard let bin = Self.peersBin, FileManager.default.isExecutableFile(atPath: bin + "/ltchiptool") else {
            #expect(!Self.inCI, "BKTOOL_PEERS_BIN is not set or lacks ltchiptool (CI requires the peers)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-ota-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = FakeReleaseServer.syntheticApp(platform: "OpenBK7231T", version: "1.18.500")
        let input = directory.appendingPathComponent("app.bin"), output = directory.appendingPathComponent("app.rbl")
        try Data(app).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin + "/ltchiptool")
        process.arguments = ["soc", "bkpackager", "ota", input.path, output.path, "gzip", "aes256",
                             "--key", String(decoding: OTAPackage.key, as: UTF8.self),
                             "--iv", String(decoding: OTAPackage.iv, as: UTF8.self), "-v", "1.18.500"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let package = try OTAPackage(opening: [UInt8](try Data(contentsOf: output)))
        #expect(package.app == app)
        #expect(package.version == "1.18.500" && package.chipset == "BK7231T")
        #expect(package.header.isHeaderCRCValid)
    }
}
