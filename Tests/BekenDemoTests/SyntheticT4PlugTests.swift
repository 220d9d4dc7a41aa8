import BekenChips
import BekenDemo
import BekenImage
import OpenBeken
import Testing
import TuyaConfig

/// The synthetic T4 plug (BK7252N) and the synthetic OpenBeken BK7252N QIO image: what inspect, tuya-config and
/// the write planner make of them (issue 13).
@Suite struct SyntheticT4PlugTests {
    static let image = SyntheticT4Plug.flashImage()

    @Test func isAFullBK7252NDumpThatBoots() throws {
        let report = DumpAnalyzer.analyze(Self.image, target: .bk7252n)
        #expect(Self.image.count == 0x20_0000 && report.kind == .fullDump)
        let bootloader = try #require(report.bootloader)
        #expect(bootloader.versionString == "BK7252N_DEMO_1")
        let app = try #require(report.app)
        #expect(app.state == .ok && app.key == "zero" && app.strings?.project == "oem_bk7252n_plug")
        #expect(report.rfCalibration?.offset == 0x1E_0000 && report.rfCalibration?.mac == SyntheticT4Plug.macString)
        #expect(report.rfCalibrationMove == nil, "the BK7252N has one RF place")
        #expect(report.tuyaStore?.offset == 0x1E_E000)
        #expect(report.verdict.boots == .yes, "\(report.verdict.reasons)")
        // A BK7231N decrypts with the Tuya key: this app does not boot there.
        #expect(DumpAnalyzer.analyze(Self.image, target: .bk7231n).verdict.boots == .no)
    }

    @Test func tuyaConfigFindsTheStoreAndItsPins() throws {
        let config = try TuyaConfigReader.read(Self.image)
        #expect(config.store?.offset == 0x1E_E000)
        #expect(config.userParamKey?["module"] == "T4-U")
        #expect(TuyaModules.chip(forModule: "T4-U") == "BK7252N")
        #expect(TuyaPinMapper.map(config).pins.mapValues(\.description) == [8: "WifiLED_n;0", 24: "Btn;1", 26: "Rel;1"])
    }

    @Test func openBekenQIOIsWrittenWholeFromZero() throws {
        let qio = try #require(SyntheticOpenBeken.qioImage(for: .bk7252n))
        #expect(SyntheticOpenBeken.qioFileName(for: .bk7252n) == "OpenBK7252N_QIO_1.0.0-demo.bin")
        let report = DumpAnalyzer.analyze(qio, target: .bk7252n)
        #expect(report.kind == .qioImage && report.app?.strings?.openBekenPlatform == "OpenBK7252N")
        #expect(report.verdict.boots == .yes, "\(report.verdict.reasons)")
        let plan = try WritePlanner.plan(file: qio, requestedOffset: nil, chip: .bk7252n)
        #expect(plan.flashOffset == 0 && plan.fileOffset == 0 && plan.length == qio.count)
    }

    @Test func isTheSameOnEveryBuild() {
        #expect(SyntheticT4Plug.flashImage() == Self.image)
    }
}
