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
                    FileHandle.standardError.write(Data("\r\(done)/\(jobs.count) trials".utf8))
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        FileHandle.standardError.write(Data("\n".utf8))
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

    /// Rows whose must-show expectation did not hold, as text.
    var mustShowFailures: [String] {
        var failures: [String] = []
        for (index, cell) in cells.enumerated() {
            let rows = results[index]
            let verified = rows.filter { $0.outcome == .verified }.count
            let base = baseline[cell.operation] ?? .nan
            switch cell.kind {
            case "silence", "sr-stuck", "erase-ignored":
                if verified > 0 { failures.append("\(cell.kind): reported success") }
            case "ceiling":
                if cell.level == "921600", verified < rows.count { failures.append("\(cell.operation) ceiling 921600: not all verified") }
            default:
                guard cell.mustVerifyWithin2x else { continue }
                let slowest = rows.map(\.seconds).max() ?? 0
                if verified < rows.count || slowest > 2 * base {
                    failures.append("\(cell.operation.rawValue) \(cell.kind) \(cell.level): \(verified)/\(rows.count) verified, slowest \(String(format: "%.1f", slowest)) s vs 2 × \(String(format: "%.1f", base)) s")
                }
            }
        }
        return failures
    }

    func markdown(header: String) -> String {
        var lines = ["## \(header)", "",
                     "| op | fault | rate / trigger | trials | verified | clean failures | silent corruptions | median s | × fault-free | slowest × |",
                     "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for (index, cell) in cells.enumerated() {
            let rows = results[index]
            let count = { (outcome: Outcome) in rows.filter { $0.outcome == outcome }.count }
            let median = Statistics.median(rows.map(\.seconds))
            let slowest = rows.map(\.seconds).max() ?? .nan
            let base = baseline[cell.operation] ?? .nan
            lines.append("| \(cell.operation.rawValue) | \(cell.kind) | \(cell.level) | \(rows.count) | \(count(.verified)) | "
                + "\(count(.cleanFailure)) | \(count(.silentCorruption)) | \(String(format: "%.2f", median)) | "
                + "\(String(format: "%.2f", median / base)) | \(String(format: "%.2f", slowest / base)) |")
        }
        lines.append("")
        lines.append("Errors seen (first per row):")
        for (index, cell) in cells.enumerated() {
            if let error = results[index].compactMap(\.error).first {
                lines.append("- \(cell.operation.rawValue) \(cell.kind) \(cell.level): \(error.prefix(400))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
