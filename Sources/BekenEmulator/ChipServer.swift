import Foundation
import SerialLink

/// Serves a `VirtualChip` on the chip end of a link, on its own thread: reads host bytes, feeds the chip's parser,
/// writes replies — paced like a UART when the chip's timing model says so (docs/TESTING.md "Timing model").
///
/// Baud rates: the chip listens at its current rate; bytes the host sends at another rate are garbage to it and are
/// dropped, and replies sent while the host listens at another rate are lost (bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD).
public final class ChipServer: @unchecked Sendable {
    public let chip: VirtualChip
    /// The chip end of the link.
    public let link: any PeerObservingLink
    /// The port path a client opens (the pty slave), when served on a pseudo-terminal.
    public let path: String?

    private let lock = NSLock()
    private var stopRequested = false
    private let finished = DispatchSemaphore(value: 0)
    private let closesLinkOnStop: Bool

    /// Starts serving `chip` on `link` (the chip end). The server owns the link when `closesLinkOnStop`.
    public init(chip: VirtualChip, link: any PeerObservingLink, path: String? = nil, closesLinkOnStop: Bool = true) {
        self.chip = chip
        self.link = link
        self.path = path
        self.closesLinkOnStop = closesLinkOnStop
        let thread = Thread { [self] in
            var loop = ServeLoop(chip: chip, link: link, shouldStop: { [self] in isStopRequested })
            loop.run()
            finished.signal()
        }
        thread.name = "VirtualChip \(path ?? link.description)"
        thread.start()
    }

    /// Serves the chip on a new pseudo-terminal; clients open `server.path`.
    public static func onPseudoTerminal(_ chip: VirtualChip) throws -> ChipServer {
        let pty = try PseudoTerminal(writeTimeout: .seconds(1))
        return ChipServer(chip: chip, link: pty, path: pty.slavePath)
    }

    /// Serves the chip on an in-memory link and returns the host end. The server stops when the host end is closed.
    public static func inMemory(_ chip: VirtualChip, baudRate: Int = 115_200) -> MemoryLink {
        inMemoryServer(chip, baudRate: baudRate).host
    }

    /// Like `inMemory`, also returning the server (to stop it explicitly).
    public static func inMemoryServer(_ chip: VirtualChip, baudRate: Int = 115_200) -> (server: ChipServer, host: MemoryLink) {
        let (host, device) = MemoryLink.pair(baudRate: baudRate, names: ("memory host", "virtual chip"))
        return (ChipServer(chip: chip, link: device), host)
    }

    private var isStopRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    /// Stops serving and waits for the serve thread to end (idempotent).
    public func stop() {
        lock.lock()
        let first = !stopRequested
        stopRequested = true
        lock.unlock()
        guard first else { return }
        finished.wait()
        if closesLinkOnStop { link.close() }
    }

    deinit { stop() }

    /// Scheduling slack for baud switches: a reply waits this long for a host that is switching to the chip's rate
    /// before it is lost, and bytes read this soon after the rates last agreed count as sent at that rate.
    public static let switchGrace: Duration = .milliseconds(100)
}

/// The serve loop: one thread, one chip, cumulative wire schedules.
private struct ServeLoop {
    let chip: VirtualChip
    let link: any PeerObservingLink
    let shouldStop: @Sendable () -> Bool
    var pacer = WirePacer()
    let timing: TimingModel
    let idleTimeout: Duration

    /// When the last received byte finished on the wire.
    var receiveCursor: ContinuousClock.Instant
    /// When the chip is free and when its last reply reaches the host (paced: frames are handled in order).
    var schedule: ChipSchedule
    var lastBytesRead: ContinuousClock.Instant
    /// Last time the host's rate was seen equal to the chip's.
    var lastAgreement: ContinuousClock.Instant
    /// The host's RTS as last seen (CEN model).
    var lastRTS = false
    let rtsDrivesReset: Bool
    let faults: FaultPlan
    /// Byte faults host → chip and chip → host (separate streams of the plan's seed).
    var inbound: WireFaultInjector
    var outbound: WireFaultInjector
    /// The firmware's log after each boot (FirmwareConsole).
    var console: FirmwareConsole

    init(chip: VirtualChip, link: any PeerObservingLink, shouldStop: @escaping @Sendable () -> Bool) {
        self.chip = chip
        self.link = link
        self.shouldStop = shouldStop
        pacer.shouldStop = shouldStop
        let configuration = chip.configuration
        timing = configuration.timing
        idleTimeout = configuration.frameIdleTimeout
        rtsDrivesReset = configuration.rtsDrivesReset
        faults = configuration.faults
        inbound = WireFaultInjector(plan: faults, stream: 1)
        outbound = WireFaultInjector(plan: faults, stream: 2)
        console = FirmwareConsole(chip: chip)
        let now = ContinuousClock.now
        receiveCursor = now
        schedule = ChipSchedule(now: now)
        lastBytesRead = now
        lastAgreement = now
    }

    mutating func run() {
        while !shouldStop() {
            var wait = Duration.milliseconds(20)
            if let event = chip.nextScheduledEvent { wait = max(.zero, min(wait, event - pacer.now)) }
            if let wake = console.nextWake { wait = max(.zero, min(wait, wake - pacer.now)) }
            var chunk: [UInt8]
            do {
                chunk = try link.read(upTo: 65_536, timeout: wait)
            } catch let error as LinkError where error.kind == .closed || error.kind == .disconnected {
                return
            } catch {
                pacer.sleep(until: pacer.now + .milliseconds(5))
                continue
            }
            let now = pacer.now
            if followResetLine(at: now) { schedule.chipReset(at: now) }
            chip.advance(to: now)
            console.pump(at: now, link: link)
            let hostRate = link.peerBaudRate()
            if hostRate == nil || hostRate == chip.baudRate { lastAgreement = now }
            guard !chunk.isEmpty else {
                if now - lastBytesRead > idleTimeout { chip.abandonPartialFrame() }
                continue
            }
            lastBytesRead = now
            if faults.silent { continue }  // wrong wiring: nothing reaches the chip (FaultPlan.silent)
            if chip.noteArrival(of: chunk.count, at: now) {  // brown-out at a byte count
                schedule.chipReset(at: now)
                continue
            }
            if faults.touchesBytes, chip.framesReceived >= faults.byteFaultsFromFrame {
                chunk = inbound.pass(chunk[...], baud: chip.baudRate)
                publishFaults()
            }
            // Bytes read shortly after the rates last agreed were most likely sent before the host switched
            // (our thread may run late on a busy machine): judge them at the agreed rate.
            let recentlyAgreed = now - lastAgreement <= ChipServer.switchGrace
            guard chip.hearsHost(at: now, hostBaudRate: recentlyAgreed ? nil : hostRate) else { continue }
            process(chunk, readAt: now)
        }
    }

    /// Feeds a chunk frame by frame; each frame is handled when its last byte has crossed the wire and the chip has
    /// finished the frames before it (`ChipSchedule`).
    mutating func process(_ chunk: [UInt8], readAt: ContinuousClock.Instant) {
        let baud = chip.baudRate
        var start = max(receiveCursor, readAt)  // when the chunk's first byte started on the wire
        chunk.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (next, frame) = chip.receive(buffer, from: index)
                let arrived = timing.pacing ? start + timing.wireTime(next - index, baud: baud) : pacer.now
                index = next
                start = arrived
                guard let frame else { break }
                let handledAt = timing.pacing ? schedule.handlingTime(arrival: arrived) : pacer.now
                // A slow (garbled) rate or a busy chip makes this wait long: a reset (CEN) still ends it, dropping
                // the rest.
                guard waitWatchingReset(until: handledAt) else {
                    schedule.chipReset(at: pacer.now)
                    break
                }
                guard let action = chip.handle(frame, at: handledAt) else { continue }
                let completed = perform(action, handledAt: handledAt)
                if !completed { schedule.chipReset(at: pacer.now) }
                // Bytes behind a baud switch or a reset were sent for the old state: garbage now, drop them.
                if action.newBaudRate != nil || action.didReset || !completed { break }
            }
        }
        receiveCursor = timing.pacing ? start : pacer.now
    }

    /// The host's RTS as the chip's CEN line (when wired): a change is passed to the chip. True when it asserted
    /// reset just now.
    mutating func followResetLine(at now: ContinuousClock.Instant) -> Bool {
        guard rtsDrivesReset, let rts = link.peerModemLines()?.rts, rts != lastRTS else { return false }
        lastRTS = rts
        chip.setResetLine(asserted: rts, at: now)
        return rts
    }

    /// Sleeps until `due` in short slices, watching the reset line: a chip busy for seconds (a garbled CheckCRC over
    /// gigabytes) is still reset by CEN. False when a reset cut the wait short (the pending reply is gone).
    mutating func waitWatchingReset(until due: ContinuousClock.Instant) -> Bool {
        while due - pacer.now > .milliseconds(5) {
            if shouldStop() { return false }
            pacer.sleep(until: pacer.now + .milliseconds(5))
            if followResetLine(at: pacer.now) { return false }
        }
        pacer.sleep(until: due)
        return true
    }

    /// Chip time, SetBaudRate hold, turnaround, then the reply at the chip's current rate. An action without a
    /// reply may still keep the chip busy (a withheld CRC): it hears nothing meanwhile.
    /// Returns false when a reset (CEN) ended the chip's work first.
    mutating func perform(_ action: ChipAction, handledAt: ContinuousClock.Instant) -> Bool {
        guard !action.reply.isEmpty else {
            guard timing.pacing else { return true }
            let free = schedule.bookSilentWork(action.busy, handledAt: handledAt)
            // Long work is waited out here, watching CEN (only a reset ends a huge CRC); short work delays the
            // next frame's handling time instead.
            guard action.busy > .milliseconds(50) else { return true }
            let finished = waitWatchingReset(until: free)
            chip.advance(to: pacer.now)
            return finished
        }
        guard timing.pacing else {
            var ready = pacer.now
            if action.hold > .zero { ready = max(ready, handledAt + action.hold) }  // SetBaudRate's delay: protocol
            return transmit(action.reply, from: ready + action.stall)
        }
        let start = schedule.bookReply(for: action, handledAt: handledAt, replyBytes: action.reply.count,
                                       baud: chip.baudRate, timing: timing)
        return transmit(action.reply, from: start)
    }

    /// Sends bytes paced at the chip's rate in ~1 ms slices; a host listening at another rate loses them. A reset
    /// (CEN) ends the reply at once — it matters at a garbled slow rate, where one reply takes minutes. False then.
    mutating func transmit(_ bytes: [UInt8], from start: ContinuousClock.Instant) -> Bool {
        let baud = chip.baudRate
        guard waitWatchingReset(until: start) else {
            chip.advance(to: pacer.now)
            return false
        }
        let hostListens = hostListens(at: baud)
        if chip.runState == .heldInReset { return false }  // CEN went low while waiting for the host
        guard timing.pacing else {
            if hostListens { send(bytes[...], baud: baud) }
            return true
        }
        let byteTime = timing.byteTime(baud: baud)
        let slice = max(1, min(4096, Int(Duration.milliseconds(1) / byteTime)))
        var sent = 0
        while sent < bytes.count {
            let count = min(slice, bytes.count - sent)
            guard waitWatchingReset(until: start + timing.wireTime(sent + count, baud: baud)) else {
                chip.advance(to: pacer.now)
                return false
            }
            if hostListens { send(bytes[sent..<(sent + count)], baud: baud) }
            sent += count
        }
        return true
    }

    /// Whether the host listens at `baud`. A host that is switching gets a short grace (`ChipServer.switchGrace`):
    /// on a shared machine its process may run a few ms late, which a real host's timing (switch at delay/2,
    /// bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD) would not.
    mutating func hostListens(at baud: Int) -> Bool {
        let deadline = pacer.now + ChipServer.switchGrace
        while true {
            guard let hostRate = link.peerBaudRate(), hostRate != baud else { return true }
            if pacer.now >= deadline || followResetLine(at: pacer.now) { return false }
            pacer.sleep(until: pacer.now + .milliseconds(1))
        }
    }

    mutating func send(_ bytes: ArraySlice<UInt8>, baud: Int) {
        if let hostRate = link.peerBaudRate(), hostRate != baud { return }  // unreadable at the host's rate
        guard faults.touchesBytes, chip.framesReceived >= faults.byteFaultsFromFrame else {
            try? link.write(Array(bytes))
            return
        }
        try? link.write(outbound.pass(bytes, baud: baud))
        publishFaults()
    }

    func publishFaults() {
        var counts = inbound.counts
        let out = outbound.counts
        counts.droppedBytes += out.droppedBytes
        counts.flippedBytes += out.flippedBytes
        counts.garbageBytes += out.garbageBytes
        counts.ceilingGarbledBytes += out.ceilingGarbledBytes
        chip.setWireFaults(counts)
    }
}
