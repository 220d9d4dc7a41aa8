import BekenChips
import Testing
@testable import BekenImage

/// Small plain "firmware" made here: an ARM vector table (ltchiptool soc/bk72xx/binary.py detect_file_type), some filler and marker strings.
private enum TestCode {
    static func app(marker: String = "OpenBK7231N_1.0.0", size: Int = 5000) -> [UInt8] {
        var code: [UInt8] = [0x0E, 0x00, 0x00, 0xEA] + Array(repeating: [0x14, 0xF0, 0x9F, 0xE5], count: 7).flatMap { $0 }
        code += (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
        code += [0] + Array(marker.utf8) + [0]
        return code
    }

    static func bootloader(chip: String = "BK7231N") -> [UInt8] {
        var code: [UInt8] = [0x40, 0x02, 0x00, 0xEA] + Array(repeating: [0x14, 0xF0, 0x9F, 0xE5], count: 7).flatMap { $0 }
        code += (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
        code += [0] + Array("\(chip)_TEST_1".utf8) + [0]
        return code
    }

    /// The BK7231N FAL table of BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions.
    static let table = PartitionTable(tableOffset: 0, entries: [
        .init(name: "bootloader", flashName: "beken_onchip_crc", offset: 0, length: 0x10000),
        .init(name: "app", flashName: "beken_onchip_crc", offset: 0x10000, length: 0x108700),
        .init(name: "download", flashName: "beken_onchip", offset: 0x12A000, length: 0xA6000),
    ])

    static func tuyaOptions(_ trailer: FirmwarePackager.TrailerPlacement = .partitionEnd) -> FirmwarePackager.Options {
        FirmwarePackager.Options(key: .tuya, version: "1.00", timestamp: 1_700_000_000, trailer: trailer)
    }
}

@Suite struct FirmwarePackagerTests {
    @Test func appImageDecodesBackToTheCode() throws {
        let code = TestCode.app()
        let image = try FirmwarePackager.appImage(code: code, options: TestCode.tuyaOptions())
        #expect(image.count == 0x118F70)  // the whole FAL app partition, BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions
        let (data, check) = CRC16Interleave.strip(image)
        #expect(check.badBlockCount == 0 && check.trailingBytes == 0)
        let header = try #require(RBLHeader(parsing: data[0x1086A0...]))
        #expect(header.isHeaderCRCValid && header.name == "app" && header.version == "1.00")
        #expect(Int(header.rawSize) == (code.count + 15) / 16 * 16 && header.packageSize == header.rawSize + 16)
        #expect(header.verifiesContainer(payload: data) == (crc: true, hash: true))
        let plain = BekenCodeCipher(key: .tuya).applied(to: data.prefix(Int(header.rawSize)), startingAt: 0x10000)
        #expect(Array(plain.prefix(code.count)) == code)
        #expect(plain.dropFirst(code.count).allSatisfy { $0 == 0 })
        // Encrypted on flash: the vector is not visible, and the gap before the trailer is erased flash.
        #expect(Array(image.prefix(8)) != Array(code.prefix(8)))
        #expect(check.erasedBlocks > 30_000)
    }

    @Test func inspectorSeesAnIntactUAImageForTheChip() throws {
        let image = try FirmwarePackager.appImage(code: TestCode.app(), options: TestCode.tuyaOptions())
        let report = DumpAnalyzer.analyze(image, target: .bk7231n)
        #expect(report.kind == .appImage)
        let app = try #require(report.app)
        #expect(app.state == .ok && app.key == "tuya")
        #expect(app.blocks?.badBlockCount == 0)
        #expect(app.rbl?.offset == 0x129F0A)
        #expect(app.rbl?.payloadCRCValid == true && app.rbl?.payloadHashValid == true)
        #expect(app.strings?.openBekenPlatform == "OpenBK7231N")
        #expect(report.chip.chip == .bk7231n)
        #expect(report.verdict.boots == .yes)
        #expect(report.verdict.reasons.isEmpty)
    }

    @Test func trailerAfterTheCodeGivesAShortImageTheInspectorStillReads() throws {
        let code = TestCode.app()
        let image = try FirmwarePackager.appImage(code: code, options: TestCode.tuyaOptions(.afterCode))
        let rawSize = (code.count + 15) / 16 * 16
        #expect(image.count == CRC16Interleave.physicalSize(logicalCount: rawSize) + 3 * 34)
        let report = DumpAnalyzer.analyze(image, target: .bk7231n)
        #expect(report.kind == .appImage && report.app?.state == .ok)
        #expect(report.app?.rbl?.payloadCRCValid == true)
        #expect(report.app?.codeEnd == 0x11000 + CRC16Interleave.physicalSize(logicalCount: rawSize))
        #expect(report.verdict.boots == .yes)
    }

    @Test func zeroKeyStoresPlainCodeForBK7231M() throws {
        let code = TestCode.app(marker: "OpenBK7231M_1.0.0")
        let image = try FirmwarePackager.appImage(code: code, options: try #require(.init(chip: .bk7231m)))
        let (data, _) = CRC16Interleave.strip(image)
        #expect(Array(data.prefix(code.count)) == code)
        // Plain code at 0x0 looks the same to the classifier whether it is an app or a bootloader, so the zero-key
        // app is checked where it belongs: behind a (zero-key) bootloader.
        let bootloader = try FirmwarePackager.bootloaderRegion(code: TestCode.bootloader(chip: "BK7231M"),
                                                               partitionTable: TestCode.table, options: .init(key: .zero))
        let report = DumpAnalyzer.analyze(try FirmwarePackager.qioImage(bootloaderRegion: bootloader, appImage: image),
                                          target: .bk7231m)
        #expect(report.app?.state == .ok && report.app?.key == "zero")
        #expect(report.chip.chip == .bk7231m)
        #expect(report.verdict.boots == .yes)
    }

    @Test func wrongKeyIsReportedAsKeyMismatch() throws {
        // A known key of another chip (UASCENT) on a Tuya-key N…
        let uascent = try FirmwarePackager.appImage(code: TestCode.app(), options: .init(key: .uascent))
        let report = DumpAnalyzer.analyze(uascent, target: .bk7231n)
        #expect(report.app?.key == "uascent")
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.map(\.code) == [.keyMismatch])
        // …and a key nobody knows behind a Tuya-key bootloader: CRC16-valid blocks, but no known key finds the ARM
        // vector. (Alone, such a file is "unknown content": nothing in it can be decrypted.)
        let custom = CodeKey(0x1234_5678, 0x9ABC_DEF0, 0x0F1E_2D3C, 0x4B5A_6902)
        let unknown = try FirmwarePackager.appImage(code: TestCode.app(), options: .init(key: custom))
        #expect(DumpAnalyzer.analyze(unknown, target: .bk7231n).kind == .unknown)
        let bootloader = try FirmwarePackager.bootloaderRegion(code: TestCode.bootloader(), partitionTable: TestCode.table,
                                                               options: TestCode.tuyaOptions())
        let unknownReport = DumpAnalyzer.analyze(
            try FirmwarePackager.qioImage(bootloaderRegion: bootloader, appImage: unknown), target: .bk7231n)
        #expect(unknownReport.app?.state == .unknownKey)
        #expect(unknownReport.verdict.boots == .no)
        #expect(!unknownReport.verdict.reasons.isEmpty)
        #expect(unknownReport.verdict.reasons.allSatisfy { $0.code == .keyMismatch })
    }

    @Test func fullImageFromPackagedPartsBoots() throws {
        let bootloader = try FirmwarePackager.bootloaderRegion(code: TestCode.bootloader(), partitionTable: TestCode.table,
                                                               options: TestCode.tuyaOptions())
        #expect(bootloader.count == 0x11000)
        let app = try FirmwarePackager.appImage(code: TestCode.app(), options: TestCode.tuyaOptions())
        let full = try FirmwarePackager.qioImage(bootloaderRegion: bootloader, appImage: app, flashSize: 0x200000)
        #expect(full.count == 0x200000)
        let report = DumpAnalyzer.analyze(full)
        #expect(report.kind == .fullDump)
        let loader = try #require(report.bootloader)
        // Our bootloader is not in the CRC table (bk7231tools base/enums.py BkBootloaderType): "unknown version", but intact and decryptable.
        #expect(loader.state == .unknownVersion && loader.key == "tuya")
        #expect(loader.versionString == "BK7231N_TEST_1")
        #expect(loader.rbl?.offset == 0x10F9A && loader.rbl?.payloadCRCValid == true)
        #expect(report.partitionTable?.entries == TestCode.table.entries)
        #expect(report.app?.state == .ok)
        #expect(report.chip.chip == .bk7231n && !report.chip.isConflicting)
        #expect(report.verdict.boots == .yes)

        let qio = try FirmwarePackager.qioImage(bootloaderRegion: bootloader, appImage: app)
        let qioReport = DumpAnalyzer.analyze(qio, target: .bk7231n)
        #expect(qioReport.kind == .qioImage && qioReport.verdict.boots == .yes)
    }

    @Test func fullImageWithAnAppUnderAnotherKeyIsAKeyMismatch() throws {
        let bootloader = try FirmwarePackager.bootloaderRegion(code: TestCode.bootloader(), partitionTable: TestCode.table,
                                                               options: TestCode.tuyaOptions())
        let app = try FirmwarePackager.appImage(code: TestCode.app(), options: .init(key: .zero))
        let report = DumpAnalyzer.analyze(try FirmwarePackager.qioImage(bootloaderRegion: bootloader, appImage: app))
        #expect(report.verdict.boots == .no)
        #expect(report.verdict.reasons.contains { $0.code == .keyMismatch && $0.message.contains("zero") })
    }

    @Test func refusesWhatItCannotPackage() throws {
        let encrypted = try FirmwarePackager.appImage(code: TestCode.app(), options: TestCode.tuyaOptions())
        #expect(throws: FirmwarePackagerError.notARMCode) {
            try FirmwarePackager.appImage(code: encrypted, options: TestCode.tuyaOptions())
        }
        let huge = TestCode.app(size: 0x108700)
        #expect(throws: FirmwarePackagerError.self) {
            try FirmwarePackager.appImage(code: huge, options: TestCode.tuyaOptions())
        }
        #expect(throws: FirmwarePackagerError.wrongBootloaderRegionSize(0x10000)) {
            try FirmwarePackager.qioImage(bootloaderRegion: [UInt8](repeating: 0xFF, count: 0x10000), appImage: encrypted)
        }
    }

    /// The packager is the decoder's inverse on real data too: decrypting a real app and packaging it again gives
    /// the same flash bytes up to the trailer, and the same trailer sums (only the trailer's junk bytes differ).
    @Test func repackagingARealAppReproducesItsFlashBytes() throws {
        let dump = try DumpFixtures.bytes("Mirabella_Genio_I003632_Plug.bin")
        let partition = Array(dump[0x11000..<0x129F70])
        let (data, _) = CRC16Interleave.strip(partition)
        let original = try #require(RBLHeader(parsing: data[0x1086A0...]))
        let code = BekenCodeCipher(key: .tuya).applied(to: data.prefix(Int(original.rawSize)), startingAt: 0x10000)
        let image = try FirmwarePackager.appImage(
            code: code, options: .init(key: .tuya, version: original.version, timestamp: original.timestamp))
        #expect(image.count == partition.count)
        let differing = zip(image, partition).indices { $0.0 != $0.1 }
        #expect(differing.allSatisfy { $0 >= 0x118F0A })  // only inside the trailer
        let rebuilt = try #require(RBLHeader(parsing: CRC16Interleave.strip(image).data[0x1086A0...]))
        #expect(rebuilt.payloadCRC32 == original.payloadCRC32 && rebuilt.payloadHash == original.payloadHash)
        #expect(rebuilt.rawSize == original.rawSize && rebuilt.packageSize == original.packageSize)
    }
}

private extension Zip2Sequence {
    func indices(where predicate: ((Sequence1.Element, Sequence2.Element)) -> Bool) -> [Int] {
        enumerated().filter { predicate($0.element) }.map(\.offset)
    }
}
