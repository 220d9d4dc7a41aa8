import BekenChips
import BekenFlasher
import BekenText

/// Shows flasher events through a ProgressRenderer: bars for transfers, lines for baud changes, retries and
/// reset prompts (with a countdown), JSON lines with `--json`.
final class FlasherEventRenderer {
    let renderer: ProgressRenderer
    private var lastPromptSeconds = -1

    init(renderer: ProgressRenderer) { self.renderer = renderer }

    func handle(_ event: FlasherEvent) {
        switch event {
        case .resetStrategy(let name):
            if name != "listen" { renderer.note("waiting for the chip: trying \(name)…", kind: "reset") }
        case .resetPrompt(let secondsLeft):
            let message = resetPromptText
            // Every second on a terminal, every 5 s elsewhere.
            if renderer.mode == .bar || secondsLeft % 5 == 0 || lastPromptSeconds < 0 {
                renderer.countdown("\(message) — \(secondsLeft) s left", secondsLeft: secondsLeft)
            }
            lastPromptSeconds = secondsLeft
        case .linked:
            if lastPromptSeconds >= 0 { renderer.endCountdown() }
            lastPromptSeconds = -1
        case .baudChanged:
            break
        case .baudFallback(let from, let to, let reason):
            renderer.note("\(from) baud failed (\(reason)); continuing at \(to) baud", kind: "baud-fallback")
        case .started(let task, let total):
            renderer.begin(task.rawValue, total: total)
        case .progress(_, let done):
            renderer.update(done: done)
        case .verifying, .verified:
            break
        case .finished:
            renderer.finish()
        case .retry(let operation, let address, let attempt, let reason):
            let place = address.map { " at \(hexAddress($0))" } ?? ""
            renderer.note("retrying \(operation)\(place) (attempt \(attempt)): \(reason.text)", kind: "retry")
        case .notice(let notice):
            renderer.note(notice.text)
        }
    }
}
