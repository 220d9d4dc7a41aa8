import BekenChips
import Testing
@testable import BekenImage

/// The seed 004 disasters (an eFuse backup flashed as firmware, an app-only image at 0x0, rotated T backups) and
/// the other refusal rules of `WritePlanner`.
@Suite struct WritePlanTests {
    static let tDump = "Brilo_8464455_Ceiling_Light.bin"
    static let nDump = "Mirabella_Genio_I003632_Plug.bin"

    /// A BK7231N eFuse read: the Tuya key as 4 little-endian words, then 16 bytes (BK7231GUIFlashTool RomReadCatalog.cs; ltchiptool soc/bk72xx/flash.py).
    static let efuse: [UInt8] = [0x93, 0xB0, 0x0F, 0x51, 0xDC, 0xEA, 0xCB, 0xA3, 0x7E, 0xA1, 0x93, 0x59,
                                 0x03, 0xEB, 0xAD, 0xC7] + [UInt8](repeating: 0, count: 16)

    func refusal(_ body: () throws(WriteRefusal) -> WritePlan) -> WriteRefusal? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func seed004EfuseFileIsRefusedWithThatExplanation() throws {
        let report = DumpAnalyzer.analyze(Self.efuse)
        #expect(report.kind == .efuseDump)
        #expect(report.efuse?.keyName == "tuya" && report.chip.chip == .bk7231n)
        #expect(report.verdict.boots == .no && report.verdict.reasons.map(\.code) == [.notFirmware])
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: Self.efuse, requestedOffset: 0x11000, chip: .bk7231n)
        })
        #expect(refused.reason == .notFirmware)
        #expect(refused.message.hasPrefix("this is an eFuse dump (32 bytes), not firmware"))
        #expect(refused.suggestion == .flashFirmwareInstead(firmware: "OpenBK7231N_QIO_<version>.bin", keepAsRecord: true))
    }

    @Test func seed004AppOnlyImageAtZeroIsRefusedWithTheRightOffset() throws {
        let ua = Array(try DumpFixtures.bytes(Self.nDump)[0x11000..<0x129F70])
        let report = DumpAnalyzer.analyze(ua)
        #expect(report.kind == .appImage)
        #expect(report.verdict.boots == .yes)
        #expect(report.app?.rbl?.offset == 0x129F0A)  // reported where it will sit in flash
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: ua, requestedOffset: 0, chip: .bk7231n)
        })
        #expect(refused.reason == .wrongOffset)
        #expect(refused.message == "app-only image: write at 0x11000, not 0x0")
        #expect(refused.suggestion == .writeAppAt(offset: 0x11000))
        let plan = try WritePlanner.plan(file: ua, requestedOffset: nil, chip: .bk7231n)
        #expect(plan.flashOffset == 0x11000 && plan.fileOffset == 0 && plan.length == ua.count)
    }

    @Test func seed004RotatedDumpIsRecognisedAndUnrotatesToANormalDump() throws {
        // Rotate a real T dump the way Easy Flasher did before 2023-04-20 (ltchiptool soc/bk72xx/binary.py detect_file_type).
        let dump = try DumpFixtures.bytes(Self.tDump)
        let rotated = RotatedDump.rotate(dump)
        #expect(Array(rotated[0x1EF000..<0x1EF010]) == Array(dump[0..<16]))
        let report = DumpAnalyzer.analyze(rotated)
        #expect(report.kind == .rotatedDump)
        #expect(report.classification.evidence.contains { $0.contains("BK7231S_1_0_5 at file offset 0x1EF000") })
        #expect(report.verdict.boots == .yes)
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: rotated, requestedOffset: nil, chip: .bk7231t)
        })
        #expect(refused.reason == .rotatedDump)
        #expect(refused.suggestion == .unrotateFirst)
        let restored = RotatedDump.unrotate(rotated)
        #expect(restored == dump)
        #expect(FileClassifier.classify(restored).kind == .fullDump)
    }

    @Test func theRealRotatedDumpUnrotatesToAFullDump() throws {
        let file = try DumpFixtures.bytes("LED_Moon_18W_CCT_Kobi.bin")
        let flash = RotatedDump.unrotate(file)
        let report = DumpAnalyzer.analyze(flash)
        #expect(report.kind == .fullDump && report.verdict.boots == .yes)
        #expect(report.bootloader?.rbl?.offset == 0x10F9A && report.tuyaStore?.offset == 0x1EE000)
    }

    @Test func fullDumpSkipsTheBootloaderAndWarnsAboutDeviceData() throws {
        let dump = try DumpFixtures.bytes(Self.tDump)
        let plan = try WritePlanner.plan(file: dump, requestedOffset: nil, chip: .bk7231t)
        #expect(plan == WritePlan(kind: .fullDump, chip: .bk7231t, flashOffset: 0x11000, fileOffset: 0x11000,
                                  length: 0x1EF000, warnings: plan.warnings))
        #expect(plan.warnings.contains { $0.contains("RF calibration/MAC (0x1E0000)") && $0.contains("0x1EE000") })
        #expect(try WritePlanner.plan(file: dump, requestedOffset: 0, chip: .bk7231t) == plan)
    }

    @Test func tImageOnAnNChipIsRefused() throws {
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: try! DumpFixtures.bytes(Self.tDump), requestedOffset: nil, chip: .bk7231n)
        })
        #expect(refused.reason == .chipMismatch)
        #expect(refused.message.hasPrefix("this BK7231T image will not run on a BK7231N (app build banner"))
        #expect(refused.suggestion == .useBuild(chip: .bk7231n, firmware: "OpenBK7231N_QIO_<version>.bin"))
        // A bootloader alone (its app erased) is refused by the bootloader's family.
        var bootloaderOnly = try DumpFixtures.bytes(Self.tDump)
        for index in 0x11000..<0x129F70 { bootloaderOnly[index] = 0xFF }
        let report = DumpAnalyzer.analyze(bootloaderOnly, target: .bk7231n)
        #expect(report.verdict.reasons.contains { $0.message.hasPrefix("this BK7231T bootloader will not run on a BK7231N") })
        // Same for the app alone.
        let ua = Array(try DumpFixtures.bytes(Self.tDump)[0x11000...])
        let appRefused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: ua, requestedOffset: nil, chip: .bk7231n)
        })
        #expect(appRefused.message.hasPrefix("this BK7231T image will not run on a BK7231N"))
    }

    @Test func bootloaderOverwriteOnlyWhereARomDownloaderSurvives() throws {
        let n = try DumpFixtures.bytes(Self.nDump)
        let plan = try WritePlanner.plan(file: n, requestedOffset: 0, chip: .bk7231n, includeBootloader: true)
        #expect(plan.flashOffset == 0 && plan.fileOffset == 0 && plan.length == n.count)
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: try! DumpFixtures.bytes(Self.tDump), requestedOffset: 0, chip: .bk7231t,
                                  includeBootloader: true)
        })
        #expect(refused.reason == .bootloaderProtected)
        #expect(refused.message.hasPrefix("the BK7231T bootloader must not be overwritten"))
    }

    @Test func qioImageAtTheAppOffsetIsRefused() throws {
        let qio = Array(try DumpFixtures.bytes(Self.nDump)[0..<0x129F70])
        #expect(FileClassifier.classify(qio).kind == .qioImage)
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: qio, requestedOffset: 0x11000, chip: .bk7231n)
        })
        #expect(refused.reason == .wrongOffset)
        #expect(refused.suggestion == .writeImageAtZero(appOffset: 0x11000))
        let plan = try WritePlanner.plan(file: qio, requestedOffset: nil, chip: .bk7231n)
        #expect(plan.flashOffset == 0x11000 && plan.fileOffset == 0x11000 && plan.length == 0x129F70 - 0x11000)
    }

    @Test func damagedAppIsRefused() throws {
        var dump = try DumpFixtures.bytes(Self.nDump)
        dump[0x40000] ^= 0x55
        let refused = try #require(refusal { () throws(WriteRefusal) in
            try WritePlanner.plan(file: dump, requestedOffset: nil, chip: .bk7231n)
        })
        #expect(refused.reason == .corrupt)
        #expect(refused.message.hasPrefix("app CRC16 errors: 1 block inside the code"))
    }

    @Test func nonFirmwareFilesAreRefused() throws {
        let kv = try DumpFixtures.bytes("BK7231T_TuyaConfig_PC44HA.bin")
        let cases: [([UInt8], WriteRefusal.Reason, String)] = [
            (kv, .notFirmware, "this is a Tuya KV storage region, not firmware"),
            ([UInt8](repeating: 0xFF, count: 0x1000), .notFirmware, "the file is blank (all 0xFF): writing it only erases flash"),
            ((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, .notFirmware,
             "unknown content: this is not a Beken firmware image"),
            (SyntheticFiles.otaPackage(), .otaPackage,
             "this is an OTA package (.rbl) for the download partition (0x12A000 on a BK7231N), not a UART flash image"),
            (SyntheticFiles.tuyaUG(), .otaPackage,
             "this is a Tuya UG OTA file for the download partition (0x12A000 on a BK7231N), not a UART flash image"),
            (SyntheticFiles.uf2(familyID: 0x675A_40B0), .chipMismatch, "this UF2 is for BK7231T/U, not for a BK7231N"),
            (SyntheticFiles.openBekenConfig(version: 5), .notFirmware,
             "this is an OpenBeken config sector, not firmware (it belongs at 0x1D1000)"),
        ]
        for (file, reason, message) in cases {
            let refused = refusal { () throws(WriteRefusal) in
                try WritePlanner.plan(file: file, requestedOffset: nil, chip: .bk7231n)
            }
            #expect(refused?.reason == reason)
            #expect(refused?.message == message)
            #expect(refused.map { !$0.message.isEmpty } == true)
        }
    }
}
