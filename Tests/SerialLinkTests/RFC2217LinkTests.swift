import BekenTestSupport
import Foundation
import Testing
@testable import SerialLink

/// `rfc2217://` against Debian's ser2net serving a pty on 127.0.0.1 (BKTOOL_SER2NET, set by
/// scripts/check-release.sh; without it these tests skip).
@Suite(.serialized) struct RFC2217LinkTests {
    static func ser2net(serving pty: PseudoTerminal) throws -> Ser2net? {
        guard let binary = Ser2net.binary else {
            print("ser2net tests skipped: BKTOOL_SER2NET not set (scripts/check-release.sh sets it)")
            return nil
        }
        return try Ser2net(binary: binary, devicePath: pty.slavePath)
    }

    @Test func rateChangesReachTheRemotePort() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        guard let server = try Self.ser2net(serving: pty) else { return }
        defer { server.stop() }
        let link = try openLink(url: "rfc2217://127.0.0.1:\(server.port)", baud: 115_200)
        defer { link.close() }
        #expect(link is RFC2217Link)
        #expect(link.description == "rfc2217://127.0.0.1:\(server.port)")
        #expect(pty.peerBaudRate() == 115_200)
        for rate in [1_500_000, 921_600, 2_000_000, 115_200] {
            try link.setBaudRate(rate)
            #expect(link.baudRate == rate)
            #expect(pty.peerBaudRate() == rate)
        }
    }

    @Test func everyByteValueCrossesBothWaysEscaped() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        guard let server = try Self.ser2net(serving: pty) else { return }
        defer { server.stop() }
        let link = try RFC2217Link(host: "127.0.0.1", port: server.port, baudRate: 1_500_000)
        defer { link.close() }
        // Runs of 0xFF (Telnet's IAC) and IAC-like sequences (FF FA, FF F0) in both directions.
        let bytes = PseudoTerminalTests.allBytes + [UInt8](repeating: 0xFF, count: 600) + [0xFF, 0xFA, 0x2C, 0xFF, 0xF0]
            + (0..<30_000).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 251) }
        try link.write(bytes)
        #expect(try pty.read(exactly: bytes.count, timeout: .seconds(10)) == bytes)
        try pty.write(bytes)
        #expect(try link.read(exactly: bytes.count, timeout: .seconds(10)) == bytes)
        // Nothing more is pending on either side.
        #expect(try link.read(upTo: 16, timeout: .milliseconds(50)).isEmpty)
        #expect(try pty.read(upTo: 16, timeout: .milliseconds(50)).isEmpty)
    }

    @Test func discardInputDropsWhatArrived() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        guard let server = try Self.ser2net(serving: pty) else { return }
        defer { server.stop() }
        let link = try RFC2217Link(host: "127.0.0.1", port: server.port)
        defer { link.close() }
        try pty.write([1, 2, 3, 0xFF])
        Thread.sleep(forTimeInterval: 0.2)
        try link.discardInput()
        try pty.write([9])
        #expect(try link.read(exactly: 1, timeout: .seconds(5)) == [9])
    }

    @Test func modemLinesOnAPtyAreUnansweredAndReportedAbsent() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        guard let server = try Self.ser2net(serving: pty) else { return }
        defer { server.stop() }
        let link = try RFC2217Link(host: "127.0.0.1", port: server.port)
        defer { link.close() }
        // A pty has no RTS/DTR: ser2net leaves SET-CONTROL unanswered, and the link says the lines are absent.
        #expect(try link.setModemLines(rts: true, dtr: true) == false)
        #expect(try link.setModemLines(rts: false, dtr: false) == false)
        try link.write([0x55, 0xFF])
        #expect(try pty.read(exactly: 2, timeout: .seconds(5)) == [0x55, 0xFF])
    }

    /// A server that answers every COM-PORT-OPTION command (as ser2net does for a real adapter) and records them.
    @Test func resetPulseGoesOutAsSetControlCommands() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let recorder = CommandRecorder()
        let server = Thread { recorder.serve(listener.accept()) }
        server.start()
        let link = try RFC2217Link(host: "127.0.0.1", port: listener.port, baudRate: 115_200)
        #expect(try link.setModemLines(rts: true, dtr: true))
        #expect(try link.setModemLines(rts: true, dtr: false))
        #expect(try link.setModemLines(rts: false, dtr: false))
        try link.setBaudRate(1_500_000)
        link.close()
        let commands = recorder.waitForHangUp()
        // 8 data bits, no parity, 1 stop bit, no flow control, 115 200; then RTS+DTR on, DTR off, RTS off; 1.5M.
        #expect(commands == [[2, 8], [3, 1], [4, 1], [5, 1], [1, 0x00, 0x01, 0xC2, 0x00],
                             [5, 11], [5, 8], [5, 11], [5, 9], [5, 12], [5, 9], [1, 0x00, 0x16, 0xE3, 0x60]])
    }

    @Test func aServerWithoutRFC2217IsNamed() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let server = Thread { echo(listener.accept()) }
        server.start()
        let error = #expect(throws: LinkError.self) {
            try RFC2217Link(host: "127.0.0.1", port: listener.port, replyTimeout: .milliseconds(300))
        }
        #expect(error?.kind == .notATerminal)
        #expect(error?.message.contains("RFC 2217") == true)
    }

    @Test func urlsParse() throws {
        #expect(try TCPLink.parse(url: "rfc2217://192.168.1.20:2217", scheme: RFC2217Link.scheme) == ("192.168.1.20", 2217))
        #expect(try TCPLink.parse(url: "RFC2217://[::1]:4000", scheme: RFC2217Link.scheme) == ("::1", 4000))
        let error = #expect(throws: LinkError.self) { try openLink(url: "rfc2217://127.0.0.1") }
        #expect(error?.kind == .invalidURL)
        #expect(error?.hint.contains("rfc2217://HOST:PORT") == true)
    }
}

/// The server side of RFC 2217 in a few lines: agrees to every option, answers every command with its value.
final class CommandRecorder: @unchecked Sendable {
    private var commands: [[UInt8]] = []
    private let done = DispatchSemaphore(value: 0)

    func serve(_ client: Int32) {
        var decoder = TelnetDecoder()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
            if count <= 0 { break }
            var data: [UInt8] = []
            var answer: [UInt8] = []
            for event in decoder.decode(Array(buffer[0..<count]), into: &data) {
                switch event {
                case .negotiation(let verb, let option):
                    if verb == Telnet.will { answer += Telnet.negotiation(Telnet.do, option) }
                    if verb == Telnet.do { answer += Telnet.negotiation(Telnet.will, option) }
                case .subnegotiation(let option, let payload):
                    guard option == Telnet.comPortOption, let code = payload.first else { continue }
                    commands.append(payload)
                    answer += Telnet.subnegotiation(option, [code + 100] + payload.dropFirst())
                }
            }
            if !answer.isEmpty { _ = answer.withUnsafeBytes { send(client, $0.baseAddress, answer.count, 0) } }
        }
        _ = close(client)
        done.signal()
    }

    func waitForHangUp() -> [[UInt8]] {
        done.wait()
        return commands
    }
}
