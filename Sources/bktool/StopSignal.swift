import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flag raised by Ctrl-C or SIGTERM, for synchronous loops that check it between reads (`monitor`).
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching SIGINT and SIGTERM (their default handlers are replaced, so the loop can finish cleanly).
    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    var isRaised: Bool { lock.withLock { raised } }

    private func raise() { lock.withLock { raised = true } }
}
