import Foundation

/// A virtual BK72xx chip in download mode (bk_idk bl_bk_hci_protocol.c). Thread-safe: one frontend feeds it bytes while tests
/// read its flash and log. Frontends: `ChipServer` (pty, in-memory link) or `respond(to:)` for direct unit tests.
public final class VirtualChip: @unchecked Sendable {
    private let lock = NSLock()
    private var core: ChipCore
    private var wireFaults = FaultCounts()

    /// Creates a chip; `configuration.problems` must be empty.
    public init(configuration: Configuration) {
        precondition(configuration.problems.isEmpty, configuration.problems.joined(separator: "; "))
        core = ChipCore(configuration: configuration, now: .now)
    }

    private func withCore<T>(_ body: (inout ChipCore) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&core)
    }

    public var configuration: Configuration { withCore { $0.configuration } }

    /// Snapshot of the flash contents.
    public var flash: [UInt8] { withCore { $0.flash.bytes } }

    /// Commands received while listening, oldest first.
    public var commandLog: [ChipCommandRecord] { withCore { $0.log } }

    /// The chip's current UART rate.
    public var baudRate: Int { withCore { $0.baudRate } }

    /// Current SR1 and SR2 of the flash.
    public var statusRegisters: (UInt8, UInt8) { withCore { ($0.flash.sr1, $0.flash.sr2) } }

    /// Boot window, download mode or application, as of now.
    public var runState: ChipRunState {
        withCore { core in
            core.advance(to: .now)
            return core.runState
        }
    }

    /// Number of resets since creation (Reboot, SEAN, person, `resetNow`).
    public var resetCount: Int { withCore { $0.resetCount } }

    /// When the chip last reset (its boot window runs `configuration.bootWindow` from here).
    public var lastReset: ContinuousClock.Instant { withCore { $0.lastReset } }

    /// Frames received while listening since creation (what `FaultPlan.resetAtFrames` counts).
    public var framesReceived: Int { withCore { $0.framesReceived } }

    /// Faults injected so far: wire faults from the server, triggered ones from the chip.
    public var injectedFaults: FaultCounts {
        withCore { core in
            var counts = wireFaults
            counts.stalls = core.faultCounts.stalls
            counts.resets = core.faultCounts.resets
            counts.ignoredStatusWrites = core.faultCounts.ignoredStatusWrites
            counts.ignoredErases = core.flash.ignoredErases
            return counts
        }
    }

    /// Resets the chip now, as pulling CEN low would (boot window opens again at 115200).
    public func resetNow() { withCore { $0.reset(at: .now) } }

    /// Replaces the flash contents (not a chip operation: a test or loader helper). Size must not change.
    public func loadFlash(_ contents: [UInt8]) {
        withCore { core in
            precondition(contents.count == core.flash.size, "flash size must stay \(core.flash.size)")
            core.flash.replaceContents(contents)
        }
    }

    /// Feeds host bytes straight into the chip, as if received at `time`, and returns every reply byte, ignoring
    /// pacing and baud mismatch. For unit tests of chip-side rules.
    public func respond(to bytes: [UInt8], at time: ContinuousClock.Instant = .now) -> [UInt8] {
        withCore { core in
            core.advance(to: time)
            var out: [UInt8] = []
            guard core.isListening else {
                core.noteUnheardTraffic(at: time)
                return out
            }
            bytes.withUnsafeBufferPointer { buffer in
                var index = 0
                while index < buffer.count {
                    let (next, frame) = core.receive(buffer, from: index)
                    index = next
                    if let frame, let action = core.handle(frame, at: time) { out += action.reply }
                }
            }
            return out
        }
    }

    // MARK: frontend hooks (used by ChipServer)

    /// Applies time-driven changes and tells whether the chip hears the host now; unheard traffic arms the person.
    func hearsHost(at time: ContinuousClock.Instant, hostBaudRate: Int?) -> Bool {
        withCore { core in
            core.advance(to: time)
            let matched = hostBaudRate.map { $0 == core.baudRate } ?? true
            if !core.isListening || !matched {
                core.noteUnheardTraffic(at: time)
                return false
            }
            return true
        }
    }

    /// The server's wire-fault tally (host-to-chip and chip-to-host injectors added up).
    func setWireFaults(_ counts: FaultCounts) { withCore { _ in wireFaults = counts } }

    /// Counts arrived host bytes; true when a brown-out planned at this byte count reset the chip.
    func noteArrival(of count: Int, at time: ContinuousClock.Instant) -> Bool {
        withCore { $0.noteArrival(of: count, at: time) }
    }

    /// The host's RTS as CEN (when `configuration.rtsDrivesReset`).
    func setResetLine(asserted: Bool, at time: ContinuousClock.Instant) {
        withCore { $0.setResetLine(asserted: asserted, at: time) }
    }

    /// Feeds bytes from `start`, stopping after a complete frame.
    func receive(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, frame: ChipFrame?) {
        withCore { $0.receive(bytes, from: start) }
    }

    func handle(_ frame: ChipFrame, at time: ContinuousClock.Instant) -> ChipAction? {
        withCore { $0.handle(frame, at: time) }
    }

    /// The next moment a time-driven change happens (scheduled reset), if any.
    var nextScheduledEvent: ContinuousClock.Instant? { withCore { $0.scheduledReset } }

    func advance(to time: ContinuousClock.Instant) { withCore { $0.advance(to: time) } }

    /// Drops a partly received frame (stalled packet, bk_idk bl_tra_hcit.c TRAhcit_Rx_Char). True if there was one.
    @discardableResult
    func abandonPartialFrame() -> Bool {
        withCore { core in
            guard core.parser.isMidFrame else { return false }
            core.parser.reset()
            return true
        }
    }
}
