import ArgumentParser
import Foundation
import OpenBekenLAN

/// `bktool obk scan RANGE`: OpenBeken and Tasmota devices in an address range.
struct OBKScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find OpenBeken (and Tasmota) devices in an address range.",
        discussion: """
            RANGE is CIDR (192.168.1.0/24) or FIRST-LAST (192.168.1.10-192.168.1.60, or 192.168.1.10-60). \
            Prints IP, name, chip, build and MAC; --json prints a device list that `obk backup` and `obk ota` \
            take as --from FILE.
            """)

    @Argument(help: "CIDR or FIRST-LAST.")
    var range: String

    @Option(help: "The web server port to probe.")
    var port: UInt16 = DeviceAddress.defaultPort

    @Option(help: "Addresses probed at once.")
    var concurrency = 32

    @Option(help: "Seconds per address.")
    var timeout: Double = 2

    @Option(help: "OpenBeken's web password (for devices that have one).")
    var password: String?

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let range: String
        let scanned: Int
        let seconds: Double
        let devices: [NetworkScan.Found]
    }

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1...256") }
        guard timeout > 0, timeout <= 60 else { throw ValidationError("--timeout must be between 0 and 60 seconds") }
        guard port > 0 else { throw ValidationError("--port must be 1...65535") }
    }

    func run() async throws {
        let addresses = try AddressRange(parsing: range)
        let scan = NetworkScan(range: addresses, port: port, concurrency: concurrency,
                               timeout: .milliseconds(Int(timeout * 1000)), password: password)
        let started = Date()
        // --json prints one document (the device list `--from` reads), so no progress lines then.
        let progress = SharedProgress(output.json ? ProgressRenderer(mode: .silent) : ProgressRenderer(options: output))
        progress.begin("scanning \(addresses.count) addresses", total: addresses.count)
        let found = scan.run { done in progress.update(done: done) }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        if output.json {
            JSONOutput.emit(Report(range: range, scanned: addresses.count, seconds: (seconds * 100).rounded() / 100,
                                   devices: found))
            return
        }
        var rows = [["IP", "kind", "name", "chip", "build", "MAC"]]
        rows += found.map { [$0.port == 80 ? $0.ip : "\($0.ip):\($0.port)", $0.kind.rawValue, $0.name, $0.chip, $0.build, $0.mac] }
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            text += zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        let openBeken = found.filter { $0.kind == .openBeken }.count
        text += String(format: "%d OpenBeken, %d Tasmota among %d addresses (%.1f s)\n",
                       openBeken, found.count - openBeken, addresses.count, seconds)
        Terminal.writeOutput(text)
    }
}

/// A progress renderer that worker threads may update (one at a time).
final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let renderer: ProgressRenderer

    init(_ renderer: ProgressRenderer) { self.renderer = renderer }

    func begin(_ task: String, total: Int) { lock.withLock { renderer.begin(task, total: total) } }
    func update(done: Int) { lock.withLock { renderer.update(done: done) } }
    func finish() { lock.withLock { renderer.finish() } }
}
