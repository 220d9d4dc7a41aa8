import BekenEmulator
import Foundation
import SerialLink
import Testing

@Suite("The virtual chip's firmware log", .serialized)
struct FirmwareConsoleTests {
    /// Reads from `link` until `enough` says so or `limit` passes; returns the bytes.
    func read(_ link: MemoryLink, for limit: Duration, until enough: ([UInt8]) -> Bool = { _ in false }) throws -> [UInt8] {
        let clock = ContinuousClock()
        let end = clock.now + limit
        var bytes: [UInt8] = []
        while clock.now < end, !enough(bytes) {
            bytes += try link.read(upTo: 4096, timeout: .milliseconds(20))
        }
        return bytes
    }

    func printable(_ bytes: [UInt8]) -> Double {
        guard !bytes.isEmpty else { return 0 }
        return Double(bytes.filter { (0x20...0x7E).contains($0) || $0 == 0x0A || $0 == 0x0D }.count) / Double(bytes.count)
    }

    static let lines = FirmwareRun(output: [
        .init(after: .zero, line: "V:BK7231N_1.0.1 REG:cpsr"),
        .init(after: .milliseconds(10), line: "Info:MAIN:hello from the app"),
    ], heartbeat: .init(interval: .milliseconds(200)) { Array("Info:MAIN:Time \($0)\r\n".utf8) })

    @Test("after the boot window the app prints its lines, then a heartbeat; a reset prints them again")
    func printsAfterEachBoot() throws {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, initialState: .bootWindow)
        configuration.firmware = { _ in Self.lines }
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer { server.stop() }
        let first = String(decoding: try read(host, for: .seconds(3)) {
            String(decoding: $0, as: UTF8.self).contains("Time 0")
        }, as: UTF8.self)
        #expect(first.hasPrefix("V:BK7231N_1.0.1 REG:cpsr\r\nInfo:MAIN:hello from the app\r\n"), "\(first)")
        chip.resetNow()
        let again = String(decoding: try read(host, for: .seconds(3)) {
            String(decoding: $0, as: UTF8.self).contains("hello")
        }, as: UTF8.self)
        #expect(again.contains("V:BK7231N_1.0.1"), "printed again after the reset: \(again)")
    }

    @Test("a LinkCheck in the boot window still latches download mode, and nothing is printed then")
    func downloadModeStaysSilent() throws {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, initialState: .bootWindow)
        configuration.firmware = { _ in Self.lines }
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer { server.stop() }
        try host.write(linkCheck)
        let reply = try read(host, for: .milliseconds(300)) { $0.count >= linkCheckReply.count }
        #expect(reply == linkCheckReply)
        #expect(try read(host, for: .milliseconds(500)).isEmpty, "download mode prints no log")
        #expect(chip.runState == .downloadMode)
    }

    @Test("--fault boot-loop: the chip resets itself every period and counts the short runs")
    func bootLoop() throws {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, initialState: .applicationRunning)
        configuration.faults = try FaultPlan(specs: ["boot-loop=0.4"])
        let seen = ShortRunLog()
        configuration.firmware = { boot in
            seen.append(boot.shortRunsInARow)
            return Self.lines
        }
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer { server.stop() }
        _ = try read(host, for: .milliseconds(1500))
        #expect(chip.resetCount >= 3)
        let runs = seen.values
        #expect(runs.count >= 3 && runs.prefix(3) == [0, 1, 2], "\(runs)")
    }

    @Test("a log at 921600 read at 115200 is garbage; at 921600 it is the text")
    func otherRate() throws {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, initialState: .applicationRunning)
        configuration.firmware = { _ in
            var run = FirmwareRun(output: (0..<20).map { .init(after: .milliseconds(5), line: "Info:MAIN:line \($0) of the log") })
            run.baudRate = 921_600
            return run
        }
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip, baudRate: 115_200)
        defer { server.stop() }
        let garbage = try read(host, for: .milliseconds(600))
        #expect(!garbage.isEmpty && printable(garbage) < 0.6, "\(garbage.prefix(32))")
        try host.setBaudRate(921_600)
        chip.resetNow()
        let text = String(decoding: try read(host, for: .seconds(2)) {
            String(decoding: $0, as: UTF8.self).contains("line 19")
        }, as: UTF8.self)
        #expect(text.contains("Info:MAIN:line 0 of the log\r\n"))
    }

    @Test("UARTResampler: same rate passes bytes through; 8× faster sender gives few, unprintable bytes")
    func resampler() {
        let text = Array("Info:MAIN:Time 12, idle 0/s, free 81232\r\n".utf8)
        #expect(UARTResampler.received(text, sentAt: 115_200, receivedAt: 115_200) == text)
        let slow = UARTResampler.received(text, sentAt: 921_600, receivedAt: 115_200)
        #expect(slow.count <= text.count / 4 + 1 && printable(slow) < 0.6, "\(slow)")
        let fast = UARTResampler.received(text, sentAt: 115_200, receivedAt: 921_600)
        #expect(printable(fast) < 0.6 && fast != text)
    }
}

final class ShortRunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int] = []
    func append(_ value: Int) { lock.withLock { runs.append(value) } }
    var values: [Int] { lock.withLock { runs } }
}
