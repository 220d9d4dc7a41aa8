import BekenFlasher
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CLI's one SIGINT/SIGTERM mechanism: once armed, Ctrl-C cancels `handle`, which every flasher the CLI
/// opens checks at each command boundary; the command then unwinds (a half-written backup is removed, the
/// progress is kept) and reports exit code 130. A second Ctrl-C exits at once. Commands that never arm it keep
/// the default behaviour (the process ends).
enum Interrupt {
    static let handle = CancellationHandle()
    private static let state = State()

    /// Replaces the default SIGINT/SIGTERM action (idempotent).
    static func arm() {
        state.installOnce {
            [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    if handle.isCancelled {
                        // The second interrupt: the user does not want to wait for the command boundary.
                        Terminal.writeError("\ninterrupted again; exiting now\n")
                        exit(CLIFailure.Kind.interrupted.exitCode)
                    }
                    handle.cancel()
                    state.notifyWaiters()
                }
                source.resume()
                return source
            }
        }
    }

    /// Returns once SIGINT or SIGTERM arrives (for commands that serve until stopped, e.g. `emulate`).
    static func wait() async {
        arm()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.addWaiter(continuation)
        }
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var sources: [any DispatchSourceSignal] = []
        private var waiters: [CheckedContinuation<Void, Never>] = []
        private var fired = false

        func installOnce(_ make: () -> [any DispatchSourceSignal]) {
            lock.withLock { if sources.isEmpty { sources = make() } }
        }

        func addWaiter(_ continuation: CheckedContinuation<Void, Never>) {
            let now = lock.withLock {
                if !fired { waiters.append(continuation) }
                return fired
            }
            if now { continuation.resume() }
        }

        func notifyWaiters() {
            let pending = lock.withLock {
                fired = true
                defer { waiters = [] }
                return waiters
            }
            for waiter in pending { waiter.resume() }
        }
    }
}
