import BekenChips
import BekenDemo
import BekenImage
import OpenBeken
import Testing
import TuyaConfig

/// The synthetic Tuya T1 plug (BK7238, factory layout) and the synthetic OpenBeken BK7238 QIO image: what inspect,
/// tuya-config and the write planner make of them (issue 13).
@Suite struct SyntheticT1PlugTests {
    static let image = SyntheticT1Plug.flashImage()

    @Test func isAFullBK7238DumpInTheT1FactoryLayout() throws {
        let report = DumpAnalyzer.analyze(Self.image)
        #expect(Self.image.count == 0x20_0000)
        #expect(report.kind == .fullDump)
        #expect(report.chip.chip == .bk7238 && !report.chip.isConflicting, "\(report.chip.evidence.map(\.fact))")
        let bootloader = try #require(report.bootloader)
        #expect(bootloader.state == .unknownVersion && bootloader.versionString == "BK7238_DEMO_1")
        let app = try #require(report.app)
        #expect(app.state == .ok && app.key == "zero" && app.strings?.platform == "bk7238")
        #expect(app.strings?.project == "oem_bk7238_plug")
        // RF calibration where Tuya's T1 firmware keeps it, not where OpenBeken reads it.
        #expect(report.rfCalibration?.offset == 0x1E_3000 && report.rfCalibration?.mac == SyntheticT1Plug.macString)
        #expect(report.rfCalibrationMove == RFCalibrationMove(from: 0x1E_3000, to: 0x1E_0000, mac: SyntheticT1Plug.macString))
        #expect(report.verdict.notes.contains { $0.contains("0x1E3000") && $0.contains("0x1E0000") })
        #expect(report.tuyaStore == TuyaStoreLocation(offset: 0x1F_5000, length: 0xB000))
        #expect(report.verdict.boots == .yes, "\(report.verdict.reasons)")
        #expect(DumpAnalyzer.analyze(Self.image, target: .bk7238).verdict.boots == .yes)
        // Another chip's view: a BK7231N decrypts with the Tuya key, and the app names bk7238.
        let onN = DumpAnalyzer.analyze(Self.image, target: .bk7231n).verdict
        #expect(onN.boots == .no && onN.reasons.contains { $0.code == .chipMismatch })
    }

    @Test func theMoveIsGoneOnceTheSectorIsWhereOpenBekenReadsIt() throws {
        var converted = Self.image
        let move = try #require(RFCalibrationMove.needed(in: converted, chip: .bk7238))
        let sector = try #require(move.sector(in: converted))
        converted.replaceSubrange(move.to..<move.to + RFCalibrationMove.sectorSize, with: sector)
        #expect(RFCalibrationMove.needed(in: converted, chip: .bk7238) == nil)
        let report = DumpAnalyzer.analyze(converted)
        #expect(report.rfCalibration?.offset == 0x1E_0000 && report.rfCalibration?.mac == SyntheticT1Plug.macString)
        // Chips without an alternative RF place never need it.
        #expect(RFCalibrationMove.needed(in: Self.image, chip: .bk7231t) == nil)
    }

    @Test func tuyaConfigFindsTheT1StoreAndItsPins() throws {
        let config = try TuyaConfigReader.read(Self.image)
        #expect(config.store?.offset == 0x1F_5000)
        #expect(config.userParamKey?["module"] == "T1-2S")
        #expect(config.platform == "T1")
        #expect(TuyaModules.chip(forPlatform: config.platform ?? "") == "BK7238")
        #expect(TuyaModules.chip(forModule: "T1-2S") == "BK7238")
        let mapping = TuyaPinMapper.map(config)
        #expect(mapping.pins.mapValues(\.description) == [8: "WifiLED_n;0", 24: "Btn;1", 26: "Rel;1"])
        // The 0xB000 region alone (as read from 0x1F5000) gives the same store.
        let region = Array(Self.image[0x1F_5000...])
        #expect(try TuyaConfigReader.read(region).userParamKey?["rl1_pin"] == "26")
    }

    @Test func openBekenQIOIsWrittenWholeFromZeroOnABK7238() throws {
        let qio = try #require(SyntheticOpenBeken.qioImage(for: .bk7238))
        #expect(SyntheticOpenBeken.qioFileName(for: .bk7238) == "OpenBK7238_QIO_1.0.0-demo.bin")
        let report = DumpAnalyzer.analyze(qio, target: .bk7238)
        #expect(report.kind == .qioImage && report.chip.chip == .bk7238)
        #expect(report.app?.strings?.openBekenPlatform == "OpenBK7238")
        #expect(report.verdict.boots == .yes, "\(report.verdict.reasons)")
        let plan = try WritePlanner.plan(file: qio, requestedOffset: nil, chip: .bk7238)
        #expect(plan.flashOffset == 0 && plan.fileOffset == 0 && plan.length == qio.count)
        // The same kind of image on a BK7231N keeps the chip's bootloader (unchanged behaviour).
        let nQIO = try #require(SyntheticOpenBeken.qioImage(for: .bk7231n))
        let nPlan = try WritePlanner.plan(file: nQIO, requestedOffset: nil, chip: .bk7231n)
        #expect(nPlan.flashOffset == 0x11000 && nPlan.fileOffset == 0x11000)
    }

    @Test func aT1DumpWithoutCodeIsStillKnownByItsRFAndKVPlaces() {
        var erased = Self.image
        erased.replaceSubrange(0..<0x13_0000, with: [UInt8](repeating: 0xFF, count: 0x13_0000))
        let classification = FileClassifier.classify(erased)
        #expect(classification.kind == .fullDump)
        #expect(classification.evidence.contains("RF calibration TLV at 0x1E3000"), "\(classification.evidence)")
        var noRF = erased
        noRF.replaceSubrange(0x1E_3000..<0x1E_4000, with: [UInt8](repeating: 0xFF, count: 0x1000))
        #expect(FileClassifier.classify(noRF).evidence.contains("Tuya KV store at 0x1F5000"))
    }

    @Test func isTheSameOnEveryBuild() {
        #expect(SyntheticT1Plug.flashImage() == Self.image)
        #expect(SyntheticOpenBeken.qioImage(for: .bk7238) == SyntheticOpenBeken.qioImage(for: .bk7238))
    }
}

/// Wrong chip/build pairs: each refused with a typed reason before anything is written.
@Suite struct WrongBuildRefusalTests {
    /// chip → the OpenBeken build that is not for it, and the reasons that may refuse it.
    static let pairs: [(build: ChipKind, chip: ChipKind)] = [
        (.bk7231n, .bk7238), (.bk7231n, .bk7231m), (.bk7231m, .bk7231n), (.bk7231t, .bk7231u), (.bk7231u, .bk7231t),
        (.bk7238, .bk7231n), (.bk7231m, .bk7238), (.bk7238, .bk7252n), (.bk7231t, .bk7238),
        (.bk7252n, .bk7238), (.bk7231n, .bk7252n),
    ]

    @Test(arguments: pairs)
    func uaBuildForAnotherChipIsRefused(build: ChipKind, chip: ChipKind) throws {
        let ua = try #require(SyntheticOpenBeken.uaImage(for: build))
        #expect(DumpAnalyzer.analyze(ua, target: chip).verdict.boots == .no)
        do {
            _ = try WritePlanner.plan(file: ua, requestedOffset: nil, chip: chip)
            Issue.record("an \(build.displayName) build was planned onto a \(chip.displayName)")
        } catch {
            #expect([.chipMismatch, .keyMismatch].contains(error.reason), "\(error)")
            #expect(error.message.contains(chip.displayName), "\(error.message)")
        }
        // The right build for the chip is accepted.
        if let own = SyntheticOpenBeken.uaImage(for: chip) {
            #expect(throws: Never.self) { try WritePlanner.plan(file: own, requestedOffset: nil, chip: chip) }
        }
    }

    @Test func theT1FactoryDumpIsRefusedOnABK7231N() {
        #expect(throws: WriteRefusal.self) {
            try WritePlanner.plan(file: SyntheticT1Plug.flashImage(), requestedOffset: nil, chip: .bk7231n)
        }
    }
}
