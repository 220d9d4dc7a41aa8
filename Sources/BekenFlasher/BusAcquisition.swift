import BekenProtocol
import SerialLink

/// Getting the bus: LinkCheck every ~5 ms at 115200 while the reset strategies run (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus).
struct BusAcquisition {
    let session: Session
    let strategies: [ResetStrategy]
    let timeout: Duration
    let events: FlasherEventHandler
    private let clock = ContinuousClock()

    init(session: Session, strategies: [ResetStrategy], timeout: Duration, events: @escaping FlasherEventHandler) {
        self.session = session
        self.strategies = strategies
        self.timeout = timeout
        self.events = events
    }

    /// Returns the strategy that brought the chip to answer; throws `linkTimeout` naming the likely causes.
    @discardableResult
    func acquire() throws -> ResetStrategy {
        let started = clock.now
        let deadline = started.advanced(by: timeout)
        if session.baudRate != 115_200 {
            do { try session.link.setBaudRate(115_200) } catch { throw Session.transportError(error) }
        }
        session.drainInput(quiet: .milliseconds(2), limit: .milliseconds(20))
        for strategy in strategies {
            guard clock.now < deadline else { break }
            events(.resetStrategy(name: strategy.name))
            let linked: Bool
            switch strategy {
            case .listen(let window):
                linked = try listen(until: min(deadline, clock.now.advanced(by: window)))
            case .modemLinePulse(let hold, let window):
                guard try pulseModemLines(hold: hold) else { continue }
                linked = try listen(until: min(deadline, clock.now.advanced(by: window)))
            case .openBekenReboot(let window):
                do { try session.link.write(Array("reboot\r\n".utf8)) } catch { throw Session.transportError(error) }
                linked = try listen(until: min(deadline, clock.now.advanced(by: window)))
            case .manual:
                linked = try listenWithCountdown(until: deadline)
            }
            if linked {
                events(.linked(after: clock.now - started))
                return strategy
            }
        }
        throw FlasherError(.linkTimeout,
                           "no answer from the chip on \(session.link.description) within \(Int(seconds(timeout))) s",
                           hint: .checkWiringAndReset)
    }

    /// bk7231tools' pulse: RTS+DTR on, `hold`, DTR off, `hold`, RTS off. False when the port has no modem lines.
    private func pulseModemLines(hold: Duration) throws -> Bool {
        do {
            guard try session.link.setModemLines(rts: true, dtr: true) else { return false }
            Pause.sleep(hold)
            _ = try session.link.setModemLines(rts: true, dtr: false)
            Pause.sleep(hold)
            _ = try session.link.setModemLines(rts: false, dtr: false)
            return true
        } catch {
            throw Session.transportError(error)
        }
    }

    private func listen(until deadline: ContinuousClock.Instant) throws -> Bool {
        while clock.now < deadline {
            if try session.linkCheck(timeout: session.timeouts.linkCheckInterval) {
                // Later LinkChecks are answered too; drop those replies (bk7231tools linking.py; BK7231GUIFlashTool BK7231Flasher.cs: drain ~10 ms).
                session.drainInput(quiet: .milliseconds(10), limit: .milliseconds(200))
                return true
            }
        }
        return false
    }

    private func listenWithCountdown(until deadline: ContinuousClock.Instant) throws -> Bool {
        while clock.now < deadline {
            let left = deadline - clock.now
            events(.resetPrompt(secondsLeft: Int(seconds(left).rounded(.up))))
            let nextTick = min(deadline, clock.now.advanced(by: .seconds(1)))
            if try listen(until: nextTick) { return true }
        }
        return false
    }
}

