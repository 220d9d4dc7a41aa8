/// The numbered steps of `flash` as a user reads them: "[3/8] Backing up the whole flash" and indented detail
/// lines on stdout; with `--json` a JSON line per step (details go to the final document).
struct StepPrinter {
    let json: Bool
    let total: Int

    struct StepEvent: Encodable {
        let event = "step"
        let step: Int
        let total: Int
        let title: String
    }

    func step(_ number: Int, _ title: String) {
        if json {
            JSONOutput.emit(StepEvent(step: number, total: total, title: title))
        } else {
            Terminal.writeOutput("[\(number)/\(total)] \(title)\n")
        }
    }

    func detail(_ lines: [String]) {
        guard !json else { return }
        Terminal.writeOutput(lines.map { "      \($0)\n" }.joined())
    }

    func detail(_ line: String) { detail([line]) }
}
