import Foundation

extension OBKClient {
    /// Waits for the device to come back after a reboot was requested: it counts as back once `/api/info`
    /// answers and either the device was seen down in between or its uptime fell below `uptimeBefore`.
    /// Gives up at `limit` with `deviceDidNotReturn`.
    public func waitForReturn(uptimeBefore: Int, limit: Duration, pollEvery: Duration = .milliseconds(300),
                              onPoll: (Duration) -> Void = { _ in }) throws(LANError) -> DeviceInfo {
        let started = ContinuousClock.now
        let deadline = started + limit
        var probe = self
        probe.attempts = 1
        probe.timeout = min(timeout, .seconds(2))
        var seenDown = false
        while ContinuousClock.now < deadline {
            onPoll(ContinuousClock.now - started)
            do {
                let info = try probe.info()
                if seenDown || info.uptimeSeconds < uptimeBefore { return info }
            } catch {
                if error.code == .authenticationRequired || error.code == .authenticationFailed { throw error }
                seenDown = true
            }
            Thread.sleep(forTimeInterval: Double(pollEvery.components.seconds)
                + Double(pollEvery.components.attoseconds) / 1e18)
        }
        throw LANError(.deviceDidNotReturn, [.init("host", address.description), .init("waited", "\(limit.components.seconds) s"),
                                             .init("seenDown", seenDown ? "yes" : "no")],
                       suggestion: .powerCycleAndCheck)
    }
}
