import BekenChips

/// Builds a `DumpReport` for any file: classification, then the parts that kind of file has, then the chip and the
/// boot verdict. Pure: bytes in, report out.
public enum DumpAnalyzer {
    /// Analyses `file`; with `target`, the verdict also checks the image against that chip (key, family).
    public static func analyze(_ file: [UInt8], target: ChipKind? = nil) -> DumpReport {
        let classification = FileClassifier.classify(file)
        var report = DumpReport(
            fileSize: file.count, classification: classification, targetChip: target,
            chip: ChipIdentification(chip: nil, evidence: [], isConflicting: false),
            verdict: BootVerdict(boots: .unknown, reasons: [], notes: []))
        var evidence: [ChipEvidence] = []
        switch classification.kind {
        case .fullDump, .qioImage:
            analyzeFlash(file, into: &report, evidence: &evidence)
        case .rotatedDump:
            analyzeFlash(RotatedDump.unrotate(file), into: &report, evidence: &evidence)
        case .appImage:
            let app = AppAnalyzer.analyze(file, start: 0, flashOffset: FileClassifier.appOffset,
                                          preferring: target?.family.codeKey)
            report.app = app
            evidence += appEvidence(app)
        case .otaPackage, .tuyaUG:
            report.otaPackage = otaPackage(file, kind: classification.kind)
        case .uf2:
            report.uf2 = UF2File(parsing: file)
            if let uf2 = report.uf2, let name = uf2.familyName {
                let chips = uf2.chipNames.compactMap(ChipKind.init(rawValue:))
                evidence.append(ChipEvidence(source: .uf2Family, fact: "UF2 family ID \(hex(uf2.familyID ?? 0, digits: 8)) (\(name))",
                                             chips: chips))
            }
        case .efuseDump:
            let (efuse, efuseEvidence) = efuseReport(file)
            report.efuse = efuse
            evidence += efuseEvidence
        case .tuyaStorage:
            if let offset = TuyaStoreLocator.keySectorOffsets(in: file).first {
                report.tuyaStore = TuyaStoreLocation(offset: offset, length: min(file.count - offset, 0x12000))
            }
        case .openBekenConfig:
            if let version = OpenBekenConfigProbe.validVersion(in: file, at: 0) {
                report.openBekenConfig = OpenBekenConfigLocation(offset: 0, version: version)
            }
        case .romDump, .blank, .elf, .unknown:
            break
        }
        report.chip = ChipIdentifier.identify(evidence)
        if [.fullDump, .qioImage, .rotatedDump].contains(classification.kind), let chip = target ?? report.chip.chip {
            let flash = classification.kind == .rotatedDump ? RotatedDump.unrotate(file) : file
            report.rfCalibrationMove = RFCalibrationMove.needed(in: flash, chip: chip)
        }
        report.verdict = VerdictBuilder.verdict(for: report)
        return report
    }

    /// A flash image from 0x0 (full dump, QIO image, un-rotated dump).
    static func analyzeFlash(_ flash: [UInt8], into report: inout DumpReport, evidence: inout [ChipEvidence]) {
        let (bootloader, table) = BootloaderAnalyzer.analyze(flash)
        report.bootloader = bootloader
        report.partitionTable = table
        evidence += bootloaderEvidence(bootloader, table: table)

        var appLength = AppAnalyzer.defaultLogicalLength
        if let entry = table?.entry(named: "app"), entry.isCRCInterleaved,
           entry.physicalOffset == FileClassifier.appOffset, (0x1000...0x400000).contains(Int(entry.length)) {
            appLength = Int(entry.length)
        }
        let preferredKey = report.targetChip?.family.codeKey
            ?? bootloader.tableName.flatMap { name in BootloaderTable.all.first { $0.name == name }?.codeKey }
        let app = AppAnalyzer.analyze(flash, start: FileClassifier.appOffset, flashOffset: FileClassifier.appOffset,
                                      logicalLength: appLength, preferring: preferredKey)
        report.app = app
        evidence += appEvidence(app)

        // The families' RF offsets first, then the alternative places (T1 factory firmware: 0x1E3000).
        let rfOffsets = Set(ChipFamily.all.compactMap { $0.layout.rfCalibration.map(Int.init) }).sorted(by: >)
            + Set(ChipFamily.all.compactMap { $0.layout.rfCalibrationAlternative.map(Int.init) }).sorted(by: >)
        if let rf = rfOffsets.lazy.compactMap({ RFCalibration(in: flash, at: $0) }).first(where: { $0.mac != nil })
            ?? rfOffsets.lazy.compactMap({ RFCalibration(in: flash, at: $0) }).first {
            report.rfCalibration = rf
            evidence.append(ChipEvidence(source: .rfCalibration, fact: "RF calibration TLV at \(hex(rf.offset))",
                                         chips: ChipIdentifier.chips(withRFAt: rf.offset)))
        }
        let configOffsets = Set(ChipFamily.all.compactMap { $0.layout.openBekenConfig.map(Int.init) }).sorted(by: >)
        for offset in configOffsets {
            guard let version = OpenBekenConfigProbe.validVersion(in: flash, at: offset) else { continue }
            report.openBekenConfig = OpenBekenConfigLocation(offset: offset, version: version)
            evidence.append(ChipEvidence(source: .openBekenConfig, fact: "OpenBeken config at \(hex(offset))",
                                         chips: ChipIdentifier.chips(withConfigAt: offset)))
            break
        }
        if let offset = TuyaStoreLocator.keySectorOffsets(in: flash).first {
            report.tuyaStore = TuyaStoreLocation(offset: offset, length: min(flash.count - offset, 0x12000))
        }
    }

    static func bootloaderEvidence(_ bootloader: BootloaderReport, table: PartitionTable?) -> [ChipEvidence] {
        var evidence: [ChipEvidence] = []
        if let chip = bootloader.tableChip, let name = bootloader.tableName {
            evidence.append(ChipEvidence(source: .bootloaderCRC, fact: "bootloader CRC-32 identifies \(name)",
                                         chips: [chip]))
        }
        if let text = bootloader.versionString, let prefix = text.split(separator: "_").first,
           let chip = ChipIdentifier.chip(named: String(prefix)) {
            evidence.append(ChipEvidence(source: .bootloaderString, fact: "bootloader string \"\(text)\"", chips: [chip]))
        }
        if let download = table?.entry(named: "download") {
            let chips = ChipIdentifier.chips(withOTAAt: download.physicalOffset)
            if !chips.isEmpty {
                evidence.append(ChipEvidence(source: .partitionTable,
                                             fact: "partition table: download partition at \(hex(download.physicalOffset))",
                                             chips: chips))
            }
        }
        return evidence
    }

    static func appEvidence(_ app: AppReport) -> [ChipEvidence] {
        var evidence: [ChipEvidence] = []
        if let name = app.key, let key = NamedCodeKey.all.first(where: { $0.name == name }) {
            let chips = ChipIdentifier.chips(withKey: key.key)
            if !chips.isEmpty {
                evidence.append(ChipEvidence(source: .appKey, fact: "app decrypts with the \(name) key", chips: chips))
            }
        }
        if let strings = app.strings, let platform = strings.platform, let chip = ChipIdentifier.chip(named: platform) {
            evidence.append(ChipEvidence(source: .appStrings, fact: strings.platformEvidence ?? platform, chips: [chip]))
        }
        return evidence
    }

    static func otaPackage(_ file: [UInt8], kind: ImageKind) -> OTAPackageReport {
        let ug = kind == .tuyaUG ? TuyaUGHeader(parsing: file) : nil
        let start = ug == nil ? 0 : TuyaUGHeader.size
        guard file.count >= start, let header = RBLHeader(parsing: file[start...]) else {
            return OTAPackageReport(ugHeader: ug, rbl: nil, payloadLength: max(0, file.count - start))
        }
        let payload = file[(start + RBLHeader.size)...]
        // OTA packages: crc32 over the stored (compressed, encrypted) payload (ltchiptool soc/bk72xx/util/rbl.py; bk7231tools analysis/rbl.py).
        let crcValid = payload.count >= Int(header.packageSize)
            ? CRC32.checksum(payload.prefix(Int(header.packageSize))) == header.payloadCRC32 : false
        var rbl = RBLReport(header, offset: start, verification: nil)
        rbl.payloadCRCValid = crcValid
        return OTAPackageReport(ugHeader: ug, rbl: rbl, payloadLength: payload.count)
    }

    /// Bytes 0–15 of an eFuse read are the code key, four little-endian words (BK7231GUIFlashTool RomReadCatalog.cs; ltchiptool soc/bk72xx/flash.py).
    static func efuseReport(_ file: [UInt8]) -> (EfuseReport, [ChipEvidence]) {
        guard let key = CodeKey(efuseBytes: file) else { return (EfuseReport(keyName: "custom"), []) }
        if key == .tuya {
            return (EfuseReport(keyName: "tuya"),
                    [ChipEvidence(source: .efuseKey, fact: "eFuse key = Tuya key (BK7231N; T eFuse is not readable)",
                                  chips: [.bk7231n])])
        }
        if key == .zero {
            return (EfuseReport(keyName: "zero"),
                    [ChipEvidence(source: .efuseKey, fact: "eFuse key all zero (BK7231M, or read-protected)",
                                  chips: [.bk7231m])])
        }
        if key == .uascent { return (EfuseReport(keyName: "uascent"), []) }
        if Set(key.words).count == 1 {
            // A 4-times-repeated word hints a 4-byte eFuse: BK7238/BK7252N (OpenBeken new_common.h, BK7231GUIFlashTool `doGenericSetup`).
            return (EfuseReport(keyName: "repeated-word"),
                    [ChipEvidence(source: .efuseKey, fact: "eFuse key is one word repeated 4 times",
                                  chips: [.bk7238, .bk7252n])])
        }
        return (EfuseReport(keyName: "custom"), [])
    }
}
