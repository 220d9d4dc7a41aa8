import BekenChips
import BekenDemo
import BekenImage
import Foundation
import OpenBeken
import Testing
import TuyaConfig
import BekenTestSupport

@Suite struct SyntheticTuyaPlugTests {
    static let image = SyntheticTuyaPlug.flashImage()

    @Test func isAFullBK7231NDumpThatBoots() throws {
        let image = Self.image
        #expect(image.count == 0x20_0000)
        let report = DumpAnalyzer.analyze(image)
        #expect(report.kind == .fullDump)
        #expect(report.chip.chip == .bk7231n && !report.chip.isConflicting)
        #expect(Set(report.chip.evidence.map(\.source)) == [
            .bootloaderString, .partitionTable, .appKey, .appStrings, .rfCalibration,
        ])
        let bootloader = try #require(report.bootloader)
        // Our own bootloader: intact and decryptable, but its CRC-32 is not in the table of real ones.
        #expect(bootloader.state == .unknownVersion && bootloader.tableName == nil)
        #expect(bootloader.versionString == SyntheticTuyaPlug.bootloaderVersionString)
        #expect(bootloader.blocks?.badBlockCount == 0 && bootloader.rbl?.payloadCRCValid == true)
        #expect(report.partitionTable?.entries == SyntheticTuyaPlug.partitionTable.entries)
        let app = try #require(report.app)
        #expect(app.state == .ok && app.key == "tuya" && app.blocks?.badBlockCount == 0)
        #expect(app.rbl?.offset == 0x129F0A && app.rbl?.payloadCRCValid == true && app.rbl?.payloadHashValid == true)
        #expect(app.strings?.project == "oem_bk7231n_plug" && app.strings?.version == "1.1.17")
        #expect(app.strings?.platform == "bk7231n")
        #expect(report.rfCalibration?.offset == 0x1D_0000 && report.rfCalibration?.mac == "02:42:4b:72:31:4e")
        #expect(report.tuyaStore?.offset == 0x1E_E000)
        #expect(report.verdict.boots == .yes && report.verdict.reasons.isEmpty)
        #expect(DumpAnalyzer.analyze(image, target: .bk7231n).verdict.boots == .yes)
        #expect(DumpAnalyzer.analyze(image, target: .bk7231t).verdict.boots == .no)
    }

    @Test func tuyaStoreYieldsTheBL0937PlugPins() throws {
        let config = try TuyaConfigReader.read(Self.image)
        #expect(config.store?.offset == SyntheticTuyaPlug.tuyaStoreOffset)
        #expect(config.userParamKey?["module"] == "CB2S")
        #expect(config.platform == "bk7231n")
        let mapping = TuyaPinMapper.map(config)
        #expect(mapping.powerMeter == .bl0937)
        #expect(mapping.pins.mapValues(\.description) == [
            6: "BL0937CF;0", 7: "BL0937CF1;0", 8: "Rel;1", 23: "WifiLED_n;0", 24: "Btn;1", 26: "BL0937SEL;0",
        ])
    }

    @Test func isTheSameOnEveryBuild() {
        #expect(SyntheticTuyaPlug.flashImage() == Self.image)
        #expect(SyntheticOpenBeken.uaImage() == SyntheticOpenBeken.uaImage())
    }

    /// Our bytes only: no non-blank 4 KiB sector of the synthetic image occurs anywhere in the real dumps.
    @Test func sharesNoSectorWithAnyRealDump() throws {
        let sectors = Set(stride(from: 0, to: Self.image.count, by: 0x1000).map { Array(Self.image[$0..<$0 + 0x1000]) }
            .filter { sector in !sector.allSatisfy { $0 == 0xFF } && !sector.allSatisfy { $0 == 0 } })
        #expect(sectors.count >= 50)  // bootloader, app, RF and store sectors
        let dumps = RealDumps.names
        #expect(dumps.count >= 18)
        var shared = 0
        for name in dumps {
            let dump = try RealDumps.bytes(name)
            for offset in stride(from: 0, to: dump.count - 0xFFF, by: 0x1000)
            where sectors.contains(Array(dump[offset..<offset + 0x1000])) {
                shared += 1
            }
        }
        #expect(shared == 0)
    }
}

@Suite struct SyntheticOpenBekenTests {
    @Test func isAnOpenBekenUAImageForTheChip() throws {
        let image = try #require(SyntheticOpenBeken.uaImage(for: .bk7231n))
        #expect(image.count == 0x118F70)
        let report = DumpAnalyzer.analyze(image, target: .bk7231n)
        #expect(report.kind == .appImage)
        #expect(report.app?.state == .ok && report.app?.key == "tuya")
        #expect(report.app?.strings?.openBekenPlatform == "OpenBK7231N")
        #expect(report.chip.chip == .bk7231n)
        #expect(report.verdict.boots == .yes)
        #expect(SyntheticOpenBeken.fileName() == "OpenBK7231N_UA_1.0.0-demo.bin")
    }

    @Test func getsAWritePlanAtTheAppOffsetOnNAndIsRefusedOnT() throws {
        let image = try #require(SyntheticOpenBeken.uaImage(for: .bk7231n))
        let plan = try WritePlanner.plan(file: image, requestedOffset: nil, chip: .bk7231n)
        #expect(plan.kind == .appImage && plan.flashOffset == 0x11000 && plan.fileOffset == 0)
        #expect(plan.length == image.count)
        let refusal = #expect(throws: WriteRefusal.self) {
            try WritePlanner.plan(file: image, requestedOffset: nil, chip: .bk7231t)
        }
        #expect(refusal?.reason == .chipMismatch)
        #expect(refusal?.message.contains("OpenBeken platform string \"OpenBK7231N\"") == true)
    }

    @Test func theTBuildIsTheMirrorImage() throws {
        let image = try #require(SyntheticOpenBeken.uaImage(for: .bk7231t))
        #expect(try WritePlanner.plan(file: image, requestedOffset: nil, chip: .bk7231t).flashOffset == 0x11000)
        #expect(throws: WriteRefusal.self) { try WritePlanner.plan(file: image, requestedOffset: nil, chip: .bk7231n) }
        #expect(SyntheticOpenBeken.uaImage(for: .bk7236) == nil)  // no known code key
    }
}

/// The real dumps in `shared/dumps` beside the package folder (docs/TESTING.md "Real data": read from there, never copied into the repo).
enum RealDumps {
    static let directory = SharedDumps.directory

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".bin") }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
