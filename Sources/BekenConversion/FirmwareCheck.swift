import BekenChips
import BekenImage

/// The firmware looked at before anything is written: where it goes on this chip, or why it must not be written
/// (`WritePlanner` with its force policy). A full dump is refused here whatever `force` says: a conversion
/// installs firmware, it does not restore backups (a full dump carries a device's RF calibration, MAC and keys).
public struct CheckedFirmware: Sendable, Equatable {
    public let kind: ImageKind
    public let plan: WritePlan
    /// The bytes that go to `plan.flashOffset`.
    public let payload: [UInt8]
    /// The refusal `force` overrode, if any.
    public let forced: WriteRefusal?
    /// The release file fetched for `settings.latest` (nil: the firmware was given).
    public var fetched: FetchedFirmware?

    public static func check(_ settings: ConversionSettings, chip: ChipKind,
                             fetched: FetchedFirmware? = nil) throws(ConversionError) -> CheckedFirmware {
        let report = DumpAnalyzer.analyze(settings.firmware, target: chip)
        let decided: (plan: WritePlan, overridden: WriteRefusal?)
        do {
            decided = try WritePlanner.plan(for: report, requestedOffset: settings.address, chip: chip,
                                            includeBootloader: settings.withBootloader, force: settings.force)
        } catch {
            throw .refused(error, chip: chip, forcible: WritePlanner.forcible.contains(error.reason))
        }
        guard report.kind != .fullDump else { throw .fullDumpRefused(chip: chip) }
        let plan = decided.plan
        let payload = Array(settings.firmware[plan.fileOffset ..< min(settings.firmware.count, plan.fileOffset + plan.length)])
        return CheckedFirmware(kind: report.kind, plan: plan, payload: payload, forced: decided.overridden,
                               fetched: fetched)
    }
}
