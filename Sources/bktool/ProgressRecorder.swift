import BekenFlasher
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps `flash`'s progress record on disk: every `.verified` range the flasher announces is saved at once, so
/// the record is current whatever stops the run. On Ctrl-C/SIGTERM it says where the progress is and exits 1.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var record: FlashProgressRecord?
    private var url: URL?
    private var saveError: String?
    private var signalSources: [any DispatchSourceSignal] = []
    private var linkedAfter: Duration?
    private var cleanup: (() -> Void)?

    /// Starts recording into `url` (the record is saved now).
    func attach(_ record: FlashProgressRecord, at url: URL) throws {
        try record.save(to: url)
        lock.withLock {
            self.record = record
            self.url = url
        }
    }

    var current: FlashProgressRecord? { lock.withLock { record } }
    var location: URL? { lock.withLock { url } }

    /// The flasher's event hook.
    func observe(_ event: FlasherEvent) {
        switch event {
        case .verified(let range):
            // Only the planned writes count: a range proven for anything else says nothing about the new data.
            update { record in
                for write in record.writes {
                    let part = range.clamped(to: alignedRange(write))
                    if !part.isEmpty { record.addVerified(part) }
                }
            }
        case .linked(let after): lock.withLock { linkedAfter = after }
        default: break
        }
    }

    /// How long getting the bus took (the chip answered LinkCheck after this).
    var timeToLink: Duration? { lock.withLock { linkedAfter } }

    /// Runs on Ctrl-C before exiting (e.g. removes a half-written backup); nil clears it.
    func onInterrupt(_ action: (() -> Void)?) { lock.withLock { cleanup = action } }

    /// Changes and saves the record.
    func update(_ change: (inout FlashProgressRecord) -> Void) {
        lock.withLock {
            guard var changed = record, let url else { return }
            change(&changed)
            record = changed
            do { try changed.save(to: url) } catch { saveError = "\(error)" }
        }
    }

    /// "12 of 290 sectors verified" for messages.
    func progressSentence() -> String? {
        guard let record = current, let url = location else { return nil }
        let sector = 0x1000
        let total = record.writes.reduce(0) { total, write in
            total + (alignedRange(write).count / sector)
        }
        let done = record.writes.reduce(0) { $0 + record.verifiedCount(in: alignedRange($1)) / sector }
        return "progress is saved in \(url.path) (\(done) of \(total) sectors verified)"
    }

    /// Ctrl-C and SIGTERM: say what is on the chip and how to continue, then exit 1.
    func installInterruptHandler() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let message: String
                if let progress = progressSentence() {
                    message = "error: interrupted while writing; \(progress) — hint: run the same command again to resume at the first unverified sector\n"
                } else {
                    message = "error: interrupted before anything was written to the chip — hint: run the command again\n"
                }
                lock.withLock { cleanup }?()
                Terminal.writeError("\n" + message)
                exit(CLIFailure.Kind.operationFailed.rawValue)
            }
            source.resume()
            lock.withLock { signalSources.append(source) }
        }
    }
}

/// The sector-aligned range a planned write covers.
func alignedRange(_ write: FlashProgressRecord.PlannedWrite) -> Range<Int> {
    let sector = 0x1000
    let start = write.address / sector * sector
    let end = (write.address + write.length + sector - 1) / sector * sector
    return start ..< end
}
