import BekenFlasher
import BekenProtocol
import Foundation
import SerialLink

/// Carries out a conversion on a chip behind `link`: connect and identify, check the firmware, back up (or reuse a
/// verified backup), plan pins, config and writes (`ConversionPlan`), write the unverified parts, verify all by the
/// chip's CRC, reboot. Every proven range is saved to the progress store as it happens, so whatever stops the run
/// (a lost link, a brown-out, `options.cancellation`) a later run with the same inputs resumes.
/// Blocking: run it on a thread of its own (`ConversionJob` does that for Swift concurrency).
public final class ConversionRunner {
    let link: any Link
    let options: Flasher.Options
    let settings: ConversionSettings
    let backups: any BackupStore
    let progress: any ProgressStore
    let emit: (ConversionEvent) -> Void
    private let state = RunState()
    /// The step in progress (finished when the next one starts).
    private var step: ConversionStep?

    public init(link: any Link, options: Flasher.Options, settings: ConversionSettings, backups: any BackupStore,
                progress: any ProgressStore, events: @escaping (ConversionEvent) -> Void) {
        self.link = link
        var options = options
        // Writing the bootloader window needs both the request and `force` (BK7231T/U cannot be recovered).
        options.allowBootloaderWrite = settings.force && settings.withBootloader
        self.options = options
        self.settings = settings
        self.backups = backups
        self.progress = progress
        emit = events
    }

    /// Runs every step; throws `ConversionError` only.
    public func run() throws -> ConversionResult {
        do {
            return try runSteps()
        } catch {
            throw classify(error)
        }
    }

    private func runSteps() throws -> ConversionResult {
        let flasher = Flasher(link: link, options: options) { [state, progress, emit] event in
            state.observe(event, progress: progress)
            emit(.flasher(event))
        }
        try start(.connect)
        _ = try flasher.connect()
        _ = try flasher.readMAC()
        guard let identity = flasher.identity else { throw FlasherError(.linkLost, "not connected", hint: .connectFirst) }
        emit(.identified(identity, baud: flasher.baudRate, linkedAfter: state.linkedAfter))

        try start(.checkFirmware(chip: identity.chip))
        var settings = self.settings
        var fetched: FetchedFirmware?
        if let latest = settings.latest {
            let found = try latest.fetch(chip: identity.chip)
            settings.firmware = found.bytes
            settings.firmwareName = found.firmware.name
            fetched = found.firmware
        }
        let firmware = try CheckedFirmware.check(settings, chip: identity.chip, fetched: fetched)
        let (_, configOffset) = try ConversionPlan.configTarget(identity)
        emit(.firmwareChecked(firmware))
        for warning in firmware.plan.warnings { emit(.warning(.plan(warning))) }

        try start(.backup(flashSize: identity.flashSize))
        let chipKey = ConversionPlan.chipKey(identity)
        let previous = progress.load(chipKey: chipKey)
        let (backup, reuse) = try makeBackup(flasher, identity: identity, previous: previous)
        // A backup read now is known flash already; one given or kept from an earlier run may be older than the
        // device's last config change: the write uses it only where the chip's CRC vouches for it (EarlierBackup).
        if reuse != nil { flasher.rememberEarlierBackup(backup.bytes) }
        emit(.backupReady(backup.location, reused: reuse))

        try start(.pins)
        var plan = try ConversionPlan.make(identity: identity, firmware: firmware, settings: settings,
                                           backup: backup.bytes, backupName: backup.location.name, previous: previous)
        emit(.pinsFound(plan.pins))
        if let review = settings.reviewPins, let corrected = review(plan.pins) {
            try options.cancellation?.check()
            var revised = settings
            revised.pins = .template(corrected, name: "corrected")
            plan = try ConversionPlan.make(identity: identity, firmware: firmware, settings: revised,
                                           backup: backup.bytes, backupName: backup.location.name, previous: previous)
            emit(.pinsFound(plan.pins))
        }

        try start(.config(offset: configOffset))
        emit(.configBuilt(plan.config))
        if let move = plan.rfCalibrationMove { emit(.rfCalibrationMove(move)) }
        if plan.configInsideFirmware { emit(.warning(.configInsideFirmware(offset: configOffset))) }
        if plan.resume == .startOver { emit(.warning(.otherRunRecorded(location: progress.location(chipKey: chipKey)))) }
        try progress.save(plan.record)
        state.attach(plan.record, location: progress.location(chipKey: chipKey))

        try start(.write)
        var resumedFrom: Int?
        if plan.resume == .resume, let snapshot = state.snapshot {
            resumedFrom = plan.writes.lazy.compactMap { plan.record.unverified(in: $0.alignedRange).first?.lowerBound }.first
            emit(.resuming(snapshot, from: resumedFrom))
        }
        var outcomes: [WriteOutcome] = []
        for (write, bytes) in zip(plan.writes, plan.images) {
            let outcome = try self.write(bytes, as: write, record: plan.record, flasher: flasher)
            outcomes.append(outcome)
            emit(.written(outcome))
        }

        try start(.verify)
        for (write, bytes) in zip(plan.writes, plan.images) {
            var mismatched = try flasher.verify(bytes, at: write.address)
            if !mismatched.isEmpty {
                // The record said verified but the flash differs (changed between runs): write again, check again.
                emit(.warning(.recordedSectorsDiffer(what: write.what, count: mismatched.count)))
                _ = try flasher.write(bytes, at: write.address)
                mismatched = try flasher.verify(bytes, at: write.address)
            }
            guard mismatched.isEmpty else {
                throw ConversionError.verifyFailed(what: write.what, address: write.address, sectors: mismatched,
                                                   progress: state.snapshot)
            }
            emit(.verified(write))
        }
        if let proof = plan.macProof { try proveMAC(proof, flasher: flasher) }
        try state.update(progress) { $0.complete = true }

        try start(.finish(reboot: settings.reboot))
        if settings.reboot { try flasher.reboot() }
        emit(.stepFinished(.finish(reboot: settings.reboot)))
        step = nil
        return ConversionResult(plan: plan, backup: backup.location, backupReuse: reuse,
                                progressLocation: progress.location(chipKey: chipKey), outcomes: outcomes,
                                resumedFrom: resumedFrom, rebooted: settings.reboot, fetched: fetched)
    }

    private func start(_ next: ConversionStep) throws {
        try options.cancellation?.check()
        if let step { emit(.stepFinished(step)) }
        step = next
        emit(.stepStarted(next))
    }

    // MARK: steps

    /// The backup the user gave, else the one the previous run made, else a new one read now (verified by CRC).
    private func makeBackup(_ flasher: Flasher, identity: ChipIdentity,
                            previous: FlashProgressRecord?) throws -> (StoredBackup, BackupReuse?) {
        if let given = settings.givenBackup {
            let backup = try backups.load(given: given)
            try BackupMatch.check(backup, identity: identity)
            return (backup, .given)
        }
        if let previous, !previous.backup.isEmpty, let backup = backups.load(named: previous.backup),
           (try? BackupMatch.check(backup, identity: identity)) != nil {
            return (backup, .previousRun)
        }
        let name = FlashProgressRecord.fileStem(ConversionPlan.chipKey(identity)) + "-backup.bin"
        let writer = try backups.makeWriter(name: name)
        var committed = false
        defer { if !committed { writer.discard() } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(identity.flashSize)
        try flasher.read(0 ..< identity.flashSize) { _, piece in
            bytes += piece
            try writer.append(piece)
        }
        let sidecar = BackupSidecar(identity: identity, start: 0, length: identity.flashSize,
                                    crc: BekenCRC32.standard(bytes), tool: settings.tool)
        let location = try writer.commit(sidecar: sidecar)
        committed = true
        return (StoredBackup(location: location, bytes: bytes, sidecar: nil), nil)
    }

    /// Reads the RF calibration sector back: the MAC read before the conversion must be where the new firmware
    /// reads it (after an RF move, the proof that the device keeps its MAC).
    private func proveMAC(_ proof: MACProof, flasher: Flasher) throws {
        let sector = try flasher.read(proof.offset ..< proof.offset + FlashGeometry.sector)
        let found = RFCalibrationSector.mac(in: sector)
        guard found == proof.mac else {
            throw ConversionError.macNotProven(proof, found: found, progress: state.snapshot)
        }
        emit(.macProven(proof))
    }

    /// Writes the unverified parts of one planned write (all of it unless resuming), skip-identical.
    private func write(_ bytes: [UInt8], as write: FlashProgressRecord.PlannedWrite, record: FlashProgressRecord,
                       flasher: Flasher) throws -> WriteOutcome {
        let dataRange = write.address ..< write.address + bytes.count
        var outcome = WriteOutcome(write: write)
        for run in record.unverified(in: write.alignedRange) {
            let part = max(run.lowerBound, dataRange.lowerBound) ..< min(run.upperBound, dataRange.upperBound)
            guard !part.isEmpty else { continue }
            let report = try flasher.write(
                Array(bytes[(part.lowerBound - write.address) ..< (part.upperBound - write.address)]), at: part.lowerBound)
            outcome.written += report.writtenSectors
            outcome.skipped += report.skippedSectors
            outcome.blank += report.blankSectors
        }
        outcome.resumed = record.verifiedCount(in: write.alignedRange) / FlashGeometry.sector
        return outcome
    }

    /// Any failure as a `ConversionError`, with the recorded progress once the write phase has begun.
    private func classify(_ error: any Error) -> ConversionError {
        let snapshot = state.snapshot
        switch error {
        case let error as ConversionError: return error
        case let error as FlasherError where error.code == .cancelled: return .cancelled(snapshot)
        case let error as FlasherError: return .flasher(error, progress: snapshot)
        case let error as BackupFileError: return .storage(error, progress: snapshot)
        default: return .storage(StorageFailure(description: "\(error)"), progress: snapshot)
        }
    }
}

/// A store's own error, as text (it may not be Sendable).
public struct StorageFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The runner's memory shared with the flasher's event callback: the record being kept and the time to link.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var record: FlashProgressRecord?
    private var location = ""
    private var linked: Duration?
    private var saveFailure: String?

    func attach(_ record: FlashProgressRecord, location: String) {
        lock.withLock {
            self.record = record
            self.location = location
        }
    }

    var linkedAfter: Duration? { lock.withLock { linked } }

    /// The record as it stands (nil before the write phase).
    var snapshot: ConversionProgress? {
        lock.withLock { record.map { ConversionProgress($0, location: location) } }
    }

    func observe(_ event: FlasherEvent, progress: any ProgressStore) {
        switch event {
        case .verified(let range):
            try? update(progress) { $0.addVerifiedInsideWrites(range) }
        case .linked(let after):
            lock.withLock { linked = after }
        default:
            break
        }
    }

    /// Changes the record and saves it at once.
    func update(_ progress: any ProgressStore, _ change: (inout FlashProgressRecord) -> Void) throws {
        try lock.withLock {
            guard var changed = record else { return }
            change(&changed)
            record = changed
            try progress.save(changed)
        }
    }
}
