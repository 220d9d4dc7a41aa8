import BekenChips
import BekenFlasher
import BekenImage

/// The steps of a conversion, in order (issue 6: link → check → backup → pins → config → write → verify → reboot).
public enum ConversionStep: Sendable, Equatable {
    case connect
    case checkFirmware(chip: ChipKind)
    case backup(flashSize: Int)
    case pins
    case config(offset: Int)
    case write
    case verify
    /// `reboot` false: the chip is left in download mode.
    case finish(reboot: Bool)

    /// 1…8.
    public var number: Int {
        switch self {
        case .connect: 1
        case .checkFirmware: 2
        case .backup: 3
        case .pins: 4
        case .config: 5
        case .write: 6
        case .verify: 7
        case .finish: 8
        }
    }

    public static let count = 8
}

/// What a conversion reports while it runs (front ends render it; no prose here).
public enum ConversionEvent: Sendable {
    case stepStarted(ConversionStep)
    /// Progress, retries, reset prompts and notices from the flasher.
    case flasher(FlasherEvent)
    /// The chip is linked and identified (`linkedAfter`: how long getting the bus took).
    case identified(ChipIdentity, baud: Int, linkedAfter: Duration?)
    case firmwareChecked(CheckedFirmware)
    /// The backup is in place: read now (`reused` nil) or reused.
    case backupReady(BackupLocation, reused: BackupReuse?)
    case pinsFound(PinPlan)
    case configBuilt(ConfigPlan)
    case warning(ConversionWarning)
    /// The run continues an interrupted one: `progress` as recorded, writing resumes at `from` (nil: only the
    /// verify step is left).
    case resuming(ConversionProgress, from: Int?)
    /// One planned write is done (its unverified parts written, skip-identical).
    case written(WriteOutcome)
    /// One planned write matches the chip's CRC.
    case verified(FlashProgressRecord.PlannedWrite)
    /// The backup shows Tuya's T1 factory layout: its RF calibration sector (MAC) is copied from `move.from` to
    /// `move.to`, where OpenBeken reads it (a planned write named "rf-calibration").
    case rfCalibrationMove(RFCalibrationMove)
    /// The RF calibration sector read back after the writes holds the MAC the chip had before.
    case macProven(MACProof)
    /// A step is done (sent when the next one starts, and after the last).
    case stepFinished(ConversionStep)
}

/// Why no new backup was read.
public enum BackupReuse: Sendable, Equatable {
    /// The user gave it.
    case given
    /// An earlier run of the same conversion made it (named in the progress record).
    case previousRun
}

/// Things the user should know that do not stop the conversion.
public enum ConversionWarning: Sendable, Equatable {
    /// The write planner's own warnings (text from `WritePlan.warnings`).
    case plan(String)
    /// The firmware image reaches the config sector at `offset`; the new config replaces that part of it.
    case configInsideFirmware(offset: Int)
    /// A recorded interrupted run wrote other firmware or settings; starting over.
    case otherRunRecorded(location: String)
    /// `count` sectors of a write marked verified by the record differ on the chip; rewriting them.
    case recordedSectorsDiffer(what: String, count: Int)
}

/// What one planned write did.
public struct WriteOutcome: Sendable, Equatable {
    public let write: FlashProgressRecord.PlannedWrite
    public var written = 0
    public var skipped = 0
    public var blank = 0
    /// Sectors verified by the previous run and not touched.
    public var resumed = 0
}
