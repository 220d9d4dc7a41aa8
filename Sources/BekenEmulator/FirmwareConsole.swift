import SerialLink

/// Runs the chip's firmware on the serve thread: after each reset, once the boot window has closed without a
/// LinkCheck, it prints the firmware's output on the link at the log rate, paced like a UART; a host listening at
/// another rate gets what its UART would make of it (`UARTResampler`). With a boot-loop fault it resets the chip
/// `bootLoopPeriod` after every reset, as a supply that sags when Wi-Fi starts does (seed 004: "It may be browning
/// out and boot looping. This would be seen in the TX2 boot log output").
struct FirmwareConsole {
    let chip: VirtualChip
    let program: FirmwareProgram?
    let bootLoopPeriod: Duration?
    let bootWindow: Duration

    /// The reset count of the boot being run (nil before the first look).
    private var boot: Int?
    /// When this boot's app started, and its output.
    private var appStart: ContinuousClock.Instant?
    private var run: FirmwareRun?
    private var nextOutput = 0
    private var due: ContinuousClock.Instant?
    private var heartbeats = 0
    private var bootNumber = 0
    private var shortRunsInARow = 0
    private var bootStart: ContinuousClock.Instant
    /// When the delayed power-up happens (nil: powered from the start, or done).
    private var powerOnAt: ContinuousClock.Instant?

    init(chip: VirtualChip) {
        self.chip = chip
        let configuration = chip.configuration
        program = configuration.firmware
        bootLoopPeriod = configuration.faults.bootLoopPeriod
        bootWindow = configuration.bootWindow
        bootStart = ContinuousClock.now
        if configuration.powerOnDelay > .zero { powerOnAt = bootStart + configuration.powerOnDelay }
    }

    /// Whether there is anything to do at all.
    var isActive: Bool { program != nil || bootLoopPeriod != nil }

    /// The next moment `pump` has work (output due, boot window closing, a boot-loop reset).
    private(set) var nextWake: ContinuousClock.Instant?

    /// Prints what is due by `now` on `link`; resets the chip when the boot loop says so.
    mutating func pump(at now: ContinuousClock.Instant, link: any PeerObservingLink) {
        guard isActive else { return }
        if let powerOn = powerOnAt {
            guard now >= powerOn else {
                nextWake = powerOn
                return
            }
            powerOnAt = nil
            chip.resetNow()
            // Power-up is the first start, not the end of a short run.
            boot = chip.resetCount
            bootStart = chip.lastReset
            appStart = nil
            run = nil
        }
        let state = chip.runState
        let resets = chip.resetCount
        if boot != resets {
            if boot != nil {
                // The previous run ended by a reset: short runs of a firmware that printed (not a boot that went
                // into download mode, not a silent one) are OpenBeken's boot failures.
                if let appStart, let run, !run.output.isEmpty || run.heartbeat != nil {
                    shortRunsInARow = chip.lastReset - appStart < FirmwareBoot.stableAfter ? shortRunsInARow + 1 : 0
                }
                bootStart = chip.lastReset
            }
            boot = resets
            appStart = nil
            run = nil
        }
        nextWake = nil
        if let period = bootLoopPeriod, state != .downloadMode, state != .heldInReset {
            let reset = bootStart + period
            if now >= reset {
                chip.resetNow()
                nextWake = now
                return
            }
            nextWake = reset
        }
        guard state == .applicationRunning else {
            if state == .bootWindow { wake(at: chip.lastReset + bootWindow) }
            return
        }
        if appStart == nil {
            let poweredOnRunning = resets == 0 && chip.configuration.initialState == .applicationRunning
            appStart = poweredOnRunning ? bootStart : chip.lastReset + bootWindow
            bootNumber += 1
            run = program?(FirmwareBoot(flash: chip.flash, number: bootNumber, shortRunsInARow: shortRunsInARow))
                ?? .silent
            nextOutput = 0
            heartbeats = 0
            due = nil
        }
        guard let run, let appStart else { return }
        if due == nil {
            if let first = run.output.first {
                due = appStart + first.after
            } else if let heartbeat = run.heartbeat {
                due = appStart + heartbeat.interval
            }
        }
        while let dueNow = due, dueNow <= now {
            let bytes: [UInt8]
            if nextOutput < run.output.count {
                bytes = run.output[nextOutput].bytes
                nextOutput += 1
            } else if let heartbeat = run.heartbeat {
                heartbeats += 1
                bytes = heartbeat.line(Int((dueNow - appStart) / .seconds(1)))
            } else {
                due = nil
                break
            }
            send(bytes, baud: run.baudRate, link: link)
            let ended = dueNow + chip.configuration.timing.wireTime(bytes.count, baud: run.baudRate)
            if nextOutput < run.output.count {
                due = ended + run.output[nextOutput].after
            } else if let heartbeat = run.heartbeat {
                due = max(ended, appStart + heartbeat.interval * (heartbeats + 1))
            } else {
                due = nil
            }
        }
        if let due { wake(at: due) }
    }

    private mutating func wake(at time: ContinuousClock.Instant) {
        nextWake = nextWake.map { min($0, time) } ?? time
    }

    /// Writes log bytes as the host's UART receives them. Nobody reading a pty fills its buffer: then the old,
    /// unread log is dropped, as a UART with nobody listening loses it.
    private func send(_ bytes: [UInt8], baud: Int, link: any PeerObservingLink) {
        let hostRate = link.peerBaudRate() ?? baud
        let wire = UARTResampler.received(bytes, sentAt: baud, receivedAt: hostRate)
        guard !wire.isEmpty else { return }
        do {
            try link.write(wire)
        } catch {
            if let pty = link as? PseudoTerminal {
                try? pty.discardUnreadOutput()
                try? link.write(wire)
            }
        }
    }
}
