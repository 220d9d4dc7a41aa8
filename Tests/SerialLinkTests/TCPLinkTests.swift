import Foundation
import Testing
@testable import SerialLink

@Suite struct TCPLinkTests {
    @Test func roundTripThroughALoopbackEchoServer() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let server = Thread { echo(listener.accept()) }
        server.start()
        let link = try openLink(url: "socket://127.0.0.1:\(listener.port)", baud: 115_200)
        defer { link.close() }
        #expect(link is TCPLink)
        #expect(link.description == "socket://127.0.0.1:\(listener.port)")
        let bytes = PseudoTerminalTests.allBytes + (0..<20_000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        try link.write(bytes)
        #expect(try link.read(exactly: bytes.count, timeout: .seconds(10)) == bytes)
    }

    @Test func baudChangeIsRecordedAndModemLinesAreAbsent() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let server = Thread { echo(listener.accept()) }
        server.start()
        let link = try TCPLink(host: "127.0.0.1", port: listener.port)
        defer { link.close() }
        try link.setBaudRate(1_500_000)
        #expect(link.baudRate == 1_500_000)
        #expect(try link.setModemLines(rts: true, dtr: true) == false)
        #expect(try link.read(upTo: 8, timeout: .milliseconds(20)).isEmpty)
    }

    @Test func serverHangingUpIsReportedAsDisconnected() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let server = Thread {
            let client = listener.accept()
            _ = [UInt8]([0x55]).withUnsafeBytes { send(client, $0.baseAddress, 1, 0) }
            _ = close(client)
        }
        server.start()
        let link = try TCPLink(host: "127.0.0.1", port: listener.port)
        defer { link.close() }
        #expect(try link.read(upTo: 8, timeout: .seconds(5)) == [0x55])
        let error = #expect(throws: LinkError.self) { try link.read(upTo: 8, timeout: .seconds(5)) }
        #expect(error?.kind == .disconnected)
    }

    @Test func refusedConnectionSaysSo() throws {
        let listener = try LoopbackListener()
        let port = listener.port
        listener.close()
        let error = #expect(throws: LinkError.self) { try TCPLink(host: "127.0.0.1", port: port) }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message.contains("ser2net") == true)
    }

    @Test(arguments: ["socket://", "socket://host", "socket://host:0", "socket://host:99999", "socket://:2000"])
    func malformedURLsAreRejected(url: String) {
        let error = #expect(throws: LinkError.self) { try TCPLink.parse(url: url) }
        #expect(error?.kind == .invalidURL)
    }

    @Test func urlsParse() throws {
        #expect(try TCPLink.parse(url: "socket://192.168.1.20:2000") == ("192.168.1.20", 2000))
        #expect(try TCPLink.parse(url: "socket://[::1]:4000") == ("::1", 4000))
        #expect(try TCPLink.parse(url: "SOCKET://ser2net.local:3333/") == ("ser2net.local", 3333))
    }

    @Test func openLinkPicksTheTransportByURL() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let link = try openLink(url: pty.slavePath, baud: 921_600)
        defer { link.close() }
        #expect(link is SerialPort)
        #expect(pty.peerBaudRate() == 921_600)
        let unsupported = #expect(throws: LinkError.self) { try openLink(url: "ftp://127.0.0.1:2000") }
        #expect(unsupported?.kind == .invalidURL)
        let missing = #expect(throws: LinkError.self) { try openLink(url: "/dev/ttyACM-bktool-missing") }
        #expect(missing?.kind == .notFound)
    }
}
