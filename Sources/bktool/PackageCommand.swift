import ArgumentParser
import BekenChips
import BekenDemo
import BekenImage
import Foundation

/// `bktool package RAW --chip CHIP --out FILE`: a plain app binary → a flashable app-only (UA) image; or
/// `bktool package --synthetic tuya-plug|openbeken --out FILE`: the demo's made-up device and firmware images.
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Make a flashable app-only (UA) image from a plain app binary (or write the demo's synthetic images).",
        discussion: """
            RAW is the plain app as the CPU sees it at 0x10000 (it must start with an ARM vector). It is padded to \
            16 bytes, encrypted with the chip's key (Tuya key for BK7231T/N, the zero key for BK7231M/U, BK7238 and \
            BK7252N; or --key), given an RBL trailer and stored with a CRC16 after every 32 bytes: the file is \
            written at 0x11000 (bktool inspect FILE shows it). --synthetic writes the images bktool demo uses \
            instead: tuya-plug (a whole 2 MiB plug: own bootloader, app, RF calibration, Tuya store; a BK7231N CB2S \
            plug, or with --chip bk7238 a T1-2S plug in Tuya's T1 factory layout, with --chip bk7252n a T4-U plug), \
            openbeken (a UA image that only looks like OpenBeken) or openbeken-qio (bootloader region + that app, as \
            OpenBeken ships for chips written from 0x0, e.g. BK7238 and BK7252N). Nothing in them comes from a real \
            device. OUT is never overwritten unless --force is given.
            """)

    enum Synthetic: String, ExpressibleByArgument, CaseIterable {
        case tuyaPlug = "tuya-plug"
        case openbeken
        case openbekenQIO = "openbeken-qio"
    }

    @Argument(help: "The plain app binary (omit with --synthetic).")
    var raw: String?

    @Option(name: [.short, .long], help: "The chip the image is for (its key): bk7231n, bk7231t, bk7231m, …")
    var chip: String = "bk7231n"

    @Option(name: .long, help: "Encrypt with this key instead of the chip's (32 hex digits, e.g. \"510fb093 a3cbeadc …\").")
    var key: String?

    @Flag(name: .long, help: "Put the RBL trailer right after the code (shorter file) instead of at the partition end.")
    var trailerAfterCode = false

    @Option(name: .long, help: "The RBL trailer's version field.")
    var rblVersion = "1.00"

    @Option(name: .long, help: "Write a synthetic demo image instead of packaging RAW.")
    var synthetic: Synthetic?

    @Option(name: [.short, .long], help: "The file to write.")
    var out: String

    @Flag(name: .long, help: "Replace OUT if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard ChipFamily.named(chip) != nil else {
            throw ValidationError("unknown chip '\(chip)'; known: \(ChipKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if (raw == nil) == (synthetic == nil) { throw ValidationError("give either RAW or --synthetic") }
        if let key, CodeKey(hex: key) == nil { throw ValidationError("--key needs 32 hex digits") }
        if synthetic == .tuyaPlug, let kind = ChipFamily.named(chip)?.kind,
           ![SyntheticTuyaPlug.chip, SyntheticT1Plug.chip, SyntheticT4Plug.chip].contains(kind) {
            throw ValidationError("the synthetic Tuya plug is a BK7231N (default), a BK7238 (--chip bk7238) or a BK7252N (--chip bk7252n)")
        }
    }

    func run() throws {
        guard let family = ChipFamily.named(chip) else { return }
        let image = try makeImage(chip: family.kind)
        try OBKConfigBuildCommand.write(image, to: out, force: force)
        let report = DumpAnalyzer.analyze(image, target: family.kind)
        let result = PackageResult(out: out, chip: family.kind, size: image.count, kind: report.kind,
                                   boots: report.verdict.boots, rbl: report.app?.rbl)
        if output.json {
            JSONOutput.emit(result)
        } else {
            Terminal.writeOutput(result.text)
        }
    }

    private func makeImage(chip: ChipKind) throws -> [UInt8] {
        switch synthetic {
        case .tuyaPlug:
            switch chip {
            case SyntheticT1Plug.chip: return SyntheticT1Plug.flashImage()
            case SyntheticT4Plug.chip: return SyntheticT4Plug.flashImage()
            default: return SyntheticTuyaPlug.flashImage()
            }
        case .openbeken:
            guard let image = SyntheticOpenBeken.uaImage(for: chip) else { throw Self.noKey(chip) }
            return image
        case .openbekenQIO:
            guard let image = SyntheticOpenBeken.qioImage(for: chip) else { throw Self.noKey(chip) }
            return image
        case nil:
            break
        }
        guard let raw, let data = FileManager.default.contents(atPath: raw) else {
            throw CLIFailure.badInput("file-unreadable", "cannot read \(raw ?? "")", hint: "check the path and permissions")
        }
        guard let codeKey = key.flatMap(CodeKey.init(hex:)) ?? chip.family.codeKey else { throw Self.noKey(chip) }
        let options = FirmwarePackager.Options(key: codeKey, version: rblVersion,
                                               timestamp: UInt32(Date().timeIntervalSince1970),
                                               trailer: trailerAfterCode ? .afterCode : .partitionEnd)
        do {
            return try FirmwarePackager.appImage(code: [UInt8](data), options: options)
        } catch {
            throw CLIFailure.badInput("cannot-package", "\(raw): \(error.description)",
                                      hint: "check the file with bktool inspect \(raw)")
        }
    }

    static func noKey(_ chip: ChipKind) -> CLIFailure {
        CLIFailure.badInput("unknown-key", "the code key of \(chip.displayName) is not known",
                            hint: "give it with --key (32 hex digits; an N's eFuse holds it)")
    }
}

/// What `package` wrote (also the `--json` document).
struct PackageResult: Encodable {
    let ok = true
    let out: String
    let chip: ChipKind
    let size: Int
    /// How bktool inspect classifies the file, and its verdict for the chip.
    let kind: ImageKind
    let boots: BootVerdict.Boots
    let rbl: RBLReport?

    var text: String {
        var lines = ["Wrote \(out): \(size) bytes, \(kind.summary), for \(chip.displayName)"]
        if let rbl {
            lines.append("RBL trailer \"\(rbl.name)\" \(rbl.version): code 0x\(String(rbl.rawSize, radix: 16, uppercase: true)) "
                + "bytes, CRC-32 0x\(String(rbl.payloadCRC32, radix: 16, uppercase: true))")
        }
        lines.append("Verdict: boots: \(boots.rawValue)")
        return lines.joined(separator: "\n") + "\n"
    }
}
