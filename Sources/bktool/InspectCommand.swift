import ArgumentParser
import BekenChips
import BekenImage
import BekenMonitor
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bktool inspect FILE [--chip CHIP] [--json] [--unrotate OUT]`: what a file is and whether it would boot.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Tell what a file is (dump, QIO/UA image, OTA, UF2, eFuse, …) and whether it would boot.",
        discussion: """
            The kind is decided by content, never by the file name. For firmware the report shows the chip family \
            and the evidence for it, the bootloader (identified by its CRC-32), the partition table stored in it, the \
            RBL trailers, the CRC16 of every 34-byte block, the app's version strings, the RF calibration (MAC), a \
            Tuya KV store and an OpenBeken config, then a verdict (boots: yes / no / unknown, with every reason) and \
            where the file would be written on the chip (or why it must not be).
            Exit status: 0 when the file was inspected, whatever the verdict (scripts read "verdict.boots" from \
            --json); 2 when the file cannot be read or an option is wrong.
            """)

    @Argument(help: "The file to inspect.")
    var file: String

    @Option(name: [.short, .long], help: "Check the file against this chip (bk7231t, bk7231n, …): key, family, write plan.")
    var chip: String?

    @Option(name: .long, help: "Write the un-rotated flash of a rotated dump to OUT (never overwrites OUT).")
    var unrotate: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let chip, ChipFamily.named(chip) == nil {
            let known = ChipKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown chip '\(chip)'; known: \(known)")
        }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure.badInput("file-unreadable", "cannot read \(file)", hint: "check the path and permissions")
        }
        let bytes = [UInt8](data)
        let target = chip.flatMap { ChipFamily.named($0)?.kind }
        let report = DumpAnalyzer.analyze(bytes, target: target)
        let planChip = target ?? report.chip.chip
        var plan: WritePlan?
        var refusal: WriteRefusal?
        if let planChip {
            do {
                plan = try WritePlanner.plan(for: report, requestedOffset: nil, chip: planChip)
            } catch {
                refusal = error
            }
        }
        var unrotated: UnrotateResult?
        if let unrotate { unrotated = try Self.writeUnrotated(bytes, report: report, to: unrotate) }

        if output.json {
            JSONOutput.emit(InspectResult(file: file, report: report, planChip: planChip, plan: plan, refusal: refusal?.document,
                                          unrotated: unrotated))
        } else {
            let text = InspectReportText(report: report, file: file, planChip: planChip, plan: plan, refusal: refusal,
                                         unrotated: unrotated, colors: Terminal.stdoutIsTTY)
            Terminal.writeOutput(text.render())
            // Issue 15: the diagnosis rules over this file (an eFuse backup, an overwritten bootloader, …).
            let evidence = Evidence(files: [.init(name: URL(fileURLWithPath: file).lastPathComponent,
                                                  classification: report.classification, report: report)])
            let findings = DiagnosisRules.findings(for: evidence)
            if !findings.isEmpty { Terminal.writeOutput(MonitorText.block(title: "diagnosis", findings: findings)) }
        }
    }

    /// Writes the un-rotated flash to a new file (O_EXCL: an existing file is never replaced).
    static func writeUnrotated(_ bytes: [UInt8], report: DumpReport, to path: String) throws -> UnrotateResult {
        guard report.kind == .rotatedDump else {
            throw CLIFailure.badInput("not-rotated", "\(report.kind.summary) is not a rotated dump; nothing to un-rotate",
                                      hint: "drop --unrotate")
        }
        let flash = RotatedDump.unrotate(bytes)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let exists = errno == EEXIST
            throw CLIFailure.badInput(exists ? "output-exists" : "output-unwritable",
                                      exists ? "\(path) already exists; not overwriting it" : "cannot create \(path)",
                                      hint: exists ? "choose another name for --unrotate" : "check the directory and permissions")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < flash.count {
            let written = flash.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, flash.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw CLIFailure.failed("write-failed", "writing \(path) failed after \(offset) bytes",
                                        hint: "check free space; remove the partial file and retry")
            }
            offset += written
        }
        return UnrotateResult(path: path, kind: FileClassifier.classify(flash).kind)
    }
}

/// What `--unrotate` produced.
struct UnrotateResult: Encodable {
    let path: String
    /// How the written file classifies (a full dump when all went well).
    let kind: ImageKind
}

/// The `--json` document.
struct InspectResult: Encodable {
    let ok = true
    let file: String
    let report: DumpReport
    /// The chip the write plan is for (`--chip`, else the detected one).
    let planChip: ChipKind?
    let plan: WritePlan?
    let refusal: WriteRefusal.Document?
    let unrotated: UnrotateResult?
}
