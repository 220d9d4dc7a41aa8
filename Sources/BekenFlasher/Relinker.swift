/// Getting the chip back inside one operation after it stopped answering (a reset, a brown-out, a chip busy
/// hashing a garbled CheckCRC range), and the limits on trying: relinks in a row without progress, and the
/// operation's time limit. Owned by the Flasher; the command layer (FlashOperations) calls it.
final class Relinker {
    let session: Session
    let options: Flasher.Options
    let events: FlasherEventHandler
    /// Learned on this link: the RTS/DTR pulse resets the chip (RTS wired to CEN). Then a chip that went silent
    /// mid-burst is reset at once with a short pulse instead of waiting for it first.
    private(set) var pulseResetsChip = false
    /// Relinks since the operation last proved bytes by the chip's CRC (a relink that lets work go on is no
    /// reason to give up; a chip that keeps resetting without progress is).
    private var relinksWithoutProgress = 0
    private var provenAtLastRelink = 0
    /// Bytes proven by the chip's CRC so far on this link (any operation): a relink after progress starts a new streak.
    private(set) var provenBytes = 0
    /// Past this instant, recovery gives up (Flasher.Options.operationTimeLimit).
    private var deadline: ContinuousClock.Instant?
    private var timeLimit: Duration?

    init(session: Session, options: Flasher.Options, events: @escaping FlasherEventHandler) {
        self.session = session
        self.options = options
        self.events = events
    }

    /// A new connection: no operation, so no time limit, and nothing proven on it yet.
    func startConnection() {
        provenBytes = 0
        timeLimit = nil
        deadline = nil
    }

    /// Starts an operation: a new relink streak, and the time limit from now.
    func beginOperation(timeLimit: Duration?) {
        relinksWithoutProgress = 0
        self.timeLimit = timeLimit
        deadline = timeLimit.map { ContinuousClock.now.advanced(by: $0) }
    }

    /// Runs `work` — an operation of its own inside the current one (Flasher.readNeighbours) — and then
    /// carries on the current operation with its time limit moved on by the time `work` took.
    func pausingOperation<T>(_ work: () throws -> T) rethrows -> T {
        let (savedDeadline, savedLimit) = (deadline, timeLimit)
        let started = ContinuousClock.now
        defer {
            timeLimit = savedLimit
            deadline = savedDeadline.map { $0 + (ContinuousClock.now - started) }
        }
        return try work()
    }

    /// Counts bytes proven by the chip's CRC (progress, for the relink streak).
    func noteProven(_ count: Int) { provenBytes += count }

    /// Throws once the operation's time limit has passed (checked before every recovery, never mid-command).
    func checkDeadline() throws {
        guard let deadline, let timeLimit, ContinuousClock.now > deadline else { return }
        throw FlasherError(.linkLost,
                           "gave up: the link kept failing past the operation's time limit of \(Int(seconds(timeLimit))) s",
                           flash: .unknown,
                           hint: .improveLinkThenRepeat(rates: [921_600, 115_200]))
    }

    /// Links at 115200 again: first LinkChecks straight away (a chip reset moments ago is still in its ~255 ms
    /// boot window, bk_idk bootloader.c legacy_boot_main), then the reset ladder without its opening listen (bk7231tools linking.py; BK7231GUIFlashTool BK7231Flasher.cs).
    /// With `quick` and a pulse known to reset the chip, a short pulse goes first and the probe is skipped.
    func reacquire(bootWindowProbe: Duration = .milliseconds(150), quick: Bool = false) throws {
        do { try session.link.setBaudRate(115_200) } catch { throw Session.transportError(error) }
        session.drainInput(quiet: .milliseconds(2), limit: .milliseconds(20))
        var ladder = options.resetStrategies.filter { if case .listen = $0 { false } else { true } }
        if ladder.isEmpty { ladder = options.resetStrategies }
        if quick, pulseResetsChip {
            let linkedBy = try BusAcquisition(session: session, strategies: [.quickPulse] + ladder,
                                              timeout: options.linkTimeout, events: events).acquire()
            pulseResetsChip = linkedBy == .quickPulse
            return
        }
        let clock = ContinuousClock()
        let windowEnd = clock.now.advanced(by: bootWindowProbe)
        while clock.now < windowEnd {
            if try session.linkCheck(timeout: session.timeouts.linkCheckInterval) {
                session.drainInput(quiet: .milliseconds(10), limit: .milliseconds(200))
                events(.notice(.answeredInBootWindow))
                return
            }
        }
        let linkedBy = try BusAcquisition(session: session, strategies: ladder, timeout: options.linkTimeout,
                                          events: events).acquire()
        if case .modemLinePulse = linkedBy { pulseResetsChip = true }
    }

    /// After the chip stopped answering mid-operation: link again and return to the rate in use.
    func relink(bootWindowProbe: Duration = .milliseconds(150), quick: Bool = false) throws {
        try checkDeadline()
        if provenBytes != provenAtLastRelink { relinksWithoutProgress = 0 }
        provenAtLastRelink = provenBytes
        relinksWithoutProgress += 1
        guard relinksWithoutProgress <= options.maxRelinks else {
            throw FlasherError(.linkLost,
                               "the chip stopped answering \(relinksWithoutProgress) times in a row without progress (resets or brown-outs)",
                               flash: .unknown,
                               // Resets and a link that loses bytes look alike from here (a frame short of a byte
                               // leaves the chip silent too): the supply, the wires and the rate.
                               hint: .improveLinkThenRepeat(rates: [921_600, 115_200]))
        }
        let rate = session.baudRate
        events(.notice(.relinking(baud: rate, attempt: relinksWithoutProgress)))
        try reacquire(bootWindowProbe: bootWindowProbe, quick: quick)
        // Twice: one corrupted SetBaudRate echo must not cost the transfer rate for the rest of the operation.
        for _ in 0 ..< 2 { try switchRate(to: rate) }
    }

    /// `relink` with a short boot-window probe, resetting at once where a pulse is known to work (a chip gone
    /// silent mid-burst, CarefulReader).
    func relinkQuickly() throws { try relink(bootWindowProbe: .milliseconds(60), quick: true) }

    /// Moves the link to `rate` (or the fastest lower rate that works) unless it is there already.
    func switchRate(to rate: Int) throws {
        guard rate != session.baudRate else { return }
        _ = try BaudController(session: session, events: events, relink: { try self.reacquire() }).switchTo(rate)
    }
}
