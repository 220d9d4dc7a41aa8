import BekenProtocol

import BekenChips

/// The command layer every flash operation shares: chip commands with the chip's addressing, retries with
/// resynchronisation, stepping down the baud ladder when a rate keeps failing, and the LinkCheck the CRC protect-lock
/// needs. What the reader and the writer remember lives in their own objects (ReaderMemory, WriterMemory); getting
/// a silent chip back is the Relinker's.
final class FlashOperations {
    let session: Session
    let addressing: FlashAddressing
    let events: FlasherEventHandler
    let relinker: Relinker
    /// The bootloader re-protects the flash after every CheckCRC until a LinkCheck (ChipProfile capabilities).
    let linkCheckAfterCRC: Bool
    /// "the TH25Q16HB flash (ID EB 60 15)" — named in errors about the flash itself.
    let flashLabel: String
    /// Failures in a row at the current rate before stepping down the ladder.
    var failuresBeforeFallback = 3
    private var consecutiveFailures = 0
    /// Recoveries so far.
    private(set) var retryCount = 0
    /// Commands that changed flash on this connection ("erase", "write"): an "unknown command" reply to one of
    /// them later means its op byte arrived garbled, not that the chip lacks it.
    private var modifyingCommandsRun = Set<String>()
    /// A CheckCRC left the T bootloader's flash protected but unmarked; the next erase needs a LinkCheck first.
    private var relockPending = false

    init(session: Session, profile: ChipProfile, flashLabel: String, relinker: Relinker,
         events: @escaping FlasherEventHandler) {
        self.session = session
        addressing = FlashAddressing(profile)
        linkCheckAfterCRC = profile.capabilities.crcProtectLock
        self.flashLabel = flashLabel
        self.relinker = relinker
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
        try relinker.checkDeadline()
        retryCount += 1
        consecutiveFailures += 1
        events(.retry(operation: operation, address: address, attempt: attempt + 1, reason: .failed(error)))
        if error.code == .noResponse, error.isSilent {
            // Not one byte came back: most likely a reset (brown-out). Its boot window lasts ~255 ms from the
            // reset (bk_idk bootloader.c legacy_boot_main), so ask once at the current rate, briefly, then relink at 115200 at once.
            // Twice: the first LinkCheck may only complete a request that lost a byte on its way to the chip.
            if try session.linkCheck(timeout: .milliseconds(20)) || session.linkCheck(timeout: .milliseconds(20)) {
                session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(50))
                return
            }
            consecutiveFailures = 0
            try relinker.relink()
            return
        }
        guard try session.resync(attempts: 3) else {
            consecutiveFailures = 0
            try relinker.relink()
            return
        }
        if consecutiveFailures >= failuresBeforeFallback {
            consecutiveFailures = 0
            _ = try BaudController(session: session, events: events, relink: { try self.relinker.reacquire() })
                .fallBack(reason: .repeatedFailures(error))
        }
    }

    /// Written data keeps arriving damaged at this rate (clustered errors on a noisy line, issue 18): one rate
    /// lower, where the line's error rate falls steeply (long wires), unless the link already runs at the lowest.
    func stepDownForDamagedWrites(damaged: Int, of written: Int) throws {
        guard let lowest = BaudController.ladder.last, session.baudRate > lowest else { return }
        _ = try BaudController(session: session, events: events, relink: { try self.relinker.reacquire() })
            .fallBack(reason: .damagedWrites(damaged: damaged, of: written))
    }

    /// Steps down one rate before a write's first erase: test reads at this rate came back damaged too often for a
    /// sector write to arrive whole (WriteLinkProbe).
    func stepDownForDamagedProbe(damaged: Int, of exchanges: Int) throws {
        guard let lowest = BaudController.ladder.last, session.baudRate > lowest else { return }
        _ = try BaudController(session: session, events: events, relink: { try self.relinker.reacquire() })
            .fallBack(reason: .damagedTestReads(damaged: damaged, of: exchanges))
    }

    /// The chip went silent in the middle of a burst of requests (CarefulReader): it was reset, or it is busy
    /// hashing a CheckCRC range that a corrupted byte made huge. Relinks at once, with a short boot-window probe:
    /// a chip that reset answers within milliseconds, a busy one needs the reset ladder.
    func recoverSilentChip(operation: String, address: Int?, attempt: Int) throws {
        try relinker.checkDeadline()
        retryCount += 1
        consecutiveFailures = 0
        events(.retry(operation: operation, address: address, attempt: attempt + 1,
                      reason: .silentMidBurst))
        try relinker.relinkQuickly()
    }

    /// Throws once the operation's time limit has passed.
    func checkDeadline() throws { try relinker.checkDeadline() }

    /// A command succeeded outside `withRetries`: the failure streak at this rate ends.
    func noteSuccess() { consecutiveFailures = 0 }

    /// The chip's raw CRC of `range` (retried). On BL chips a LinkCheck must follow before the next erase or write
    /// (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py): at once when `relock`, else lazily by `erase`/`write4K` (reads never need it).
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

    /// The chip's raw CRCs of `ranges`, asked in one burst (Session.sendBurst): the chip hashes them one after the
    /// other, so the burst pays one turnaround instead of one per range. Nil when a reply was damaged or lost, or
    /// the chip went quiet: CheckCRC replies carry no address, so after a gap none of them can be attributed — the
    /// caller reads those ranges another way (FlashReader: carefully). Not retried here; a silent chip is left to
    /// that other way (CarefulReader relinks, or resets a chip kept hashing by a corrupted end address).
    func chipCRCs(_ ranges: [Range<Int>]) throws -> [UInt32]? {
        let commands = ranges.map(addressing.crcCommand)
        try session.sendBurst(commands)
        if linkCheckAfterCRC { relockPending = true }
        var crcs: [UInt32] = []
        var damaged = false
        for (command, range) in zip(commands, ranges) {
            do {
                crcs.append(try session.receiveCRC(to: command, hashedBytes: range.count))
            } catch let error as FlasherError where error.isRetryable {
                // Keep taking the replies still on their way (each arrives within its own deadline), so none is
                // left to be mistaken for the answer to a later request; a silent chip ends the burst at once.
                if error.code == .noResponse, error.isSilent { return nil }
                damaged = true
            }
        }
        if damaged { return nil }
        noteSuccess()
        return crcs
    }

    private func relockAfterCRC() throws {
        guard relockPending else { return }
        _ = try withRetries("LinkCheck", address: nil, attempts: 5) {
            try session.requireLinkCheck(timeout: .milliseconds(100))
        }
        relockPending = false
    }

    /// Runs a command that changes flash, retried; `memory` judges each failed attempt by its reply
    /// (WriterMemory.noteFailedAttempt), so the writer knows which proven sectors to check again.
    private func modifying(_ operation: String, address: Int, span: Int, isErase: Bool, memory: WriterMemory,
                           _ body: () throws -> Void) throws {
        try withRetries(operation, address: address, attempts: 3) {
            do {
                try body()
                modifyingCommandsRun.insert(operation)
            } catch let error as FlasherError where error.code == .unsupportedCommand && modifyingCommandsRun.contains(operation) {
                // The chip ran this command before: the request arrived garbled (a FaultBench garbage 0.01 % write
                // gave up on "the chip does not support FlashWrite4K"). A garbled op may have done anything.
                let garbled = FlasherError(.badResponse, "\(error.message), though it ran \(operation) before: the request arrived garbled",
                                           hint: .retryOrLowerBaud)
                memory.noteFailedAttempt(garbled, address: address, span: span, isErase: isErase)
                throw garbled
            } catch {
                memory.noteFailedAttempt(error, address: address, span: span, isErase: isErase)
                throw error
            }
        }
    }

    /// One erase command, retried.
    func erase(_ step: EraseStep, memory: WriterMemory) throws {
        try relockAfterCRC()
        try modifying("erase", address: step.range.lowerBound, span: step.range.count, isErase: true,
                      memory: memory) {
            switch step {
            case .sector(let address): try session.flashErase(.sector4K, addressing.wireAddress(address))
            case .block(let address): try session.flashErase(.block64K, addressing.wireAddress(address))
            }
        }
    }

    /// One Write4K, retried (the caller re-erases when the CRC later disagrees).
    func write4K(_ address: Int, _ data: ArraySlice<UInt8>, memory: WriterMemory) throws {
        try relockAfterCRC()
        try modifying("write", address: address, span: FlashGeometry.sector, isErase: false, memory: memory) {
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
