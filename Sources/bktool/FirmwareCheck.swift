import BekenChips
import BekenImage

/// `flash`'s look at FIRMWARE before anything is written: where it goes on this chip, or why it must not be
/// written (images.md §2.12 refusal rules via `WritePlanner`). `--force` overrides only the refusals a person can
/// reasonably know better about; files that are not firmware, rotated dumps and wrong offsets are never forced.
enum FirmwareCheck {
    struct Checked {
        let plan: WritePlan
        /// The bytes that go to `plan.flashOffset`.
        let payload: [UInt8]
        let kindDescription: String
        /// The refusal that `--force` overrode, if any.
        let forced: WriteRefusal?
    }

    /// Refusals `--force` may override: family/key doubts (the detection can be wrong for rebuilt firmware),
    /// an app with CRC16 errors, and a bootloader write the user says is known-good.
    static let forcible: Set<WriteRefusal.Reason> = [.chipMismatch, .keyMismatch, .corrupt, .bootloaderProtected]

    static func check(_ file: [UInt8], chip: ChipKind, address: Int?, withBootloader: Bool,
                      force: Bool) throws -> Checked {
        let report = DumpAnalyzer.analyze(file, target: chip)
        let checked: Checked
        do {
            let plan = try WritePlanner.plan(for: report, requestedOffset: address, chip: chip,
                                             includeBootloader: withBootloader)
            checked = Checked(plan: plan, payload: payload(file, plan), kindDescription: report.kind.summary, forced: nil)
        } catch let refusal {
            guard force, forcible.contains(refusal.reason),
                  let plan = forcedPlan(report, chip: chip, address: address, withBootloader: withBootloader) else {
                let canForce = forcible.contains(refusal.reason) ? " (or pass --force if you are sure)" : ""
                throw CLIFailure.badInput("refused-\(refusal.reason.rawValue)",
                                          "refusing to flash this file on the \(chip.displayName): \(refusal.message)",
                                          hint: refusal.hint + canForce)
            }
            checked = Checked(plan: plan, payload: payload(file, plan), kindDescription: report.kind.summary,
                              forced: refusal)
        }
        try refuseFullDump(report, chip: chip)
        return checked
    }

    /// A full dump carries a device's RF calibration, MAC and Tuya keys (images.md §2.12): `flash` installs
    /// firmware, it does not restore backups (never forced).
    static func refuseFullDump(_ report: DumpReport, chip: ChipKind) throws {
        guard report.kind == .fullDump else { return }
        throw CLIFailure.badInput(
            "refused-full-dump",
            "refusing to flash this file on the \(chip.displayName): it is a full flash dump, which would overwrite this device's RF calibration, MAC and Tuya keys with the dumped device's",
            hint: "flash an OpenBeken UA or QIO image; to restore a backup of this very device use bktool write-flash 0x0 FILE")
    }

    /// Where a forced file goes: app images at 0x11000, images that start with a bootloader at 0x0 (whole file
    /// with `--with-bootloader`, else from 0x11000 on).
    static func forcedPlan(_ report: DumpReport, chip: ChipKind, address: Int?, withBootloader: Bool) -> WritePlan? {
        let appOffset = FileClassifier.appOffset
        switch report.kind {
        case .appImage:
            let at = address ?? appOffset
            guard at >= appOffset else { return nil }
            return WritePlan(kind: report.kind, chip: chip, flashOffset: at, fileOffset: 0, length: report.fileSize,
                             warnings: [])
        case .fullDump, .qioImage:
            if withBootloader {
                return WritePlan(kind: report.kind, chip: chip, flashOffset: 0, fileOffset: 0,
                                 length: report.fileSize, warnings: [])
            }
            guard report.fileSize > appOffset else { return nil }
            return WritePlan(kind: report.kind, chip: chip, flashOffset: appOffset, fileOffset: appOffset,
                             length: report.fileSize - appOffset, warnings: [])
        default:
            return nil
        }
    }

    static func payload(_ file: [UInt8], _ plan: WritePlan) -> [UInt8] {
        Array(file[plan.fileOffset ..< min(file.count, plan.fileOffset + plan.length)])
    }
}
