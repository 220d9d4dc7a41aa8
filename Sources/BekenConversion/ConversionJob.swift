import BekenFlasher
import Foundation
import SerialLink

/// A conversion driven from Swift concurrency: the blocking runner works on a thread of its own (never the
/// cooperative pool), events arrive as an `AsyncStream`, and cancelling the awaiting task (or `cancel()`, e.g. a
/// UI's Cancel button) stops the flasher at its next command boundary. Only Sendable values cross: the link is
/// opened on the worker thread by `openLink`, the stores are Sendable.
public final class ConversionJob: Sendable {
    public let events: AsyncStream<ConversionEvent>
    public let cancellation: CancellationHandle
    private let outcome = OutcomeBox()

    /// Starts the conversion now. `options.cancellation` is replaced by this job's handle. `observer` and
    /// `finished`, when given, are called on the worker thread (each event before it reaches `events`, then the
    /// result): a consumer that must not depend on the cooperative pool (a server whose handlers block) uses them.
    public init(openLink: @escaping @Sendable () throws -> any Link, options: Flasher.Options,
                settings: ConversionSettings, backups: any BackupStore & Sendable,
                progress: any ProgressStore & Sendable,
                observer: (@Sendable (ConversionEvent) -> Void)? = nil,
                finished: (@Sendable (Result<ConversionResult, any Error>) -> Void)? = nil) {
        let cancellation = CancellationHandle()
        self.cancellation = cancellation
        var options = options
        options.cancellation = cancellation
        let (events, continuation) = AsyncStream.makeStream(of: ConversionEvent.self, bufferingPolicy: .unbounded)
        self.events = events
        let outcome = self.outcome
        let workerOptions = options
        let thread = Thread {
            let result: Result<ConversionResult, any Error>
            do {
                let link = try openLink()
                defer { link.close() }
                let runner = ConversionRunner(link: link, options: workerOptions, settings: settings, backups: backups,
                                              progress: progress) { event in
                    observer?(event)
                    continuation.yield(event)
                }
                result = .success(try runner.run())
            } catch {
                result = .failure(error)
            }
            continuation.finish()
            outcome.finish(result)
            finished?(result)
        }
        thread.name = "conversion"
        thread.start()
    }

    /// Stops the conversion at the flasher's next command boundary (safe from any thread or task).
    public func cancel() { cancellation.cancel() }

    /// The result once the conversion ends; throws `ConversionError` (`.cancelled` with the recorded progress
    /// when stopped). Cancelling the awaiting task cancels the conversion.
    public func result() async throws -> ConversionResult {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in outcome.wait(continuation) }
        } onCancel: { [cancellation] in
            cancellation.cancel()
        }
    }
}

/// The job's result, handed to whoever awaits it (before or after it is known).
final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<ConversionResult, any Error>?
    private var waiting: [CheckedContinuation<ConversionResult, any Error>] = []

    func finish(_ result: Result<ConversionResult, any Error>) {
        let waiters = lock.withLock {
            self.result = result
            defer { waiting = [] }
            return waiting
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    func wait(_ continuation: CheckedContinuation<ConversionResult, any Error>) {
        let known: Result<ConversionResult, any Error>? = lock.withLock {
            if result == nil { waiting.append(continuation) }
            return result
        }
        if let known { continuation.resume(with: known) }
    }
}
