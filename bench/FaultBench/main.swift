import BekenEmulator
import Foundation

// bench/faults: fault kind × rate × operation against the paced virtual chip (issue 7, docs/TESTING.md timing model).
let usage = """
    usage: bench/faults [--reduced] [--trials N] [--jobs N] [--read-size BYTES] [--write-size BYTES] [--only KIND]
                        [--op read|write] [--level LABEL] [--trial N] [--fail-on corruption,flash-change,limits]
      --level matches the rate/trigger column, e.g. "0.1 %" or "3 per op"; --trial N runs only that trial of each row
      FAULTBENCH_TIMES=1 prints each trial's time; FAULTBENCH_EVENTS=1 the flasher's events;
      Write trials are given the device's backup, as `bktool write-flash --backup` and a conversion are; with
      FAULTBENCH_NO_BACKUP=1 they write without one (a garbled command outside the range is then named, not undone)
    Exits 1 on any silent corruption, any flash change, or any row missing its must-show limit (--fail-on narrows
    which of the three fail the run; all are always printed); 2 on bad options.
    """

func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// The command line, strictly: an unknown option or a value that is not what it should be is an error.
struct BenchArguments {
    static let flags: Set<String> = ["--reduced"]
    static let numbers: Set<String> = ["--trials", "--jobs", "--read-size", "--write-size", "--trial"]
    static let texts: Set<String> = ["--only", "--op", "--level", "--fail-on"]
    static let failures: Set<String> = ["corruption", "flash-change", "limits"]

    var flags: Set<String> = []
    var values: [String: String] = [:]

    init(_ arguments: [String]) throws(BenchArgumentError) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if Self.flags.contains(name) {
                flags.insert(name)
                index += 1
                continue
            }
            guard Self.numbers.contains(name) || Self.texts.contains(name) else {
                throw BenchArgumentError(description: "unknown option '\(name)'")
            }
            guard index + 1 < arguments.count else { throw BenchArgumentError(description: "\(name) needs a value") }
            let value = arguments[index + 1]
            if Self.numbers.contains(name), Int(value).map({ $0 >= (name == "--trial" ? 0 : 1) }) != true {
                throw BenchArgumentError(description: "\(name) takes a positive whole number, not '\(value)'")
            }
            if name == "--op", !["read", "write"].contains(value) {
                throw BenchArgumentError(description: "--op takes read or write, not '\(value)'")
            }
            if name == "--fail-on", !Set(value.split(separator: ",").map(String.init)).isSubset(of: Self.failures) {
                throw BenchArgumentError(description: "--fail-on takes a list of corruption, flash-change, limits, not '\(value)'")
            }
            values[name] = value
            index += 2
        }
    }

    func number(_ name: String) -> Int? { values[name].flatMap { Int($0) } }
}

struct BenchArgumentError: Error, CustomStringConvertible {
    let description: String
}

func runBench(_ commandLine: [String]) -> Int32 {
    if commandLine.contains("--help") || commandLine.contains("-h") {
        print(usage)
        return 0
    }
    let arguments: BenchArguments
    do {
        arguments = try BenchArguments(commandLine)
    } catch {
        log("bench/faults: \(error.description)\n\(usage)")
        return 2
    }
    let reduced = arguments.flags.contains("--reduced")
    let trials = arguments.number("--trials") ?? (reduced ? 2 : 20)
    let jobs = arguments.number("--jobs") ?? 4
    let readSize = arguments.number("--read-size") ?? (reduced ? 0x40000 : 0x20_0000)
    let writeSize = arguments.number("--write-size") ?? (reduced ? 0x20000 : 0x10_0000)
    let only = arguments.values["--only"]
    let onlyOperation = arguments.values["--op"]
    let onlyLevel = arguments.values["--level"]
    let failOn = arguments.values["--fail-on"].map { Set($0.split(separator: ",").map(String.init)) }
        ?? BenchArguments.failures

    var setup = BenchSetup(readSize: readSize, writeSize: writeSize)
    let allCells = Matrix.cells(trials: trials, operations: [.read, .write])

    log("fault bench: \(reduced ? "reduced" : "full") form, \(trials) trials per cell, read \(readSize >> 10) KiB, "
        + "write \(writeSize >> 10) KiB at 0x\(String(setup.writeBase, radix: 16)), BK7231N, \(setup.requestedBaud) baud requested, "
        + "pacing on (docs/TESTING.md timing model: 10 bits/byte, 1 ms turnaround, CRC 440 kB/s, erase 12/150 ms), \(jobs) trials at once, "
        + (setup.writesWithBackup ? "writes given the device's backup (write-flash --backup)" : "writes without a backup"))

    // 1. Fault-free runs: the time to beat and the frame window where resets land.
    var baseline: [Operation: (median: Double, frames: ClosedRange<Int>)] = [:]
    let operations = [Operation.read, .write].filter { onlyOperation == nil || $0.rawValue == onlyOperation }
    for operation in operations {
        var times: [Double] = []
        var window = 1 ... 1
        for index in 0 ..< max(3, min(trials, 5)) {
            let result = Trial.run(operation, faults: Matrix.plan(UInt64(index + 1)), setup: setup)
            guard result.outcome == .verified else {
                log("fault-free \(operation.rawValue) did not verify: \(result.error ?? "?")")
                return 1
            }
            times.append(result.seconds)
            window = (result.framesAtStart + 1) ... max(result.framesAtStart + 1, result.framesAtEnd)
        }
        let median = Statistics.median(times)
        baseline[operation] = (median, window)
        // Rows that cannot finish give up at 3 × the fault-free time (the limit is the flasher's own option).
        setup.timeLimit[operation] = .milliseconds(Int64(median * 3000))
        log("fault-free \(operation.rawValue): median \(String(format: "%.2f", median)) s, operation frames \(window)")
    }

    // 2. Every cell's trials, `jobs` at a time.
    // Seeds follow a cell's place in the whole matrix, so a row run alone (--only/--op/--level) repeats the very
    // trials of the full run.
    let chosen = allCells.enumerated().filter { _, cell in
        (only == nil || cell.kind == only) && (onlyOperation == nil || cell.operation.rawValue == onlyOperation)
            && (onlyLevel == nil || cell.level == onlyLevel)
    }
    let cells = chosen.map(\.element)
    let seedBases = chosen.map { 1000 * ($0.offset + 1) }
    // --trial N: only that trial of each row (with FAULTBENCH_EVENTS=1, to follow one slow or failed trial).
    let onlyTrial = arguments.number("--trial")
    let work = cells.indices.flatMap { cell in
        (0 ..< cells[cell].trials).filter { onlyTrial == nil || $0 == onlyTrial }.map { BenchJob(cell: cell, trial: $0) }
    }
    let pool = WorkPool(jobs: work, count: cells.count)
    let frozenSetup = setup
    let frozenBaseline = baseline.mapValues { $0.frames }
    pool.trialsPerCell = cells.indices.map { cell in work.filter { $0.cell == cell }.count }
    let baselineMedians = baseline.mapValues { $0.median }
    let cellsForLog = cells
    pool.onCellDone = { index, rows in
        // Each finished row at once (a long full run shows progress and keeps what it measured).
        let partial = Report(cells: [cellsForLog[index]], results: [rows], baseline: baselineMedians)
        log("row done: " + (partial.markdown(header: "row").split(separator: "\n").dropFirst(3).first.map(String.init) ?? ""))
    }
    pool.describe = { job in "\(cellsForLog[job.cell].operation.rawValue) \(cellsForLog[job.cell].kind) \(cellsForLog[job.cell].level) #\(job.trial)" }
    pool.run(threads: jobs) { job in
        let cell = cells[job.cell]
        let seed = UInt64(seedBases[job.cell] + job.trial)
        let faults = cell.plan(seed, frozenBaseline[cell.operation] ?? 1 ... 1)
        let result = Trial.run(cell.operation, faults: faults, setup: frozenSetup)
        if ProcessInfo.processInfo.environment["FAULTBENCH_TIMES"] == "1" {
            log("trial \(job.trial) of \(cell.operation.rawValue) \(cell.kind) \(cell.level): \(String(format: "%.2f", result.seconds)) s, \(result.outcome.rawValue)")
        }
        return result
    }

    // 3. The table.
    let report = Report(cells: cells, results: pool.results, baseline: baseline.mapValues { $0.median })
    // The table goes to stdout unbuffered (the verdict follows on stderr: a log that takes both keeps them apart).
    let table = report.markdown(header: "fault bench — \(reduced ? "reduced" : "full") form: \(trials) trials per byte/reset/ceiling cell, "
        + "read \(readSize >> 10) KiB, write \(writeSize >> 10) KiB, 2 000 000 baud requested, pacing on")
    FileHandle.standardOutput.write(Data((table + "\n").utf8))
    let corruptions = report.silentCorruptions
    let changes = report.flashChanges
    let missed = report.mustShowFailures
    log("silent corruptions: \(corruptions); trials that changed flash they must not: \(changes); "
        + "must-show rows: \(missed.isEmpty ? "all pass" : "\(missed.count) missed")")
    for line in missed { log("  MISSED: \(line)") }
    let failed = [("corruption", corruptions > 0, "silent corruption in \(corruptions) trial(s)"),
                  ("flash-change", changes > 0, "the flash changed in \(changes) trial(s)"),
                  ("limits", !missed.isEmpty, "\(missed.count) row(s) missed their must-show limit")]
        .filter { $0.1 }
    for (kind, _, text) in failed { log(failOn.contains(kind) ? "FAIL: \(text)" : "not gating (--fail-on): \(text)") }
    return failed.contains { failOn.contains($0.0) } ? 1 : 0
}

exit(runBench(Array(CommandLine.arguments.dropFirst())))
