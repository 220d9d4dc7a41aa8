import BekenChips

/// Turns a report into "boots: yes / no / unknown" with every reason (our checklist over the formats that ltchiptool soc/bk72xx/binary.py and bk7231tools analysis/rbl.py read).
enum VerdictBuilder {
    static func verdict(for report: DumpReport) -> BootVerdict {
        switch report.kind {
        case .fullDump, .qioImage, .rotatedDump:
            return flashVerdict(report)
        case .appImage:
            return appOnlyVerdict(report)
        case .otaPackage, .tuyaUG:
            return BootVerdict(boots: .unknown, reasons: [VerdictReason(.otaPackage,
                "OTA package: the bootloader installs it from the download partition; it cannot run where it is written "
                + "over UART, and its payload is not checked here")], notes: [])
        case .uf2:
            if let target = report.targetChip, let uf2 = report.uf2, !uf2.chipNames.isEmpty,
               !uf2.chipNames.contains(target.rawValue) {
                return BootVerdict(boots: .no, reasons: [VerdictReason(.chipMismatch,
                    "UF2 for \(uf2.familyName ?? "another family"), not for \(target.displayName)")], notes: [])
            }
            return BootVerdict(boots: .unknown, reasons: [VerdictReason(.notAnalysed,
                "UF2 container: its blocks are partition-relative and their content is not analysed here")], notes: [])
        case .efuseDump, .romDump, .tuyaStorage, .openBekenConfig, .blank, .elf, .unknown:
            return BootVerdict(boots: .no, reasons: [VerdictReason(.notFirmware,
                "not firmware: this is \(article(report.kind.summary)) \(report.kind.summary)")], notes: [])
        }
    }

    static func flashVerdict(_ report: DumpReport) -> BootVerdict {
        var reasons: [VerdictReason] = []
        var notes: [String] = []
        if let bootloader = report.bootloader { bootloaderFindings(bootloader, fileSize: report.fileSize, &reasons, &notes) }
        if let app = report.app { appFindings(app, fileSize: report.fileSize, &reasons, &notes) }
        if let bootloaderKey = report.bootloader?.key, let appKey = report.app?.key, bootloaderKey != appKey {
            reasons.append(VerdictReason(.keyMismatch,
                "key mismatch: the bootloader is encrypted with the \(bootloaderKey) key, the app with the \(appKey) key "
                + "(one chip decrypts both with its eFuse key)", offset: FileClassifier.appOffset))
        }
        if report.bootloader?.key != nil, report.app?.state == .unknownKey {
            reasons.append(VerdictReason(.keyMismatch,
                "key mismatch: the bootloader decrypts with the \(report.bootloader?.key ?? "") key, the app with none "
                + "of the known keys", offset: FileClassifier.appOffset))
        }
        chipFindings(report, &reasons)
        if report.rfCalibration == nil, report.fileSize >= 0x1E1000 {
            let places = Set(ChipFamily.all.compactMap { $0.layout.rfCalibration.map(Int.init) })
                .union(ChipFamily.all.compactMap { $0.layout.rfCalibrationAlternative.map(Int.init) })
                .filter { $0 < report.fileSize }.sorted().map { hex($0) }
            notes.append("no RF calibration TLV at \(places.joined(separator: ", ")): Wi-Fi may be weak until it is "
                + "recreated")
        }
        if let move = report.rfCalibrationMove {
            notes.append("RF calibration at \(hex(move.from)) (Tuya T1 factory layout); OpenBeken reads it at "
                + "\(hex(move.to)): a conversion must copy it there to keep the MAC\(move.mac.map { " \($0)" } ?? "")")
        }
        if report.kind == .rotatedDump {
            notes.append("the file is rotated (old Easy Flasher backup): the verdict is for the un-rotated flash; "
                + "un-rotate it before writing")
        }
        let boots: BootVerdict.Boots = reasons.isEmpty ? .yes
            : reasons.allSatisfy { $0.code == .notAnalysed } ? .unknown : .no
        return BootVerdict(boots: boots, reasons: reasons, notes: notes)
    }

    static func appOnlyVerdict(_ report: DumpReport) -> BootVerdict {
        var reasons: [VerdictReason] = []
        var notes = ["app-only image: it boots with an intact bootloader already at 0x0 (it is written at 0x11000)"]
        if let app = report.app { appFindings(app, fileSize: report.fileSize, &reasons, &notes) }
        chipFindings(report, &reasons)
        if report.app?.state == .unknownKey, report.targetChip?.family.codeKey == nil {
            // Without a chip to compare with, an unknown key may still match some chip's eFuse.
            return BootVerdict(boots: .unknown, reasons: reasons, notes: notes)
        }
        return BootVerdict(boots: reasons.isEmpty ? .yes : .no, reasons: reasons, notes: notes)
    }

    static func bootloaderFindings(_ bootloader: BootloaderReport, fileSize: Int, _ reasons: inout [VerdictReason],
                                   _ notes: inout [String]) {
        switch bootloader.state {
        case .ok:
            break
        case .unknownVersion:
            notes.append("bootloader CRC-32 \(hex(bootloader.crc32First256 ?? 0, digits: 8)) is not in the table "
                + "(unknown version), but its blocks are intact and it decrypts to ARM code")
        case .missing:
            reasons.append(VerdictReason(.bootloaderMissing,
                "bootloader missing: the file ends at \(hex(fileSize)), inside the bootloader region 0x0–0x10FFF",
                offset: 0))
        case .erased:
            reasons.append(VerdictReason(.bootloaderMissing, "bootloader missing: 0x0–0x10FFF is erased (all 0xFF)",
                                         offset: 0))
        case .zeroed:
            reasons.append(VerdictReason(.bootloaderMissing, "bootloader missing: 0x0–0x10FFF is all 0x00", offset: 0))
        case .corrupt:
            if let blocks = bootloader.blocks, let first = blocks.badBlockOffsets.first {
                reasons.append(VerdictReason(.bootloaderCorrupt,
                    "bootloader corrupt: CRC16 error in \(blockCount(blocks.badBlockCount)), first in block \(blockRange(first))",
                    offset: first))
            } else {
                reasons.append(VerdictReason(.bootloaderCorrupt,
                    "bootloader corrupt: 0x0 holds no boot code (its first blocks fail CRC16 or decrypt to no ARM vector)",
                    offset: 0))
            }
        }
        if bootloader.state == .ok || bootloader.state == .unknownVersion {
            if let blocks = bootloader.blocks, blocks.badBlockCount > 0, let first = blocks.badBlockOffsets.first {
                notes.append("bootloader: \(blockCount(blocks.badBlockCount)) with a CRC16 error after the code end, "
                    + "first in block \(blockRange(first)) (not executed)")
            }
            if bootloader.rbl == nil || bootloader.rbl?.headerCRCValid == false {
                notes.append("bootloader RBL trailer at 0x10F9A missing or damaged")
            }
        }
    }

    static func appFindings(_ app: AppReport, fileSize: Int, _ reasons: inout [VerdictReason], _ notes: inout [String]) {
        let partition = "\(hex(app.offset))–\(hex(app.checkedEnd - 1))"
        switch app.state {
        case .ok:
            break
        case .missing:
            reasons.append(VerdictReason(.appMissing,
                "app missing: the file ends at \(hex(fileSize)), before the app partition at \(hex(app.offset))",
                offset: app.offset))
        case .erased:
            reasons.append(VerdictReason(.appMissing, "app missing: the app partition \(partition) is erased (all 0xFF)",
                                         offset: app.offset))
        case .corrupt:
            if let blocks = app.blocks, let first = blocks.badBlockOffsets.first {
                reasons.append(VerdictReason(.appCRCErrors,
                    "app CRC16 errors: \(blockCount(blocks.badBlockCount)) inside the code, first in block \(blockRange(first))",
                    offset: first))
            } else {
                reasons.append(VerdictReason(.appCorrupt,
                    "app corrupt: the first blocks at \(hex(app.offset)) fail their CRC16", offset: app.offset))
            }
        case .truncated:
            let codeEnd = app.codeEnd.map { " (the code runs to \(hex($0)))" } ?? " (the last block before it is code)"
            reasons.append(VerdictReason(.appTruncated,
                "app truncated: the file ends at \(hex(fileSize)) inside the app code\(codeEnd)", offset: app.checkedEnd))
        case .unknownKey:
            reasons.append(VerdictReason(.keyMismatch,
                "app encrypted with an unknown key: its blocks are CRC16-valid but no known key (Tuya, zero, UASCENT) "
                + "decrypts \(hex(app.offset)) to ARM code; it runs only on a chip whose eFuse holds that key",
                offset: app.offset))
        }
        guard app.state == .ok else { return }
        if let blocks = app.blocks, blocks.badBlockCount > 0, let first = blocks.badBlockOffsets.first {
            notes.append("app: \(blockCount(blocks.badBlockCount)) with a CRC16 error after the code end, first at "
                + "\(blockRange(first)) (not executed)")
        }
        if let rbl = app.rbl {
            if !rbl.headerCRCValid {
                notes.append("app RBL trailer at \(hex(rbl.offset)) has a wrong header CRC")
            } else if rbl.payloadCRCValid == false || rbl.payloadHashValid == false {
                notes.append("app RBL trailer at \(hex(rbl.offset)): CRC-32/hash of the code do not match")
            }
        } else {
            notes.append("no app RBL trailer found (OTA updates and some bootloaders check it)")
        }
    }

    /// Chip consistency: bootloader vs app, and both vs the target chip.
    static func chipFindings(_ report: DumpReport, _ reasons: inout [VerdictReason]) {
        let evidence = report.chip.evidence
        let bootloaderSide = evidence.filter(\.isBootloaderSide)
        let appStrings = evidence.filter { $0.source == .appStrings }
        let bootloaderChips = ChipIdentifier.intersection(bootloaderSide)
        let appChips = ChipIdentifier.intersection(appStrings)
        if !bootloaderSide.isEmpty, !appStrings.isEmpty, Set(bootloaderChips).isDisjoint(with: appChips) {
            reasons.append(VerdictReason(.chipMismatch,
                "chip mismatch: the bootloader is for \(names(bootloaderChips)) (\(facts(bootloaderSide))) but the app "
                + "is built for \(names(appChips)) (\(facts(appStrings)))", offset: FileClassifier.appOffset))
        }
        guard let target = report.targetChip else { return }
        if !bootloaderSide.isEmpty, !bootloaderChips.contains(target) {
            reasons.append(VerdictReason(.chipMismatch,
                "this \(names(bootloaderChips)) bootloader will not run on a \(target.displayName) "
                + "(\(facts(bootloaderSide)))", offset: 0))
        }
        if !appStrings.isEmpty, !appChips.contains(target) {
            reasons.append(VerdictReason(.chipMismatch,
                "this \(names(appChips)) image will not run on a \(target.displayName) (\(facts(appStrings)))",
                offset: FileClassifier.appOffset))
        }
        if let expected = target.family.codeKey, let appKey = report.app?.key,
           let used = NamedCodeKey.all.first(where: { $0.name == appKey }), used.key != expected {
            reasons.append(VerdictReason(.keyMismatch,
                "key mismatch: the app is encrypted with the \(appKey) key, but a \(target.displayName) decrypts with "
                + "the \(NamedCodeKey.named(for: expected).name) key", offset: FileClassifier.appOffset))
        }
    }

    static func names(_ chips: [ChipKind]) -> String {
        chips.isEmpty ? "no known chip" : chips.map(\.displayName).joined(separator: "/")
    }

    static func facts(_ evidence: [ChipEvidence]) -> String { evidence.map(\.fact).joined(separator: "; ") }

    static func blockCount(_ count: Int) -> String { count == 1 ? "1 block" : "\(count) blocks" }

    static func blockRange(_ offset: Int) -> String {
        "\(hex(offset))–\(hex(offset + CRC16Interleave.blockSize - 1))"
    }

    static func article(_ text: String) -> String {
        guard let first = text.first else { return "a" }
        return "aeiouAEIOU".contains(first) ? "an" : "a"
    }
}
