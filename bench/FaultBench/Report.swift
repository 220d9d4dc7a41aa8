import Foundation

enum Statistics {
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Runs jobs on a few threads (trials block on the flasher and mostly sleep on the paced wire).
struct BenchJob: Sendable {
    let cell: Int
    let trial: Int
}

final class WorkPool: @unchecked Sendable {
    private let lock = NSLock()
    private let jobs: [BenchJob]
    private var next = 0
    private(set) var results: [[TrialResult]]

    init(jobs: [BenchJob], count: Int) {
        self.jobs = jobs
        results = Array(repeating: [], count: count)
    }

    /// Called (under the pool's lock) with a cell's index and results once all its trials are in.
    var onCellDone: @Sendable (Int, [TrialResult]) -> Void = { _, _ in }
    var trialsPerCell: [Int] = []

    func run(threads: Int, _ body: @escaping @Sendable (BenchJob) -> TrialResult) {
        let group = DispatchGroup()
        for _ in 0 ..< max(1, threads) {
            group.enter()
            let thread = Thread { [self] in
                while let job = take() {
                    let result = body(job)
                    lock.lock()
                    results[job.cell].append(result)
                    if job.cell < trialsPerCell.count, results[job.cell].count == trialsPerCell[job.cell] {
                        onCellDone(job.cell, results[job.cell])
                    }
                    let done = results.reduce(0) { $0 + $1.count }
                    lock.unlock()
                    progress(done, job, result)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// One line per finished trial (a log or CI console shows each; no carriage returns).
    var describe: @Sendable (BenchJob) -> String = { "cell \($0.cell) trial \($0.trial)" }

    private func progress(_ done: Int, _ job: BenchJob, _ result: TrialResult) {
        let line = "\(done)/\(jobs.count) trials: \(describe(job)) \(result.outcome.rawValue)"
            + "\(result.flashChanged ? ", FLASH CHANGED" : "") in \(String(format: "%.1f", result.seconds)) s\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func take() -> BenchJob? {
        lock.lock()
        defer { lock.unlock() }
        guard next < jobs.count else { return nil }
        next += 1
        return jobs[next - 1]
    }
}

/// The printed matrix.
struct Report {
    let cells: [Cell]
    let results: [[TrialResult]]
    let baseline: [Operation: Double]

    var silentCorruptions: Int {
        results.reduce(0) { $0 + $1.filter { $0.outcome == .silentCorruption }.count }
    }

    var flashChanges: Int {
        results.reduce(0) { $0 + $1.filter(\.flashChanged).count }
    }

    /// Rows whose must-show expectation did not hold, as text (issue 18 "Must show").
    var mustShowFailures: [String] {
        var failures: [String] = []
        for (index, cell) in cells.enumerated() {
            let rows = results[index]
            let name = "\(cell.operation.rawValue) \(cell.kind) \(cell.level)"
            let verified = rows.filter { $0.outcome == .verified }.count
            let base = baseline[cell.operation] ?? .nan
            let slowest = rows.map(\.seconds).max() ?? 0
            switch cell.expectation {
            case .nothingMore:
                break
            case .neverSucceeds:
                if verified > 0 { failures.append("\(name): reported success") }
            case .allVerified:
                if verified < rows.count { failures.append("\(name): \(verified)/\(rows.count) verified") }
            case .verified(let factor):
                if verified < rows.count || !(slowest <= factor * base) {
                    failures.append("\(name): \(verified)/\(rows.count) verified, slowest \(String(format: "%.1f", slowest)) s "
                        + "vs \(String(format: "%g", factor)) × \(String(format: "%.1f", base)) s")
                }
            case .verifiedOrNamedFailure:
                let unnamed = rows.filter { $0.outcome == .cleanFailure && !($0.namesRanges && $0.suggestsLowerRate) }
                if verified + rows.filter({ $0.outcome == .cleanFailure }).count < rows.count || !unnamed.isEmpty {
                    failures.append("\(name): \(unnamed.count) failure(s) without the verified ranges or a lower-rate hint")
                }
            }
        }
        return failures
    }

    func markdown(header: String) -> String {
        var lines = ["## \(header)", "",
                     "| op | fault | rate / trigger | trials | verified | clean failures | silent corruptions | flash changed | median s | × fault-free | slowest × | limit |",
                     "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for (index, cell) in cells.enumerated() {
            let rows = results[index]
            let count = { (outcome: Outcome) in rows.filter { $0.outcome == outcome }.count }
            let median = Statistics.median(rows.map(\.seconds))
            let slowest = rows.map(\.seconds).max() ?? .nan
            let base = baseline[cell.operation] ?? .nan
            lines.append("| \(cell.operation.rawValue) | \(cell.kind) | \(cell.level) | \(rows.count) | \(count(.verified)) | "
                + "\(count(.cleanFailure)) | \(count(.silentCorruption)) | \(rows.filter(\.flashChanged).count) | "
                + "\(String(format: "%.2f", median)) | \(String(format: "%.2f", median / base)) | "
                + "\(String(format: "%.2f", slowest / base)) | \(cell.expectation.label) |")
        }
        let errors = cells.indices.compactMap { index in
            results[index].compactMap(\.error).first.map { error in
                "- \(cells[index].operation.rawValue) \(cells[index].kind) \(cells[index].level): \(error.prefix(400))"
            }
        }
        if !errors.isEmpty { lines += ["", "Errors seen (first per row):"] + errors }
        return lines.joined(separator: "\n")
    }
}

extension Expectation {
    /// The limit column of the table.
    var label: String {
        switch self {
        case .nothingMore: "-"
        case .verified(let factor): "all verified, ≤ \(String(format: "%g", factor)) ×"
        case .allVerified: "all verified"
        case .verifiedOrNamedFailure: "verified or named failure"
        case .neverSucceeds: "never succeeds"
        }
    }
}
