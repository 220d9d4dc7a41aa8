import Foundation

/// Stops a long flasher operation from another thread or task (Ctrl-C, a UI's Cancel button). The flasher checks
/// it before every command it sends and while it waits for a reply, and then throws `FlasherError` with code
/// `.cancelled` carrying the ranges proven so far (`FlasherError.verifiedRanges`).
public final class CancellationHandle: @unchecked Sendable {
    private let state = NSLock()
    private var cancelled = false  // guarded by `state`

    public init() {}

    /// Asks the operation to stop at its next command boundary; safe from any thread, idempotent.
    public func cancel() { state.withLock { cancelled = true } }

    public var isCancelled: Bool { state.withLock { cancelled } }

    /// Throws the cancellation error once `cancel()` was called.
    public func check() throws {
        if isCancelled { throw FlasherError(.cancelled, "cancelled", hint: .none) }
    }
}
