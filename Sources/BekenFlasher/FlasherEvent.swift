/// Long operations a progress bar can show.
public enum FlasherTask: String, Sendable {
    case read = "Reading"
    case erase = "Erasing"
    case write = "Writing"
    case verify = "Verifying"
}

/// Progress and status events (espflash's progress protocol: init, update, verifying, finish(skipped:), plus the
/// link events users need to see). Delivered synchronously on the flasher's thread; no prose: front ends word them.
public enum FlasherEvent: Sendable, Equatable {
    /// A reset strategy is being tried to get the bus.
    case resetStrategy(name: String)
    /// Waiting for a person to reset the chip (CEN to GND, or power); `secondsLeft` counts down once per second.
    case resetPrompt(secondsLeft: Int)
    /// The chip answered LinkCheck.
    case linked(after: Duration)
    /// The transfer rate changed.
    case baudChanged(from: Int, to: Int)
    /// A faster rate failed and a slower one is used instead.
    case baudFallback(from: Int, to: Int, reason: BaudTrouble)
    /// `init`: a task of `total` bytes starts.
    case started(FlasherTask, total: Int)
    /// `update`: `done` of the task's bytes are finished.
    case progress(FlasherTask, done: Int)
    /// `verifying`: the chip is hashing `bytes` bytes.
    case verifying(bytes: Int)
    /// `finish(skipped:)`: the task ended; `skippedBytes` were already identical.
    case finished(FlasherTask, skippedBytes: Int)
    /// A range now holds the new data, proven by the chip's CRC (written and checked, or already identical).
    /// Recording these lets a later run resume an interrupted write.
    case verified(range: Range<Int>)
    /// A command failed and is retried.
    case retry(operation: String, address: Int?, attempt: Int, reason: RetryReason)
    /// Anything else worth a line (unknown bootloader, flash unprotected, …).
    case notice(FlasherNotice)
}

/// Receives events; the CLI renders them, tests record them.
public typealias FlasherEventHandler = (FlasherEvent) -> Void
