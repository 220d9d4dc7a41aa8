import BekenChips
import BekenProtocol
import SerialLink

/// The flasher: gets the bus, identifies the chip, switches baud, and reads, writes, verifies and erases flash
/// with the chip's CRC as proof (espflash's `Flasher`). Synchronous: every call blocks the caller's thread.
public final class Flasher {
    public struct Options: Sendable {
        /// Transfer rate; the link starts at 115200 and falls back down the ladder when needed.
        public var baudRate = 1_500_000
        public var linkTimeout: Duration = .seconds(20)
        public var resetStrategies = ResetStrategy.ladder
        /// The chip the user expects (`-c`); a different detected chip is an error.
        public var expectedChip: ChipKind?
        /// Keep one Read4K request in flight while the previous reply arrives.
        public var pipelinedReads = true
        /// Allow erasing/writing the bootloader window of BL chips (which cannot be recovered over UART).
        public var allowBootloaderWrite = false
        public var timeouts = CommandTimeouts()
        /// Times in a row, without a byte proven in between, that a read/write/erase may link again after the chip
        /// stopped answering (brown-out, reset) and resume from its first unverified sector, before it gives up with
        /// what is verified.
        public var maxRelinks = 12
        /// A read/write/erase that is still recovering after this long gives up with what is verified (nil: no
        /// limit; the retry and relink limits still bound it).
        public var operationTimeLimit: Duration?
        /// Stops any operation at its next command boundary when cancelled from another thread (Ctrl-C, a UI).
        public var cancellation: CancellationHandle?

        public init() {}
    }

    public let options: Options
    public private(set) var identity: ChipIdentity?
    let session: Session
    let events: FlasherEventHandler
    /// Getting a silent chip back, and the limits on trying.
    private let relinker: Relinker
    /// Set up by `connect()` from the chip's profile: the command layer, and what the reader and the writer remember.
    private var operations: FlashOperations?
    private let readerMemory = ReaderMemory()
    private let writerMemory = WriterMemory()
    /// What the flash is known to hold (read, written or vouched for): a write restores from it what a garbled
    /// command changed outside the write's range.
    private let knownFlash = KnownFlash()
    /// A backup of this chip from before this connection (rememberEarlierBackup), nil when none was given.
    private var earlierBackup: EarlierBackup?
    private var unprotected = false
    /// The part of the flash protected while the current write runs (`protectOutsideWrite`), nil when none is.
    private var guarded: Range<Int>?
    /// The flash's protection was set (or found impossible to set) for reading since the last write.
    private var readProtectionDone = false
    /// The read-protection notice for a status-register quirk was sent (issue 13: once, not before every read).
    private var quirkAnnounced = false

    public init(link: any Link, options: Options = Options(), events: @escaping FlasherEventHandler = { _ in }) {
        self.options = options
        self.events = events
        session = Session(link: link, timeouts: options.timeouts.allowing(linkLatency: link.latencyAllowance))
        session.cancellation = options.cancellation
        relinker = Relinker(session: session, options: options, events: events)
    }

    /// The rate in use now.
    public var baudRate: Int { session.baudRate }

    // MARK: connecting

    /// Gets the bus, switches to the transfer rate and identifies the chip.
    @discardableResult
    public func connect() throws -> ChipIdentity {
        try BusAcquisition(session: session, strategies: options.resetStrategies, timeout: options.linkTimeout,
                           events: events).acquire()
        try switchRate(to: options.baudRate)
        let identity = try identifyRelinkingIfSilent()
        if let expected = options.expectedChip, expected != identity.chip,
           !(expected.family.chipID != nil && expected.family.chipID == identity.family.chipID) {
            throw FlasherError(.chipMismatch,
                               "expected \(expected.displayName) but the chip is \(identity.chip.displayName) (bootloader \(identity.bootloaderLabel))",
                               hint: .acceptDetectedChip)
        }
        self.identity = identity
        let profile = identity.profile
        let flashLabel = identity.flashChip.map { "the \($0.name) flash (ID \(identity.flashIDText ?? "?"))" }
            ?? identity.flashIDText.map { "the flash (ID \($0))" } ?? "the flash"
        operations = FlashOperations(session: session, profile: profile, flashLabel: flashLabel, relinker: relinker,
                                     events: events)
        relinker.startConnection()
        knownFlash.reset()
        earlierBackup = nil
        readerMemory.start(flashReadWorks: profile.capabilities.flashRead)
        writerMemory.startConnection()
        try refineSharedChipID()
        return self.identity ?? identity
    }

    /// Chip ID 0x7231C is both BK7231N and BK7231M: once per connect, and only for such a shared ID, the eFuse key
    /// decides (BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup; docs/DESIGN-NOTES.md "N or M"). Kept out of
    /// `Identification` so other chips pay no extra register commands; a chip that goes silent is relinked as in
    /// identification.
    private func refineSharedChipID() throws {
        guard let identity, !identity.family.chipIDSiblings.isEmpty, identity.profile.capabilities.registerAccess,
              let registers = identity.family.efuse, registers.size >= 16 else { return }
        // Byte by byte, keeping what was read across relinks: a brown-out costs one byte, not the key. Only as far
        // as it can still name a sibling (four register commands a byte): a key cut short is left for whoever asks
        // for it (`readEFuseKey`), the family stays as identified.
        let reader = Identification(session: session, events: events)
        var bytes: [UInt8] = []
        var failuresWithoutProgress = 0
        while bytes.count < 16, identity.family.siblingKeyStillPossible(efusePrefix: bytes) {
            do {
                guard let byte = try reader.readEFuseByte(registers, index: bytes.count) else { break }
                bytes.append(byte)
                failuresWithoutProgress = 0
            } catch let error as FlasherError where error.isCuredByRelink && failuresWithoutProgress < 2 {
                failuresWithoutProgress += 1
                events(.retry(operation: "identify", address: nil, attempt: failuresWithoutProgress + 1,
                              reason: .failed(error)))
                let rate = session.baudRate
                try relinker.reacquire()
                try switchRate(to: rate)
            }
        }
        let key = bytes.count == 16 ? CodeKey(efuseBytes: bytes) : nil
        self.identity?.efuseKey = key
        let family = identity.family.refined(byEFuseKey: key)
        guard family.kind != identity.family.kind else { return }
        let old = identity.profile
        let profile = ChipProfile(family: family, protocolVariant: old.protocolVariant, bootloader: old.bootloader,
                                  flashID: identity.flashID, flashChip: old.flashChip, flashSize: old.flashSize)
        self.identity = ChipIdentity(profile: profile, bootloaderRawCRC: identity.bootloaderRawCRC,
                                     chipIDRegister: identity.chipIDRegister, bootVersion: identity.bootVersion,
                                     flashID: identity.flashID, efuseKey: key, mac: identity.mac)
        operations = operations.map { FlashOperations(session: session, profile: profile, flashLabel: $0.flashLabel,
                                                      relinker: relinker, events: events) }
    }

    /// Identification, once more after a relink when the chip stopped answering (a garbled CheckCRC of the bk7231tools linking.py detect_chip
    /// range test can keep it hashing until a reset).
    private func identifyRelinkingIfSilent() throws -> ChipIdentity {
        var attempt = 1
        while true {
            do {
                return try Identification(session: session, events: events).identify()
            } catch let error as FlasherError where error.isCuredByRelink && attempt < 3 {
                attempt += 1
                events(.retry(operation: "identify", address: nil, attempt: attempt, reason: .failed(error)))
                let rate = session.baudRate
                try relinker.reacquire()
                try switchRate(to: rate)
            }
        }
    }

    /// Moves the link to `rate` (or the fastest lower rate that works) unless it is there already.
    private func switchRate(to rate: Int) throws { try relinker.switchRate(to: rate) }

    private func connected() throws -> (ChipIdentity, FlashOperations) {
        guard let identity, let operations else {
            throw FlasherError(.linkLost, "not connected to a chip", hint: .connectFirst)
        }
        return (identity, operations)
    }

    /// The reader of the connected chip.
    private func reader(_ operations: FlashOperations) -> FlashReader {
        var reader = FlashReader(operations: operations, memory: readerMemory)
        reader.pipelined = options.pipelinedReads
        return reader
    }

    // MARK: identification extras

    /// The MAC from the RF calibration sector (ltchiptool soc/bk72xx/binary.py detect_file_type; BK7231GUIFlashTool OBKFlashLayout.cs), nil when the sector holds none.
    public func readMAC() throws -> [UInt8]? {
        let (identity, _) = try connected()
        for offset in [identity.profile.layout.rfCalibration, identity.profile.layout.rfCalibrationAlternative] {
            guard let offset, Int(offset) + FlashGeometry.sector <= identity.flashSize else { continue }
            let sector = try read(Int(offset) ..< Int(offset) + FlashGeometry.sector, announce: false)
            if let mac = RFCalibrationSector.mac(in: sector) {
                self.identity?.mac = mac
                return mac
            }
        }
        return nil
    }

    /// The eFuse flash-encryption key on ROM chips (BK7231GUIFlashTool BK7231Flasher.cs readEncryptionKey; ltchiptool soc/bk72xx/flash.py flash_read_raw); nil where unavailable.
    public func readEFuseKey() throws -> CodeKey? {
        let (identity, _) = try connected()
        guard identity.profile.capabilities.registerAccess, let registers = identity.family.efuse,
              registers.size >= 16 else { return nil }
        let key = try Identification(session: session, events: events).readEFuseKey(registers)
        self.identity?.efuseKey = key
        return key
    }

    /// The caller knows the flash holds `bytes` at `address` (a backup just taken of this chip, kept in a file): a
    /// later write restores from them any sector outside its range that a garbled erase or write changes. Bytes this
    /// Flasher reads or writes are remembered without this. Call after `connect()`.
    public func rememberContents(_ bytes: [UInt8], at address: Int) {
        knownFlash.record(bytes, at: address)
    }

    /// A whole-flash backup of this chip taken earlier (`write-flash --backup`, a conversion's reused backup), not
    /// proven to match the flash now: a write puts a sector outside its range that a garbled erase or write changed
    /// back from it where the chip's CRC shows the rest of that sector's 64 KiB block still matches (EarlierBackup).
    /// Call after `connect()`; the caller checks it is this chip's.
    public func rememberEarlierBackup(_ bytes: [UInt8]) {
        earlierBackup = EarlierBackup(bytes: bytes)
    }

    // MARK: reading

    /// Reads `range`, verified by the chip's CRC; `sink` receives the bytes in order.
    public func read(_ range: Range<Int>, sink: (_ address: Int, _ bytes: ArraySlice<UInt8>) throws -> Void) throws {
        try read(range, announce: true, sink: sink)
    }

    /// Reads `range` into memory.
    public func read(_ range: Range<Int>) throws -> [UInt8] {
        try read(range, announce: true)
    }

    private func read(_ range: Range<Int>, announce: Bool) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        try read(range, announce: announce) { _, piece in bytes += piece }
        return bytes
    }

    private func read(_ range: Range<Int>, announce: Bool,
                      sink: (_ address: Int, _ bytes: ArraySlice<UInt8>) throws -> Void) throws {
        let (identity, operations) = try connected()
        try checkRange(range, identity: identity, writing: false)
        try protectForReadIfNeeded(identity, operations)
        let reader = reader(operations)
        if announce { events(.started(.read, total: range.count)) }
        relinker.beginOperation(timeLimit: options.operationTimeLimit)
        // Bytes before `next` went to the sink, each span proven by the chip's CRC first.
        var next = range.lowerBound
        while true {
            let part = next ..< range.upperBound
            let aligned = FlashGeometry.sectorFloor(part.lowerBound)
            let before = next - range.lowerBound
            do {
                try reader.read(part, progress: { done in
                    if announce {
                        self.events(.progress(.read, done: min(range.count, before + max(0, done - (part.lowerBound - aligned)))))
                    }
                }, sink: { address, bytes in
                    knownFlash.record(bytes, at: address)
                    try sink(address, bytes)
                    next = address + bytes.count
                })
                break
            } catch let error as FlasherError where error.isCuredByRelink {
                // Resume from the first byte not yet verified, after linking again (or give up saying so).
                do {
                    try relinker.relink()
                } catch let relinkError as FlasherError {
                    throw relinkError.with(operation: range, verified: [range.lowerBound ..< next],
                                           next: .repeatReadOnceAnswering)
                }
            } catch let error as FlasherError {
                throw error.with(operation: range, verified: [range.lowerBound ..< next],
                                 next: .repeatReadThenLowerBaud(rates: [921_600, 115_200]))
            }
        }
        if announce { events(.finished(.read, skippedBytes: 0)) }
    }

    // MARK: writing

    /// Writes `data` at `address`: skips sectors already identical, erases, writes, verifies by chip CRC.
    public func write(_ data: [UInt8], at address: Int) throws -> WriteReport {
        let (identity, operations) = try connected()
        let range = address ..< address + data.count
        try checkRange(range, identity: identity, writing: true)
        let aligned = FlashGeometry.sectorFloor(range.lowerBound) ..< FlashGeometry.sectorCeil(range.upperBound)
        var image = [UInt8]()
        image.reserveCapacity(aligned.count)
        // Partial first/last sectors keep their current bytes (read-modify-write).
        if aligned.lowerBound < range.lowerBound {
            image += try read(aligned.lowerBound ..< aligned.lowerBound + FlashGeometry.sector, announce: false)
                .prefix(range.lowerBound - aligned.lowerBound)
        }
        image += data
        if aligned.upperBound > range.upperBound {
            let lastSector = aligned.upperBound - FlashGeometry.sector
            let current = try read(lastSector ..< aligned.upperBound, announce: false)
            image += current.suffix(aligned.upperBound - range.upperBound)
        }
        guarded = try protectOutsideWrite(aligned, identity, operations)
        defer { guarded = nil }
        var guardedEraseFailures = 0
        events(.started(.write, total: aligned.count))
        relinker.beginOperation(timeLimit: options.operationTimeLimit)
        writerMemory.forget()
        // The range holds the image where the chip's CRC proved it, and is unknown elsewhere.
        knownFlash.forget(aligned)
        defer {
            for proven in writerMemory.verified.clamped(to: aligned) {
                knownFlash.record(image[(proven.lowerBound - aligned.lowerBound) ..< (proven.upperBound - aligned.lowerBound)],
                                  at: proven.lowerBound)
            }
        }
        var writer = FlashWriter(operations: operations, memory: writerMemory)
        writer.beforeRestoring = { [unowned self] sector in
            guard guarded?.overlaps(sector) == true else { return }
            try liftOutsideProtection(identity)
        }
        // Whether the write got as far as its first erase (a failure before it left the flash as it was).
        var changeStarted = false
        writer.beforeFirstChange = { [unowned self] in
            try prepareFirstChange(of: aligned, identity, operations)
            changeStarted = true
        }
        var total = WriteReport(range: aligned)
        var start = aligned.lowerBound
        let nextStep = FlasherNextStep.repeatWrite
        var finalChecks = 0
        while true {
            let part = start ..< aligned.upperBound
            let offset = start - aligned.lowerBound
            do {
                let report = try writer.write(
                    Array(image[offset...]), range: part) { done in self.events(.progress(.write, done: offset + done)) }
                total.writtenSectors += report.writtenSectors
                total.skippedSectors += report.skippedSectors
                total.blankSectors += report.blankSectors
                total.eraseCommands += report.eraseCommands
                total.retries += report.retries
                // A garbled erase or write may have changed a sector proven before it: sectors its reply's echoed
                // address names are checked again (and redone), and after trouble that leaves the place unknown
                // (another op answered, a refusal) the ranges proven before it get one CheckCRC each more
                // (WriterMemory.noteFailedAttempt). Not needed after other retries (CheckCRC, LinkCheck change nothing),
                // after no reply, nor after sectors redone for a CRC mismatch alone: garbled data lands only in the
                // sector it was meant for.
                // Outside the range, a sector a garbled command changed is restored from what the flash is known to
                // hold there (issue 18); one whose old bytes nobody kept is named.
                var suspects = WriteReport(range: aligned)
                try recheckSuspects(writer, image: image, range: aligned, report: &suspects)
                total.retries += suspects.retries
                total.eraseCommands += suspects.eraseCommands
                let again = writerMemory.rangesToCheckAgain.clamped(to: aligned)
                if try again.allSatisfy({ try chipHolds(image, from: aligned, in: $0, operations) }) { break }
                finalChecks += 1
                guard finalChecks <= 2 else {
                    throw FlasherError(.verifyFailed,
                                       "the written range does not match the image as a whole although each part was verified: the link corrupts commands",
                                       flash: .partlyWritten(range: aligned),
                                       hint: .lowerBaudThenWriteAgain(rates: [921_600, 115_200]))
                        .with(operation: aligned, verified: [], next: nextStep)
                }
                events(.notice(.recheckingAfterGarbledCommand))
                writerMemory.forget()
                start = aligned.lowerBound
                continue
            } catch let error as FlasherError where guarded != nil && error.code == .eraseFailed {
                // A sector of the range would not erase while the rest was protected. Noise does that too (a garbled
                // erase lands elsewhere, a garbled WriteSR moves the protection): the protection is set again and
                // the write goes on; only when it keeps happening does the part seem to protect another area than
                // its layout says (issue 18), and then the whole flash is unprotected as before.
                guardedEraseFailures += 1
                if guardedEraseFailures < Self.guardedEraseFailuresBeforeLifting {
                    guarded = try protectOutsideWrite(aligned, identity, operations)
                } else {
                    try liftOutsideProtection(identity)
                }
                start = writerMemory.verified.firstGap(in: aligned).map(FlashGeometry.sectorFloor) ?? aligned.upperBound
                if start >= aligned.upperBound { break }
            } catch let error as FlasherError where error.isCuredByRelink {
                do {
                    try relinker.relink()
                } catch let relinkError as FlasherError {
                    throw relinkError.with(flash: changeStarted ? .partlyWritten(range: aligned) : .untouched)
                        .with(operation: aligned, verified: writerMemory.verified, next: nextStep)
                }
                // Resume from the first sector the chip's CRC has not proven.
                start = writerMemory.verified.firstGap(in: aligned).map(FlashGeometry.sectorFloor) ?? aligned.upperBound
                total.retries += 1
                if start >= aligned.upperBound { break }
            } catch let error as FlasherError {
                // Giving up inside the range; outside it, what a garbled command changed is still put back when the
                // link lets it (best effort: the same noise may stop that too, and the first error is the one to tell).
                var suspects = WriteReport(range: aligned)
                try? recheckSuspects(writer, image: image, range: aligned, report: &suspects)
                let flash = !changeStarted ? FlasherError.FlashState.untouched
                    : error.flashState == .untouched ? .partlyWritten(range: aligned) : error.flashState
                // Ctrl-C leaves at once: the ranges proven stand as proven.
                let confirmed = error.code == .cancelled ? writerMemory.verified
                    : stillHolding(writerMemory.verified, image: image, range: aligned, operations)
                throw error.with(flash: flash).with(operation: aligned, verified: confirmed, next: nextStep)
            }
        }
        total.verified = writerMemory.verified
        // Done: the flash is left unprotected, as every write left it before (the firmware that boots next saves
        // its settings into it; a later read protects it again).
        if guarded != nil { try unprotectIfNeeded(identity) }
        events(.finished(.write, skippedBytes: total.skippedBytes))
        return total
    }

    /// Before a write's first change (FlashWriter.beforeFirstChange): reads the neighbours of the range
    /// (readNeighbours) and, on a link that has damaged anything since the connect, checks that the rate can carry
    /// a sector write at all (checkLinkCarriesWrites). Both read, and a read protects the whole flash: the
    /// protection outside the write is set again after them. They are an operation of their own: the write's time
    /// limit moves on by what they took.
    private func prepareFirstChange(of range: Range<Int>, _ identity: ChipIdentity, _ operations: FlashOperations) throws {
        let neighbours = unreadNeighbours(of: range, identity)
        // Asked again after the neighbours' read, which may be the first to find the link damaging.
        var linkDamaged: Bool { readerMemory.flashReadWorks && (readerMemory.linkDamaged || operations.retryCount > 0) }
        guard !neighbours.isEmpty || linkDamaged else { return }
        do {
            try relinker.pausingOperation {
                try readNeighbours(neighbours, operations)
                if linkDamaged { try checkLinkCarriesWrites(range, identity, operations) }
            }
        } catch {
            // The write may go on after a relink: it needs its range unprotected again. Best effort: the first
            // failure is the one to tell; should this fail too, the range refuses to erase while `guarded` is set,
            // which sets the protection again (the eraseFailed path of write).
            if let region = try? protectOutsideWrite(range, identity, operations) { guarded = region }
            throw error
        }
        guarded = try protectOutsideWrite(range, identity, operations)
    }

    /// The sectors beside `range` that one flipped address bit reaches (FlashGeometry.neighbourSectors) where they
    /// are neither protected nor known.
    private func unreadNeighbours(of range: Range<Int>, _ identity: ChipIdentity) -> [Int] {
        FlashGeometry.neighbourSectors(of: range, flashSize: identity.flashSize).filter { address in
            guarded?.contains(address) != true
                && knownFlash.contents(of: address ..< address + FlashGeometry.sector) == nil
        }
    }

    /// Reads `sectors` (unreadNeighbours), so that a garbled erase or write there is put back (KnownFlash).
    private func readNeighbours(_ sectors: [Int], _ operations: FlashOperations) throws {
        guard !sectors.isEmpty else { return }
        var spans = FlashRanges()
        for address in sectors { spans.insert(address ..< address + FlashGeometry.sector) }
        // A neighbour a garbled command already hit lost its old bytes: named now, as the read is about to record
        // its new bytes as known.
        let hit = writerMemory.takeSuspectSectors { spans.contains(operations.addressing.physicalAddress($0)) }
        var lost = FlashRanges()
        for address in hit.map(operations.addressing.physicalAddress) { lost.insert(address ..< address + FlashGeometry.sector) }
        if !lost.isEmpty { events(.notice(.garbledCommandOutsideWrite(lost))) }
        events(.notice(.readingNeighboursOfWrite(spans)))
        for span in spans { _ = try read(span, announce: false) }
    }

    /// Probes the link at the current rate (WriteLinkProbe) with the flash protected for reading, and steps the
    /// baud down while it would damage nearly every sector write; at `WriteDamageEvidence.hopelessRatesInARow`
    /// such rates in a row (or at the ladder's end) the write stops before its first erase: nothing changed.
    private func checkLinkCarriesWrites(_ range: Range<Int>, _ identity: ChipIdentity,
                                        _ operations: FlashOperations) throws {
        try protectForReadIfNeeded(identity, operations)
        var noisy: [(rate: Int, damaged: Int, of: Int)] = []
        while true {
            let rate = session.baudRate
            let outcome = try WriteLinkProbe(operations: operations).measure(at: range.lowerBound)
            guard WriteLinkProbe.tooNoisyForWrites(outcome) else { return }
            let (damaged, of) = (outcome.damaged, outcome.exchanges)
            noisy.append((rate, damaged, of))
            writerMemory.steppedDownForDamage = true
            if noisy.count == WriteDamageEvidence.hopelessRatesInARow || rate == BaudController.ladder.last {
                let seen = noisy.map { "\($0.damaged) of \($0.of) at \($0.rate)" }.joined(separator: ", ")
                throw FlasherError(.writeFailed,
                                   "the link damages too many bytes for a 4 KiB sector to arrive whole, and stepping the baud rate down does not help (test reads damaged: \(seen) baud); nothing was erased",
                                   flash: .untouched,
                                   hint: .lowerBaudForDamagedWrites(rates: FlashWriter.ratesToSuggest(below: rate)))
            }
            try operations.stepDownForDamagedProbe(damaged: damaged, of: of)
        }
    }

    /// What the chip's CRC still confirms of the ranges a failed write proved: a garbled erase or write after a
    /// range was proven may have changed it (issue 18: a flipped address bit sends a later sector's erase there),
    /// and a failure names as verified only what it can vouch for now. One CheckCRC per range; the first check that
    /// cannot run ends the list (the link that failed the write may fail it too).
    private func stillHolding(_ ranges: FlashRanges, image: [UInt8], range: Range<Int>,
                              _ operations: FlashOperations) -> FlashRanges {
        var confirmed = FlashRanges()
        for proven in ranges.clamped(to: range) {
            guard let holds = try? chipHolds(image, from: range, in: proven, operations) else { break }
            if holds { confirmed.insert(proven) }
        }
        return confirmed
    }

    /// Whether the chip's CRC of `part` matches the bytes `image` (which covers `imageRange`) has there.
    private func chipHolds(_ image: [UInt8], from imageRange: Range<Int>, in part: Range<Int>,
                           _ operations: FlashOperations) throws -> Bool {
        let offset = part.lowerBound - imageRange.lowerBound
        return try operations.chipCRC(part) == BekenCRC32.raw(image[offset ..< offset + part.count])
    }

    /// Checks the sectors garbled commands may have changed (FlashWriter.recheckSuspects) and names those outside
    /// the write that were restored, or whose old bytes nobody kept.
    private func recheckSuspects(_ writer: FlashWriter, image: [UInt8], range: Range<Int>,
                                 report: inout WriteReport) throws {
        let outside = try writer.recheckSuspects(image, range: range, known: knownFlash, earlier: earlierBackup,
                                                 protected: guarded, report: &report)
        var restored = outside.restored
        if writerMemory.placeUnknown {
            try restored.formUnion(writer.sweepOutside(range, known: knownFlash, flashSize: operations?.addressing.flashSize ?? 0,
                                                       report: &report))
            writerMemory.sweptOutside()
        }
        if !restored.isEmpty { events(.notice(.restoredOutsideWrite(restored))) }
        if !outside.unknown.isEmpty { events(.notice(.garbledCommandOutsideWrite(outside.unknown))) }
    }

    /// Compares flash with `data` using the chip's CRC; returns the sectors that differ.
    public func verify(_ data: [UInt8], at address: Int) throws -> [Int] {
        let (identity, operations) = try connected()
        let range = address ..< address + data.count
        try checkRange(range, identity: identity, writing: false)
        events(.started(.verify, total: range.count))
        var mismatched: [Int] = []
        var innerStart = FlashGeometry.sectorCeil(range.lowerBound)
        var innerEnd = FlashGeometry.sectorFloor(range.upperBound)
        var edges: [Int] = []
        if innerStart >= innerEnd {
            edges = Array(Set([FlashGeometry.sectorFloor(range.lowerBound), FlashGeometry.sectorFloor(range.upperBound - 1)])).sorted()
            innerStart = 0
            innerEnd = 0
        } else {
            if range.lowerBound % FlashGeometry.sector != 0 { edges.append(FlashGeometry.sectorFloor(range.lowerBound)) }
            if range.upperBound % FlashGeometry.sector != 0 { edges.append(innerEnd) }
        }
        // Partial sectors at the edges: read and compare bytes.
        for edge in edges {
            let sectorRange = edge ..< edge + FlashGeometry.sector
            let overlap = max(sectorRange.lowerBound, range.lowerBound) ..< min(sectorRange.upperBound, range.upperBound)
            if overlap.isEmpty { continue }
            let current = try read(sectorRange, announce: false)
            if current[(overlap.lowerBound - edge) ..< (overlap.upperBound - edge)]
                != data[(overlap.lowerBound - address) ..< (overlap.upperBound - address)] {
                mismatched.append(edge)
            }
        }
        if innerStart < innerEnd {
            let inner = data[(innerStart - address) ..< (innerEnd - address)]
            events(.verifying(bytes: inner.count))
            if try operations.chipCRC(innerStart ..< innerEnd) != BekenCRC32.raw(inner) {
                for sector in stride(from: innerStart, to: innerEnd, by: FlashGeometry.sector) {
                    let offset = sector - address
                    if try operations.chipCRC(sector ..< sector + FlashGeometry.sector)
                        != BekenCRC32.raw(data[offset ..< offset + FlashGeometry.sector]) {
                        mismatched.append(sector)
                    }
                    events(.progress(.verify, done: sector + FlashGeometry.sector - range.lowerBound))
                }
            }
        }
        events(.progress(.verify, done: range.count))
        events(.finished(.verify, skippedBytes: 0))
        return mismatched.sorted()
    }

    /// Erases a sector-aligned range (64 KiB blocks where possible) and checks it reads as blank.
    @discardableResult
    public func erase(_ range: Range<Int>) throws -> Int {
        let (identity, operations) = try connected()
        guard range.lowerBound % FlashGeometry.sector == 0, range.count % FlashGeometry.sector == 0 else {
            throw FlasherError(.addressOutOfRange,
                               "erase range 0x\(String(range.lowerBound, radix: 16, uppercase: true))+0x\(String(range.count, radix: 16, uppercase: true)) is not 4 KiB aligned",
                               hint: .alignToSector)
        }
        try checkRange(range, identity: identity, writing: true)
        try unprotectIfNeeded(identity)
        let steps = EraseStep.plan(for: range)
        knownFlash.forget(range)
        events(.started(.erase, total: range.count))
        var done = 0
        do {
            for step in steps {
                try operations.erase(step, memory: writerMemory)
                done += step.range.count
                events(.progress(.erase, done: done))
            }
            let blankCRC = FlashReader.blankCRC  // the chip CRC of erased bytes
            events(.verifying(bytes: range.count))
            if try operations.chipCRC(range) != blankCRC(range.count) {
                for step in steps where try operations.chipCRC(step.range) != blankCRC(step.range.count) {
                    try operations.erase(step, memory: writerMemory)
                    guard try operations.chipCRC(step.range) == blankCRC(step.range.count) else {
                        throw FlasherError(.eraseFailed,
                                           "0x\(String(step.range.lowerBound, radix: 16, uppercase: true)) is not blank after erasing twice: \(operations.flashLabel) ignores erases",
                                           flash: .partlyWritten(range: range),
                                           hint: .flashWriteProtected(flash: operations.flashLabel, reportIfPersisting: false))
                    }
                }
            }
        } catch let error as FlasherError where error.flashState == .untouched {
            throw error.with(flash: .partlyWritten(range: range))
        }
        events(.finished(.erase, skippedBytes: 0))
        return steps.count
    }

    /// Leaves download mode and starts the firmware (Reboot A5, sent twice like hid_download_py/bkWriter, hid_download_py uart_downloader.py).
    public func reboot() throws {
        try session.reboot()
        Pause.sleep(.milliseconds(10))
        try? session.reboot()
    }

    // MARK: checks

    private func checkRange(_ range: Range<Int>, identity: ChipIdentity, writing: Bool) throws {
        let size = identity.flashSize
        guard range.lowerBound >= 0, range.upperBound <= size, !range.isEmpty else {
            throw FlasherError(.addressOutOfRange,
                               "range 0x\(String(range.lowerBound, radix: 16, uppercase: true))…0x\(String(range.upperBound, radix: 16, uppercase: true)) is outside the \(size >> 20) MiB flash (0x0…0x\(String(size, radix: 16, uppercase: true)))",
                               hint: .stayInsideFlash(flashSize: size))
        }
        if writing, !options.allowBootloaderWrite, !identity.profile.bootloaderWritable,
           range.lowerBound < Int(FlashLayout.bootloaderRegion.end) {
            throw FlasherError(.bootloaderProtected,
                               "0x\(String(range.lowerBound, radix: 16, uppercase: true)) is inside the \(identity.chip.displayName) bootloader (0x0…0x11000), which cannot be restored over UART if it breaks",
                               hint: .writeAppInsteadOrForce(appOffset: Int(FlashLayout.bootloaderRegion.end)))
        }
    }

    /// Protects the flash once before reads (issue 18): Read4K (0x09) is one bit from Erase4K (0x0B), so only the
    /// flash's own protection makes a damaged read request harmless. A later write unprotects first, as ever.
    private func protectForReadIfNeeded(_ identity: ChipIdentity, _ operations: FlashOperations) throws {
        guard !readProtectionDone else { return }
        readProtectionDone = true
        guard case .statusRegister(let recipe) = identity.profile.unprotect else {
            events(.notice(.readWithoutProtection(.noStatusRegisterCommands)))
            return
        }
        let protect = Unprotect(session: session, events: events)
        let outcome = try operations.withRetries("protect for read", address: nil, attempts: 4) {
            try protect.protectForRead(recipe)
        }
        switch outcome {
        case .protected(let status):
            unprotected = false
            events(.notice(.flashProtectedForRead(status: status)))
        case .unprotected(let gap):
            // A chip/flash pair's quirk does not change between reads: said once per connection.
            guard gap != .statusRegisterQuirk || !quirkAnnounced else { return }
            quirkAnnounced = quirkAnnounced || gap == .statusRegisterQuirk
            events(.notice(.readWithoutProtection(gap)))
        }
    }

    /// While `range` is written, protects the largest part of the flash outside it that the part's block-protect
    /// layout can (BekenChips `BlockProtectLayout`; the start of the flash first: the bootloader, and where a
    /// command whose address lost a byte lands), and unprotects the range itself (issue 18: at 1 % byte faults a
    /// restore seldom gets a 4 KiB frame through, so only the flash's own protection keeps those sectors).
    /// Parts without a known layout, or that do not take the status write, are unprotected whole as before.
    /// Returns the protected range.
    private func protectOutsideWrite(_ range: Range<Int>, _ identity: ChipIdentity,
                                     _ operations: FlashOperations) throws -> Range<Int>? {
        guard case .statusRegister(let recipe) = identity.profile.unprotect,
              let layout = SPIFlashTable.blockProtectLayout(jedecBytes: identity.flashID), recipe.mask == layout.mask,
              let region = layout.guardRegion(around: range, flashSize: identity.flashSize) else {
            try unprotectIfNeeded(identity)
            return nil
        }
        let protect = Unprotect(session: session, events: events)
        let status = try operations.withRetries("protect outside write", address: nil, attempts: 4) {
            try protect.protectOutsideWrite(recipe, bits: region.bits, mask: layout.mask)
        }
        guard let status else {
            events(.notice(.writeWithoutOutsideProtection))
            try unprotectIfNeeded(identity)
            return nil
        }
        unprotected = false
        readProtectionDone = false
        events(.notice(.flashProtectedOutsideWrite(protected: region.range, status: status)))
        return region.range
    }

    /// Ends the protection outside the range being written for the rest of this write: the whole flash unprotected.
    private func liftOutsideProtection(_ identity: ChipIdentity) throws {
        guarded = nil
        try unprotectIfNeeded(identity)
        events(.notice(.outsideProtectionLiftedForWrite))
    }

    /// Erase failures in one write, the protection set again after each, before it is lifted for good: a part
    /// whose real layout covers the range fails at once every time; noise seldom three times in one write.
    static let guardedEraseFailuresBeforeLifting = 3

    private func unprotectIfNeeded(_ identity: ChipIdentity) throws {
        guard !unprotected, case .statusRegister(let recipe) = identity.profile.unprotect else { return }
        // Retried as a whole: it reads the status first, so a second run after a garbled reply is harmless.
        let unprotect = Unprotect(session: session, events: events)
        let run = { try unprotect.run(recipe, chip: identity.chip, flash: identity.flashChip,
                                      flashIDText: identity.flashIDText) }
        if let operations {
            try operations.withRetries("unprotect", address: nil, attempts: 4, run)
        } else {
            try run()
        }
        unprotected = true
        readProtectionDone = false
    }
}
