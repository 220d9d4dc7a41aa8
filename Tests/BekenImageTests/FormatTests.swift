import BekenChips
import Testing
@testable import BekenImage

@Suite struct FormatTests {
    @Test func rblHeaderRoundTripsAndChecksItsCRC() {
        let header = RBLHeader(timestamp: 42, name: "app", version: "1.00", payloadCRC32: 1, payloadHash: 2,
                               rawSize: 0x100, packageSize: 0x110)
        var bytes = header.serialized()
        #expect(bytes.count == 96 && Array(bytes[0..<4]) == [0x52, 0x42, 0x4C, 0x00])
        let parsed = RBLHeader(parsing: bytes)
        #expect(parsed == header && parsed?.isHeaderCRCValid == true)
        #expect(parsed?.name == "app" && parsed?.version == "1.00" && parsed?.serial == String(repeating: "0", count: 23))
        bytes[0x20] ^= 1
        #expect(RBLHeader(parsing: bytes)?.isHeaderCRCValid == false)
    }

    @Test func containerChecksumsFollowTheDocumentedPadding() {
        // crc32 over payload[0..<raw] + (package − raw) bytes of value (package − raw); FNV-1a over payload[0..<raw].
        let payload: [UInt8] = (0..<64).map { UInt8($0) } + [UInt8](repeating: 0xFF, count: 16)
        let crc = CRC32.checksum([UInt8](repeating: 0x10, count: 16), continuing: CRC32.checksum(payload.prefix(64)))
        let header = RBLHeader(timestamp: 0, name: "app", version: "1.00", payloadCRC32: crc,
                               payloadHash: FNV1a32.hash(payload.prefix(64)), rawSize: 64, packageSize: 80)
        #expect(header.verifiesContainer(payload: payload) == (crc: true, hash: true))
        #expect(FNV1a32.hash([]) == 0x811C_9DC5)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func partitionTableRoundTrips() {
        let table = PartitionTable(tableOffset: 0, entries: [
            .init(name: "bootloader", flashName: "beken_onchip_crc", offset: 0, length: 0x10000),
            .init(name: "app", flashName: "beken_onchip_crc", offset: 0x10000, length: 0x108700),
            .init(name: "download", flashName: "beken_onchip", offset: 0x12A000, length: 0xA6000),
        ])
        let data = [UInt8](repeating: 0x11, count: 100) + table.serialized() + [UInt8](repeating: 0xFF, count: 60)
        let found = PartitionTable.find(in: data)
        #expect(found?.entries == table.entries && found?.tableOffset == 100)
        #expect(found?.entry(named: "app")?.physicalOffset == 0x11000)
        #expect(found?.entry(named: "app")?.physicalLength == 0x118F70)
        #expect(found?.entry(named: "download")?.physicalOffset == 0x12A000)
    }

    @Test func tinyCRC8MatchesOpenBekensSignedVariant() {
        // OpenBeken new_cfg.c, tiny_crc8.c test vectors.
        #expect(OpenBekenConfigProbe.tinyCRC8(Array("123456789".utf8)) == 0x63)
        #expect(OpenBekenConfigProbe.tinyCRC8([0x80, 0x00]) == 0x18)
        #expect(SyntheticFiles.openBekenConfig(version: 5)[3] == 0x31)
        #expect(SyntheticFiles.openBekenConfig(version: 4)[3] == 0x63)
    }

    @Test func openBekenConfigInsideADumpIsFoundAtTheChipsOffset() throws {
        var dump = try DumpFixtures.bytes("Mirabella_Genio_I003632_Plug.bin")
        dump.replaceSubrange(0x1D1000..<0x1D2000, with: SyntheticFiles.openBekenConfig(version: 5))
        let report = DumpAnalyzer.analyze(dump)
        #expect(report.openBekenConfig == OpenBekenConfigLocation(offset: 0x1D1000, version: 5))
        #expect(report.chip.chip == .bk7231n && !report.chip.isConflicting)
        // A sector that is not blank but fails the CRC is not a config (Tuya firmware keeps other data in that sector; LibreTiny boards/_base/beken-7231n-tuya.json).
        dump[0x1D1010] ^= 1
        #expect(DumpAnalyzer.analyze(dump).openBekenConfig == nil)
    }

    @Test(arguments: [
        (SyntheticFiles.otaPackage(), ImageKind.otaPackage),
        (SyntheticFiles.tuyaUG(), .tuyaUG),
        (SyntheticFiles.uf2(familyID: 0x7B3E_F230), .uf2),
        (SyntheticFiles.openBekenConfig(version: 5), .openBekenConfig),
        ([0x7F, 0x45, 0x4C, 0x46] + [UInt8](repeating: 0, count: 60), .elf),
        ([UInt8](repeating: 0xFF, count: 100), .blank),
        ([UInt8](repeating: 0x00, count: 100), .unknown),
        ([], .unknown),
        ([0x0E, 0x00, 0x00, 0xEA, 0x14, 0xF0, 0x9F, 0xE5] + [UInt8](repeating: 0x33, count: 0x4000 - 8), .romDump),
    ])
    func smallFilesAreClassifiedByContent(_ file: [UInt8], _ kind: ImageKind) {
        let report = DumpAnalyzer.analyze(file)
        #expect(report.kind == kind)
        #expect(!report.classification.evidence.isEmpty)
    }

    @Test func otaPackagesAreReportedNotBooted() {
        let report = DumpAnalyzer.analyze(SyntheticFiles.tuyaUG())
        #expect(report.otaPackage?.ugHeader?.isHeaderSumValid == true)
        #expect(report.otaPackage?.ugHeader?.isPackageValid == true)
        #expect(report.otaPackage?.rbl?.offset == 32 && report.otaPackage?.rbl?.version == "1.17.0")
        #expect(report.otaPackage?.rbl?.payloadCRCValid == true)
        #expect(report.verdict.boots == .unknown && report.verdict.reasons.map(\.code) == [.otaPackage])
    }

    @Test func uf2FamilyNamesTheChip() {
        let report = DumpAnalyzer.analyze(SyntheticFiles.uf2(familyID: 0x7B3E_F230), target: .bk7231t)
        #expect(report.uf2?.familyName == "BK7231N" && report.uf2?.blockCount == 2)
        #expect(report.uf2?.lowestAddress == 0 && report.uf2?.highestAddress == 256)
        #expect(report.chip.chip == .bk7231n)
        #expect(report.verdict.boots == .no && report.verdict.reasons.map(\.code) == [.chipMismatch])
    }

    @Test func efuseKeysAreNamedNotPrinted() {
        #expect(DumpAnalyzer.analyze([UInt8](repeating: 0, count: 32)).efuse?.keyName == "zero")
        let custom: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
        let report = DumpAnalyzer.analyze(custom)
        #expect(report.kind == .efuseDump && report.efuse?.keyName == "custom")
    }
}
