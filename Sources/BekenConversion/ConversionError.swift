import BekenChips
import BekenFlasher
import BekenImage
import FirmwareReleases
import OpenBeken

/// Everything a conversion can fail with, as facts (front ends word them and pick exit codes). `code` is stable
/// for scripts.
public enum ConversionError: Error, Sendable {
    /// `latest`: no release file for this chip could be found, fetched or taken from the cache.
    case firmwareUnavailable(FirmwareError, chip: ChipKind)
    /// The firmware must not be written on this chip; `forcible`: `force` would override it.
    case refused(WriteRefusal, chip: ChipKind, forcible: Bool)
    /// The firmware is a full flash dump (another device's calibration, MAC and keys); never forced.
    case fullDumpRefused(chip: ChipKind)
    /// Where OpenBeken keeps its config on this chip is not known.
    case noOpenBekenConfig(chip: ChipKind)
    /// The backup given cannot be read.
    case backupUnreadable(path: String, BackupReadProblem)
    /// The backup given is not a verified whole-flash backup of this chip.
    case backupNotThisChip(path: String, BackupMismatch)
    /// The backup directory is a file, or cannot be created.
    case backupDirectoryIsFile(path: String)
    case backupDirectoryNotWritable(path: String)
    /// The config cannot hold the settings.
    case configInvalid(OBKConfigError)
    /// The device name does not fit the short name / MQTT topic.
    case nameTooLong(bytes: Int, limit: Int)
    /// Sectors still differ after writing and verifying again.
    case verifyFailed(what: String, address: Int, sectors: [Int], progress: ConversionProgress?)
    /// After the writes, the RF calibration sector does not hold the MAC read before (`found`: what it holds).
    case macNotProven(MACProof, found: [UInt8]?, progress: ConversionProgress?)
    /// The flasher failed; `progress` is what the record holds when the write phase had started.
    case flasher(FlasherError, progress: ConversionProgress?)
    /// The backup or record could not be stored.
    case storage(any Error & Sendable, progress: ConversionProgress?)
    /// Stopped through the cancellation handle; `progress` as above (nil before the write phase).
    case cancelled(ConversionProgress?)

    public var code: String {
        switch self {
        case .firmwareUnavailable(let error, _): error.code.rawValue
        case .refused(let refusal, _, _): "refused-\(refusal.reason.rawValue)"
        case .fullDumpRefused: "refused-full-dump"
        case .noOpenBekenConfig: "no-openbeken-config"
        case .backupUnreadable: "backup-unreadable"
        case .backupNotThisChip: "backup-not-this-chip"
        case .backupDirectoryIsFile: "backup-dir-not-directory"
        case .backupDirectoryNotWritable: "backup-dir-not-writable"
        case .configInvalid: "config-invalid"
        case .nameTooLong: "value-too-long"
        case .verifyFailed: "verify-failed"
        case .macNotProven: "mac-not-proven"
        case .flasher(let error, _): error.code.rawValue
        case .storage: "storage-failed"
        case .cancelled: "cancelled"
        }
    }

    /// The progress record's state when the run stopped, if the write phase had started.
    public var progress: ConversionProgress? {
        switch self {
        case .flasher(_, let progress), .storage(_, let progress), .cancelled(let progress),
             .verifyFailed(_, _, _, let progress), .macNotProven(_, _, let progress): progress
        default: nil
        }
    }
}

/// Where an interrupted conversion stands: what the chip's CRC proved of the planned writes, and where that is
/// recorded (a rerun with the same inputs resumes at the first unverified sector).
public struct ConversionProgress: Sendable, Equatable {
    /// Where the record is kept (`ProgressStore.location`).
    public let location: String
    public let verifiedSectors: Int
    public let totalSectors: Int
    /// Sector-aligned ranges of the planned writes proven by the chip's CRC, merged.
    public let verified: [Range<Int>]
    /// The rest of the planned writes.
    public let unverified: [Range<Int>]

    init(_ record: FlashProgressRecord, location: String) {
        self.location = location
        (verifiedSectors, totalSectors) = record.sectorCounts
        verified = record.verifiedRanges.filter { range in record.writes.contains { $0.alignedRange.overlaps(range) } }
        unverified = record.unverifiedRanges
    }
}
