import BekenChips
import BekenImage

/// The readable report of `bktool inspect`: sections of label/value lines and aligned tables; the verdict line is
/// green (yes), red (no) or yellow (unknown) when stdout is a terminal.
struct InspectReportText {
    let report: DumpReport
    let file: String
    let planChip: ChipKind?
    let plan: WritePlan?
    let refusal: WriteRefusal?
    let unrotated: UnrotateResult?
    let colors: Bool

    private static let labelWidth = 16

    func render() -> String {
        var lines: [String] = []
        lines += fileSection()
        lines += chipSection()
        if let bootloader = report.bootloader { lines += bootloaderSection(bootloader) }
        if let table = report.partitionTable { lines += partitionSection(table) }
        if let app = report.app { lines += appSection(app) }
        lines += dataSection()
        lines += otherSection()
        lines += verdictSection()
        lines += planSection()
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: sections

    private func fileSection() -> [String] {
        var lines = [row("File", file), row("Size", "\(report.fileSize) bytes (\(hexAddress(report.fileSize)))"),
                     row("Kind", "\(report.kind.summary) [\(report.kind.rawValue)]")]
        lines += report.classification.evidence.map { row("", "· \($0)") }
        return lines
    }

    private func chipSection() -> [String] {
        var lines = [""]
        var value = report.chip.chip?.displayName ?? "unknown"
        if let series = report.chip.chip?.family.tuyaModuleSeries, !series.isEmpty {
            value += " (Tuya \(series.joined(separator: "/")) module family)"
        }
        if report.chip.isConflicting { value += " (evidence conflicts)" }
        if let target = report.targetChip { value += " — checked against \(target.displayName)" }
        lines.append(row("Chip", value))
        lines += report.chip.evidence.map { evidence in
            row("", "· \(evidence.fact) → \(evidence.chips.map(\.displayName).joined(separator: "/"))")
        }
        return lines
    }

    private func bootloaderSection(_ bootloader: BootloaderReport) -> [String] {
        var lines = ["", row("Bootloader", "0x0–0x10FFF: \(bootloader.state.rawValue)")]
        if let name = bootloader.tableName {
            let version = bootloader.tableVersion.map { ", version \($0)" } ?? ""
            lines.append(row("  identity", "\(name) (\(bootloader.tableChip?.displayName ?? "?")\(version)), by CRC-32 "
                + hex32(bootloader.crc32First256 ?? 0) + " / " + hex32(bootloader.crc32First257 ?? 0) + " (256/257 B)"))
        } else if let crc = bootloader.crc32First256 {
            lines.append(row("  identity", "not in the table (CRC-32 \(hex32(crc)) / \(hex32(bootloader.crc32First257 ?? 0)))"))
        }
        if let text = bootloader.versionString { lines.append(row("  string", "\"\(text)\"")) }
        if let key = bootloader.key { lines.append(row("  key", key)) }
        if let blocks = bootloader.blocks { lines.append(row("  CRC16", blockSummary(blocks))) }
        if let rbl = bootloader.rbl { lines.append(row("  RBL", rblSummary(rbl))) }
        return lines
    }

    private func partitionSection(_ table: PartitionTable) -> [String] {
        let rows = table.entries.map { entry in
            [entry.name, entry.flashName, hexAddress(Int(entry.offset)), hexAddress(Int(entry.length)),
             "\(hexAddress(entry.physicalOffset))–\(hexAddress(entry.physicalOffset + entry.physicalLength - 1))"]
        }
        return ["", "Partitions (FAL table in the bootloader)"]
            + Self.table(header: ["name", "flash", "offset", "length", "physical"], rows: rows).map { "  " + $0 }
    }

    private func appSection(_ app: AppReport) -> [String] {
        var lines = ["", row("App", "\(hexAddress(app.offset))–\(hexAddress(max(app.offset, app.checkedEnd) - 1)): \(app.state.rawValue)")]
        if let key = app.key { lines.append(row("  key", key)) }
        if let end = app.codeEnd { lines.append(row("  code ends", hexAddress(end))) }
        if let blocks = app.blocks { lines.append(row("  CRC16", blockSummary(blocks))) }
        if let rbl = app.rbl { lines.append(row("  RBL", rblSummary(rbl))) }
        if let strings = app.strings {
            if let project = strings.project {
                lines.append(row("  project", project + (strings.version.map { " \($0)" } ?? "")))
            }
            if let platform = strings.openBekenPlatform { lines.append(row("  OpenBeken", platform)) }
            if let banner = strings.buildBanner { lines.append(row("  build", banner)) }
            if let banner = strings.sdkBanner { lines.append(row("  SDK", banner)) }
        }
        return lines
    }

    private func dataSection() -> [String] {
        guard report.kind.holdsCode || report.tuyaStore != nil || report.openBekenConfig != nil else { return [] }
        var lines = [""]
        if report.kind.holdsCode, report.kind != .appImage {
            if let rf = report.rfCalibration {
                lines.append(row("RF calibration", "TLV at \(hexAddress(rf.offset)), \(rf.recordTags.count) records"
                    + (rf.mac.map { ", MAC \($0)" } ?? ", no MAC record")))
                if let move = report.rfCalibrationMove {
                    lines.append(row("", "· Tuya T1 factory place; OpenBeken reads it at \(hexAddress(move.to))"))
                }
            } else {
                lines.append(row("RF calibration", "none found"))
            }
        }
        if let store = report.tuyaStore {
            lines.append(row("Tuya KV store", "\(hexAddress(store.offset)) (\(hexAddress(store.length)) bytes; decode: bktool tuya-config)"))
        } else if report.kind.holdsCode {
            lines.append(row("Tuya KV store", "none"))
        }
        if let config = report.openBekenConfig {
            lines.append(row("OBK config", "\(hexAddress(config.offset)), version \(config.version) (read: bktool obk-config)"))
        } else if report.kind.holdsCode {
            lines.append(row("OBK config", "none"))
        }
        return lines
    }

    private func otherSection() -> [String] {
        var lines: [String] = []
        if let ota = report.otaPackage {
            lines.append("")
            if let ug = ota.ugHeader {
                lines.append(row("UG header", "version \"\(ug.version)\", length \(hexAddress(Int(ug.packageLength))), header sum "
                    + (ug.isHeaderSumValid ? "ok" : "WRONG") + ", package sum " + (ug.isPackageValid ? "ok" : "WRONG")))
            }
            if let rbl = ota.rbl { lines.append(row("RBL", rblSummary(rbl))) }
            lines.append(row("payload", "\(ota.payloadLength) bytes"))
        }
        if let uf2 = report.uf2 {
            lines.append("")
            lines.append(row("UF2", "\(uf2.validBlocks)/\(uf2.blockCount) blocks, family "
                + (uf2.familyID.map { "\(hex32($0)) (\(uf2.familyName ?? "not Beken"))" } ?? "none")
                + ", \(uf2.payloadBytes) payload bytes"))
        }
        if let efuse = report.efuse {
            lines.append("")
            lines.append(row("eFuse key", efuse.keyName == "custom" ? "custom (not printed)" : efuse.keyName))
        }
        return lines
    }

    private func verdictSection() -> [String] {
        let verdict = report.verdict
        var lines = ["", paint(row("Verdict", "boots: \(verdict.boots.rawValue)"), verdict.boots)]
        lines += verdict.reasons.map { paint(row("", "✗ \($0.message)"), .no) }
        lines += verdict.notes.map { row("", "· \($0)") }
        return lines
    }

    private func planSection() -> [String] {
        guard let chip = planChip else { return [] }
        var lines = [""]
        if let plan {
            lines.append(row("Write plan", "\(chip.displayName): \(plan.summary)"))
            lines += plan.warnings.map { row("", "! \($0)") }
        } else if let refusal {
            lines.append(paint(row("Write plan", "\(chip.displayName): refused — \(refusal.message)"), .no))
            lines.append(row("", "→ \(refusal.hintText)"))
        }
        if let unrotated {
            lines.append(row("Un-rotated", "written to \(unrotated.path) (\(unrotated.kind.summary))"))
        }
        return lines
    }

    // MARK: formatting

    private func row(_ label: String, _ value: String) -> String {
        label.isEmpty ? String(repeating: " ", count: Self.labelWidth) + value
            : label.padding(toLength: max(Self.labelWidth, label.count + 1), withPad: " ", startingAt: 0) + value
    }

    private func paint(_ text: String, _ boots: BootVerdict.Boots) -> String {
        guard colors else { return text }
        let code = switch boots {
        case .yes: "32"
        case .no: "31"
        case .unknown: "33"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func blockSummary(_ blocks: CRC16BlockCheck) -> String {
        var text = "\(blocks.blockCount) blocks: \(blocks.validBlocks) valid, \(blocks.erasedBlocks) erased, "
            + "\(blocks.badBlockCount) bad"
        if !blocks.badBlockOffsets.isEmpty {
            let shown = blocks.badBlockOffsets.prefix(8).map { hexAddress($0) }.joined(separator: ", ")
            text += " (at \(shown)\(blocks.badBlockCount > 8 ? ", …" : ""))"
        }
        return text
    }

    private func rblSummary(_ rbl: RBLReport) -> String {
        var checks = ["header CRC " + (rbl.headerCRCValid ? "ok" : "WRONG")]
        if let crc = rbl.payloadCRCValid { checks.append("payload CRC-32 " + (crc ? "ok" : "WRONG")) }
        if let hash = rbl.payloadHashValid { checks.append("hash " + (hash ? "ok" : "WRONG")) }
        return "\"\(rbl.name)\" version \"\(rbl.version)\" at \(hexAddress(rbl.offset)), raw \(hexAddress(Int(rbl.rawSize))), "
            + "package \(hexAddress(Int(rbl.packageSize))), CRC-32 \(hex32(rbl.payloadCRC32)); " + checks.joined(separator: ", ")
    }

    /// Left-aligned columns separated by two spaces.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
