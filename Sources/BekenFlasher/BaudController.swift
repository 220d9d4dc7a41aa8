import SerialLink

/// SetBaudRate per bk7231tools linking.py set_baudrate (send at the old rate, wait delay/2, switch the port, read the echo at the new
/// rate) and an automatic fallback ladder when a switch or later transfers fail (BK7231GUIFlashTool issues #21, #51; ltchiptool issue #58: users cannot know
/// which rate their adapter and wiring take).
struct BaudController {
    /// The rates tried, fastest first (BK7231GUIFlashTool FormMain.cs BaudRates; bk7231tools issues #19, #24: rates the tools offer and users report working).
    static let ladder = [2_000_000, 1_500_000, 921_600, 460_800, 230_400, 115_200]
    /// Chip-side wait before it answers at the new rate; the host switches after half of it (bk7231tools/hid_download_py use 20 ms).
    static let delayMilliseconds: UInt8 = 20
    static let linkRate = 115_200

    let session: Session
    let events: FlasherEventHandler
    /// Gets the chip back at 115200 when a failed switch leaves it at a rate the link cannot carry (the chip
    /// switched, the adapter or wiring garbles that rate): reset ladder, boot window (bk_idk bootloader.c legacy_boot_main; bk7231tools linking.py; BK7231GUIFlashTool BK7231Flasher.cs).
    var relink: (() throws -> Void)?

    init(session: Session, events: @escaping FlasherEventHandler, relink: (() throws -> Void)? = nil) {
        self.session = session
        self.events = events
        self.relink = relink
    }

    /// The rates at or below `requested`, `requested` first.
    static func candidates(upTo requested: Int) -> [Int] {
        [requested] + ladder.filter { $0 < requested }
    }

    /// Moves to `requested`, or the fastest lower rate that works. Returns the rate in use.
    func switchTo(_ requested: Int) throws -> Int {
        let current = session.baudRate
        if requested == current { return current }
        var lastReason: BaudTrouble?
        // The requested rate gets a second try: one byte lost or flipped on a noisy line must not cost it for the
        // whole operation (a step down to 1.5 Mbaud makes a 2 MiB read a third slower).
        let tries = BaudController.candidates(upTo: requested).flatMap { $0 == requested ? [$0, $0] : [$0] }
        for rate in tries where rate != current {
            switch try attempt(rate) {
            case .switched:
                if rate != requested, let lastReason {
                    events(.baudFallback(from: requested, to: rate, reason: lastReason))
                } else {
                    events(.baudChanged(from: current, to: rate))
                }
                return rate
            case .failed(let reason):
                lastReason = reason
            case .lost(let reason):
                // Neither rate answered: a ceiling, or a garbled rate in the request (tried once more).
                lastReason = reason
                try relinkAtBootRate(reason: reason)
            }
        }
        if let lastReason {
            events(.baudFallback(from: requested, to: session.baudRate, reason: lastReason))
        }
        return session.baudRate
    }

    /// After repeated failures at the current rate: step down the ladder. Throws when no rate answers.
    func fallBack(reason: BaudTrouble) throws -> Int {
        let current = session.baudRate
        for rate in BaudController.ladder where rate < current {
            // A switch whose request or echo the noisy line garbled leaves the chip at the old rate: that rate is
            // tried once more before a lower one (a 0.02 % line at 1 500 000 skipped 921 600 and wrote at 460 800,
            // 2.69 x the fault-free write).
            var outcome = try attempt(rate)
            if case .failed(.noAnswer) = outcome { outcome = try attempt(rate) }
            switch outcome {
            case .switched:
                events(.baudFallback(from: current, to: rate, reason: reason))
                return rate
            case .failed:
                continue
            case .lost(let why):
                try relinkAtBootRate(reason: why)
            }
        }
        throw FlasherError(.linkLost, "lost the link to the chip at \(current) baud and could not recover at a lower rate",
                           flash: .unknown,
                           hint: .powerCycleThenLowerBaud(to: 115_200))
    }

    /// `lost`: the chip answers at neither rate (it switched, the line garbles the new rate).
    enum Outcome { case switched, failed(BaudTrouble), lost(BaudTrouble) }

    /// After a lost switch: reset the chip and link at 115200 again, so the next (lower) rate can be tried.
    private func relinkAtBootRate(reason: BaudTrouble) throws {
        guard let relink else {
            throw FlasherError(.baudSwitchFailed, "the chip stopped answering after switching baud: \(reason)",
                               flash: .untouched, hint: .resetChipThenLowerBaud(rates: [921_600, 115_200]))
        }
        events(.notice(.unreachableAfterBaudSwitch(reason: reason)))
        try relink()
    }

    /// One switch attempt; on failure the chip and port are left at a rate that answers LinkCheck, if any.
    private func attempt(_ rate: Int) throws -> Outcome {
        let old = session.baudRate
        let delay = BaudController.delayMilliseconds
        session.drainInput(quiet: .milliseconds(2), limit: .milliseconds(50))
        try session.sendSetBaudRate(rate, delayMilliseconds: delay)
        do {
            try session.link.drain()
            Pause.sleep(.milliseconds(Int64(delay) / 2))
            try session.link.setBaudRate(rate)
        } catch let error as LinkError where error.kind == .unsupportedBaud {
            // The adapter cannot do it; the chip already switched — ask it back at the rate it now has is
            // impossible from here, so relink at the old rate after the chip's echo is lost.
            _ = try? session.link.setBaudRate(old)
            return recover(old: old, new: rate, reason: .portUnsupported(rate: rate))
        } catch {
            throw Session.transportError(error)
        }
        let echoed = (try? session.receiveBaudEcho(rate, delayMilliseconds: delay,
                                                   timeout: .milliseconds(Int64(delay) + 250))) ?? false
        if echoed, (try? session.linkCheck(timeout: .milliseconds(100))) == true
            || (try? session.linkCheck(timeout: .milliseconds(100))) == true {
            session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(50))
            return .switched
        }
        return recover(old: old, new: rate, reason: .noAnswer(rate: rate))
    }

    /// Finds the rate the chip listens at after a failed switch: the new one (echo lost) or the old one.
    private func recover(old: Int, new: Int, reason: BaudTrouble) -> Outcome {
        for rate in [new, old] {
            guard (try? session.link.setBaudRate(rate)) != nil else { continue }
            session.drainInput(quiet: .milliseconds(3), limit: .milliseconds(50))
            if (try? session.resync(attempts: 3)) == true {
                return rate == new ? .switched : .failed(reason)
            }
        }
        return .lost(reason)
    }
}
