import BekenDemo
import BekenImage
import BekenMonitor
import Testing

@Suite("Diagnosis rules reproduce the field reports' diagnoses")
struct DiagnosisTests {
    @Test("seed 004: an eFuse backup written at 0x11000, and a later backup whose bootloader was overwritten")
    func seed004() throws {
        let flasherLog = FlasherLog.read(FieldReportLogs.seed004LTChipTool)
        #expect(flasherLog.tool == "ltchiptool" && flasherLog.writeStarts == [0x11000] && flasherLog.verified)
        let efuse = [UInt8](repeating: 0, count: 32)
        // The later backup: a whole flash whose bootloader's first sector was overwritten.
        var dump = SyntheticTuyaPlug.flashImage()
        dump.replaceSubrange(0 ..< 0x1000, with: (0 ..< 0x1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let evidence = Evidence(files: [
            .init(name: "ltchiptool_bk72xx_2024-11-07_11-42-46_efuse.bin", classification: FileClassifier.classify(efuse)),
            .init(name: "readResult_BK7231N_QIO_old.bin", classification: FileClassifier.classify(dump),
                  report: DumpAnalyzer.analyze(dump)),
        ], flasherLogs: [flasherLog])
        let findings = DiagnosisRules.findings(for: evidence)
        let efuseFinding = try #require(findings.first { $0.code == .efuseFileAsFirmware })
        #expect(efuseFinding.fact("writtenAt") == "0x11000" && efuseFinding.fact("kind") == "efuse-dump")
        #expect(findings.contains { $0.code == .writtenAtAppOffset && $0.fact("bootloaderTouched") == "no" })
        let bootloader = try #require(findings.first { $0.code == .bootloaderDamaged })
        #expect(bootloader.next == .restoreFullFirmwareFromZero)
        #expect(bootloader.source.contains("seed 004"))
    }

    @Test("seed 002: the flasher verified by CRC, and the log shows a boot loop: power, not the write")
    func seed002() throws {
        let flasherLog = FlasherLog.read(FieldReportLogs.seed002EasyFlasher)
        #expect(flasherLog.tool == "BK7231GUIFlashTool" && flasherLog.writeStarts == [0x11000])
        #expect(flasherLog.verified && flasherLog.files == ["firmwares/OpenBK7231N_QIO_1.18.189.bin"])
        // A boot-looping TX2 log without times (as saved to a file): the banner three times.
        let boot = SyntheticOpenBekenBoot().lines(flash: [UInt8](repeating: 0xFF, count: 0x200000), failedBootsInARow: 0)
        let log = String(repeating: boot.prefix(6).map { $0.text + "\n" }.joined(), count: 3)
        var analyzer = LogAnalyzer()
        _ = analyzer.feed(Array(log.utf8), at: .zero)
        _ = analyzer.idle(at: .seconds(1))
        let verdict = analyzer.verdict(at: .zero, rate: nil, unreadableRates: [])
        #expect(verdict.kind == .bootLoop && verdict.restartPeriod == nil)
        let findings = DiagnosisRules.findings(for: Evidence(log: verdict, flasherLogs: [flasherLog]))
        // Easy Flasher skipped the bootloader ("Using hack to write QIO"): it wrote from 0x11000.
        #expect(findings.map(\.code) == [.bootLoop, .writtenAtAppOffset, .verifiedButNoStart])
        #expect(findings.filter { $0.code != .writtenAtAppOffset }.allSatisfy { $0.next == .useStrongSupply })
        #expect(findings.last?.fact("verifiedByCRC") == "yes")
    }

    @Test("every rule names its source")
    func sources() {
        #expect(DiagnosisRules.all.allSatisfy { !$0.source.isEmpty })
        #expect(Set(DiagnosisRules.all.map(\.code)).count == DiagnosisRules.all.count)
    }
}
