import BekenFlasher

/// What a finished conversion did: the plan it carried out, where the backup and the record are, what each write
/// did, and whether the chip was rebooted.
public struct ConversionResult: Sendable {
    public let plan: ConversionPlan
    public let backup: BackupLocation
    public let backupReuse: BackupReuse?
    /// Where the progress record is (`ProgressStore.location`).
    public let progressLocation: String
    /// One per planned write, in plan order.
    public let outcomes: [WriteOutcome]
    /// The first address written after resuming (nil when not resumed or nothing was left to write).
    public let resumedFrom: Int?
    public let rebooted: Bool
    /// The release file fetched for `ConversionSettings.latest` (nil: the firmware was given).
    public let fetched: FetchedFirmware?

    public var identity: ChipIdentity { plan.identity }
    public var writtenSectors: Int { outcomes.reduce(0) { $0 + $1.written } }
    public var skippedSectors: Int { outcomes.reduce(0) { $0 + $1.skipped } }
    public var blankSectors: Int { outcomes.reduce(0) { $0 + $1.blank } }
    public var resumedSectors: Int { outcomes.reduce(0) { $0 + $1.resumed } }
}
