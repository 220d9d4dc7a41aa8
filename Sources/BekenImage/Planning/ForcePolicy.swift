import BekenChips

/// `force`: the refusals a person can reasonably know better about — family/key doubts (the detection can be wrong
/// for rebuilt firmware), an app with CRC16 errors, a bootloader write the user says is known-good. Files that are
/// not firmware, rotated dumps and wrong offsets are never forced. One planner decides both (ltchiptool soc/bk72xx/binary.py; BK7231GUIFlashTool BK7231Flasher.cs).
extension WritePlanner {
    public static let forcible: Set<WriteRefusal.Reason> = [.chipMismatch, .keyMismatch, .corrupt, .bootloaderProtected]

    /// A plan, and the refusal `force` overrode (nil when none was needed). Throws the refusal when it stands.
    public static func plan(for report: DumpReport, requestedOffset: Int?, chip: ChipKind, includeBootloader: Bool,
                            force: Bool) throws(WriteRefusal) -> (plan: WritePlan, overridden: WriteRefusal?) {
        do {
            return (try plan(for: report, requestedOffset: requestedOffset, chip: chip,
                             includeBootloader: includeBootloader), nil)
        } catch {
            guard force, forcible.contains(error.reason),
                  let plan = forcedPlan(report, chip: chip, address: requestedOffset,
                                        withBootloader: includeBootloader) else { throw error }
            return (plan, error)
        }
    }

    /// Where a forced file goes: app images at 0x11000, images that start with a bootloader at 0x0 (whole file
    /// with `includeBootloader`, else from 0x11000 on).
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
}
