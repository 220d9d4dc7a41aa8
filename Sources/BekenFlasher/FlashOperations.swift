import BekenProtocol

/// The pieces every flash operation shares: the session, how addresses go on the wire, retries with
/// resynchronisation, and stepping down the baud ladder when a rate keeps failing.
final class FlashOperations {
    let session: Session
    var addressing: FlashAddressing
    let events: FlasherEventHandler
    /// BL chips re-protect the flash after every CheckCRC until a LinkCheck (protocol.md §5.6).
    let linkCheckAfterCRC: Bool
    /// Failures in a row at the current rate before stepping down the ladder.
    var failuresBeforeFallback = 3
    private var consecutiveFailures = 0
    /// Recoveries so far (the reader shrinks its CRC span when this grows).
    private(set) var retryCount = 0
    /// Gets the chip back after it stopped answering at any rate (a reset mid-command: boot window at 115200,
    /// protocol.md §6.1), and restores the transfer rate. Set by the Flasher.
    var relink: () throws -> Void = {
        throw FlasherError(.linkLost, "the chip stopped answering", flash: .unknown, hint: .checkWiringAndReset)
    }
    /// Links at 115200 again (boot window or reset ladder) without restoring the transfer rate; for BaudController.
    var reacquire: () throws -> Void = {
        throw FlasherError(.linkLost, "the chip stopped answering", flash: .unknown, hint: .checkWiringAndReset)
    }
    /// Ranges proven by the chip's CRC during the current operation (`markVerified`).
    private(set) var verified: [Range<Int>] = []
    /// "TH25Q16HB (EB 60 15)" — named in errors about the flash itself.
    var flashLabel = "the flash"
    /// Whether the bootloader answers FlashRead (0x08): ROM chips do, BL bootloaders do not (protocol.md §11 item 8).
    /// The careful reader clears it when the chip says "unknown command".
    var flashReadWorks = false
    /// Bytes proven by the chip's CRC so far on this link (any operation): a relink after progress starts a new streak.
    private(set) var provenBytes = 0
    /// Whether an RTS/DTR pulse is known to reset this chip (set by the Flasher once a pulse brought it back).
    var resetPulseWorks: () -> Bool = { false }
    /// Whether the writer checks the next written run sector by sector (the last run's CRC did not match).
    var checkSectorsSeparately = false
    /// Whether the careful reader takes its next span in wide pieces (CarefulReader.Layout.flashReadWide).
    var carefulWide = false
    /// Spans the reader still takes carefully (CarefulReader) after the link last corrupted a reply.
    var carefulSpansLeft = 0

    init(session: Session, addressing: FlashAddressing, linkCheckAfterCRC: Bool,
         events: @escaping FlasherEventHandler) {
        self.session = session
        self.addressing = addressing
        self.linkCheckAfterCRC = linkCheckAfterCRC
        self.events = events
    }

    /// Runs `body`, retrying retryable failures after a resync (and a slower rate when failures pile up).
    func withRetries<T>(_ operation: String, address: Int?, attempts: Int, firstAttempt: Int = 1,
                        _ body: () throws -> T) throws -> T {
        var attempt = firstAttempt
        while true {
            do {
                let result = try body()
                consecutiveFailures = 0
                return result
            } catch let error as FlasherError where error.isRetryable && attempt < attempts {
                try recover(after: error, operation: operation, address: address, attempt: attempt)
                attempt += 1
            }
        }
    }

    /// Reports the retry and resyncs. A chip that answers nothing at the current rate was most likely reset
    /// (brown-out): relink. A chip that answers but keeps failing steps down the baud ladder.
    func recover(after error: FlasherError, operation: String, address: Int?, attempt: Int) throws {
        try checkDeadline()
        retryCount += 1
        consecutiveFailures += 1
        events(.retry(operation: operation, address: address, attempt: attempt + 1, reason: .failed(error)))
        if error.code == .noResponse, !session.lastWaitHeardBytes {
            // Not one byte came back: most likely a reset (brown-out). Its boot window lasts ~255 ms from the
            // reset (protocol.md §6.1), so ask once at the current rate, briefly, then relink at 115200 at once.
            // Twice: the first LinkCheck may only complete a request that lost a byte on its way to the chip.
            if try session.linkCheck(timeout: .milliseconds(20)) || session.linkCheck(timeout: .milliseconds(20)) {
                session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(50))
                return
            }
            consecutiveFailures = 0
            try relink()
            return
        }
        guard try session.resync(attempts: 3) else {
            consecutiveFailures = 0
            try relink()
            return
        }
        if consecutiveFailures >= failuresBeforeFallback {
            consecutiveFailures = 0
            _ = try BaudController(session: session, events: events, relink: reacquire).fallBack(reason: .repeatedFailures(error))
        }
    }

    /// The chip went silent in the middle of a burst of requests (CarefulReader): it was reset, or it is busy
    /// hashing a CheckCRC range that a corrupted byte made huge. Relinks at once, with a short boot-window probe:
    /// a chip that reset answers within milliseconds, a busy one needs the reset ladder.
    func recoverSilentChip(operation: String, address: Int?, attempt: Int) throws {
        try checkDeadline()
        retryCount += 1
        consecutiveFailures = 0
        events(.retry(operation: operation, address: address, attempt: attempt + 1,
                      reason: .silentMidBurst))
        try relinkQuickly()
    }

    /// `relink` with a short boot-window probe (set by the Flasher).
    var relinkQuickly: () throws -> Void = {
        throw FlasherError(.linkLost, "the chip stopped answering", flash: .unknown, hint: .checkWiringAndReset)
    }

    /// Past this instant, recovery gives up (Flasher.Options.operationTimeLimit).
    private var deadline: ContinuousClock.Instant?
    private var timeLimit: Duration?

    /// Drops the record of proven ranges (a whole-range check disagreed: prove them again).
    func forgetVerified() {
        verified = []
        verifiedBeforeTrouble = 0
        suspectSectors = []
    }

    /// Takes the suspect sectors (they are being checked now).
    func takeSuspectSectors() -> [Int] {
        defer { suspectSectors = [] }
        return suspectSectors.sorted()
    }

    /// Counts bytes proven by the chip's CRC (progress, for the relink streak).
    func noteProven(_ count: Int) { provenBytes += count }

    /// A command succeeded outside `withRetries`: the failure streak at this rate ends.
    func noteSuccess() { consecutiveFailures = 0 }

    /// Starts a new operation: empty record of CRC-proven ranges, and the time limit from now.
    func beginOperation(timeLimit: Duration? = nil) {
        forgetVerified()
        self.timeLimit = timeLimit
        deadline = timeLimit.map { ContinuousClock.now.advanced(by: $0) }
    }

    /// Throws once the operation's time limit has passed (checked before every recovery, never mid-command).
    func checkDeadline() throws {
        guard let deadline, let timeLimit, ContinuousClock.now > deadline else { return }
        throw FlasherError(.linkLost,
                           "gave up: the link kept failing past the operation's time limit of \(Int(seconds(timeLimit))) s",
                           flash: .unknown,
                           hint: .improveLinkThenRepeat(rates: [921_600, 115_200]))
    }

    /// Records a CRC-proven range and, for writes, announces it (`.verified`, for a later resume).
    func markVerified(_ range: Range<Int>, announce: Bool = true) {
        verified.append(range)
        noteProven(range.count)
        if announce { events(.verified(range: range)) }
    }

    /// A CheckCRC left the T bootloader's flash protected but unmarked; the next erase needs a LinkCheck first.
    private var relockPending = false

    /// The chip's raw CRC of `range` (retried). On BL chips a LinkCheck must follow before the next erase or write
    /// (protocol.md §5.6): at once when `relock`, else lazily by `erase`/`write4K` (reads never need it).
    func chipCRC(_ range: Range<Int>, relock: Bool = false) throws -> UInt32 {
        let arguments = addressing.crcArguments(range)
        let crc = try withRetries("CheckCRC", address: range.lowerBound, attempts: 5) {
            try session.checkCRC(start: arguments.start, end: arguments.end, hashedBytes: range.count)
        }
        if linkCheckAfterCRC {
            relockPending = true
            if relock { try relockAfterCRC() }
        }
        return crc
    }

    private func relockAfterCRC() throws {
        guard relockPending else { return }
        _ = try withRetries("LinkCheck", address: nil, attempts: 5) {
            guard try session.linkCheck(timeout: .milliseconds(100)) else {
                throw FlasherError.noResponse("LinkCheck")
            }
        }
        relockPending = false
    }

    /// How many of `verified` were proven before the last erase or write whose trouble leaves unknown where it
    /// acted (another op answered, the chip refused): it may have changed any of those, so the writer checks them
    /// once more at the end. Ranges proven later were checked after it.
    private(set) var verifiedBeforeTrouble = 0

    /// The ranges that a garbled erase or write may have changed after they were proven.
    var rangesToCheckAgain: [Range<Int>] { FlashWriter.merged(Array(verified.prefix(verifiedBeforeTrouble))) }

    /// Sectors that a write or erase whose reply echoed another address may have changed there (`suspects`).
    private(set) var suspectSectors: Set<Int> = []

    /// Runs a command that changes flash, noting when it needed a retry. A reply that echoed another address
    /// names where the garbled command acted (or, when only the reply was garbled, a sector it did not touch):
    /// those sectors are checked again at the end. No reply, or one that stopped mid-frame, means the chip acted,
    /// if at all, where the command was sent (a garbled length or header, a reset, bytes lost on the way back):
    /// that sector is checked anyway. Any other trouble (another op answering, a refusal) leaves the place
    /// unknown: every range proven so far is checked again.
    private func modifying(_ operation: String, address: Int, span: Int, _ body: () throws -> Void) throws {
        var echoed: [Int] = []
        var placeUnknown = false
        defer {
            if placeUnknown { verifiedBeforeTrouble = verified.count }
            for address in echoed {
                let first = FlashGeometry.sectorFloor(address)
                suspectSectors.formUnion(stride(from: first, to: address + span, by: FlashGeometry.sector))
            }
        }
        try withRetries(operation, address: address, attempts: 3) {
            session.lastEchoedAddress = nil
            session.lastReplyTruncated = false
            do {
                try body()
            } catch {
                if let address = session.lastEchoedAddress {
                    echoed.append(address)
                } else if (error as? FlasherError)?.code != .noResponse && !session.lastReplyTruncated {
                    placeUnknown = true
                }
                throw error
            }
        }
    }

    /// One erase command, retried.
    func erase(_ step: EraseStep) throws {
        try relockAfterCRC()
        try modifying("erase", address: step.range.lowerBound, span: step.range.count) {
            switch step {
            case .sector(let address): try session.flashErase(.sector4K, addressing.wireAddress(address))
            case .block(let address): try session.flashErase(.block64K, addressing.wireAddress(address))
            }
        }
    }

    /// One Write4K, retried (the caller re-erases when the CRC later disagrees).
    func write4K(_ address: Int, _ data: ArraySlice<UInt8>) throws {
        try relockAfterCRC()
        try modifying("write", address: address, span: FlashGeometry.sector) {
            try session.flashWrite4K(addressing.wireAddress(address), data)
        }
    }
}

extension FlasherError {
    /// Failures after which linking again (reset ladder, baud switch) and resuming may succeed.
    var isCuredByRelink: Bool {
        switch code {
        case .noResponse, .badResponse, .chipStatus, .linkLost, .baudSwitchFailed: true
        default: false
        }
    }

    /// Failures that a resync and a second try can cure.
    var isRetryable: Bool {
        switch code {
        case .noResponse, .badResponse: true
        case .chipStatus: true
        default: false
        }
    }
}
