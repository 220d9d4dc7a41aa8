import Foundation
import Testing
@testable import SerialLink

@Suite struct PseudoTerminalTests {
    /// Every byte value, including CR, LF, XON, XOFF and ^C, which a cooked tty would change or swallow.
    static let allBytes: [UInt8] = Array(0...255) + [0x0D, 0x0A, 0x11, 0x13, 0x03, 0x0D, 0x0A]

    @Test func masterToSlaveCarriesEveryByteUnchanged() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        try pty.masterLink.write(Self.allBytes)
        #expect(try port.read(exactly: Self.allBytes.count, timeout: .seconds(5)) == Self.allBytes)
    }

    @Test func slaveToMasterCarriesEveryByteUnchanged() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        try port.write(Self.allBytes)
        #expect(try pty.read(exactly: Self.allBytes.count, timeout: .seconds(5)) == Self.allBytes)
    }

    @Test func largeTransferBothWays() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        let block = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        let writer = Thread { try? port.write(block) }
        writer.start()
        #expect(try pty.read(exactly: block.count, timeout: .seconds(10)) == block)
        let back = Thread { try? pty.write(block) }
        back.start()
        #expect(try port.read(exactly: block.count, timeout: .seconds(10)) == block)
    }

    @Test func readTimesOutWithNothingAndNoClient() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        #expect(try pty.read(upTo: 16, timeout: .milliseconds(30)).isEmpty)
    }

    @Test(arguments: [115_200, 921_600, 1_500_000, 2_000_000, 1_234_567, 250_000])
    func masterSeesTheRateTheClientSet(baud: Int) throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        try port.setBaudRate(baud)
        #expect(port.baudRate == baud)
        #expect(pty.peerBaudRate() == baud)
        #expect(pty.masterLink.baudRate == baud)
    }

    @Test func rateChangesBackToStandardAfterCustom() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath, baudRate: 1_234_567)
        defer { port.close() }
        #expect(pty.peerBaudRate() == 1_234_567)
        try port.setBaudRate(115_200)
        #expect(pty.peerBaudRate() == 115_200)
    }

    @Test func modemLineCallsOnAPtyReportFalseInsteadOfThrowing() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        #expect(try port.setModemLines(rts: true, dtr: false) == false)
        #expect(try port.setModemLines(rts: nil, dtr: true) == false)
        #expect(try pty.setModemLines(rts: false, dtr: false) == false)
        #expect(pty.peerModemLines() == nil)
    }

    @Test func slaveCanBeReopenedAfterAnExclusiveClientCloses() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let first = try SerialPort(path: pty.slavePath)
        first.close()
        let second = try SerialPort(path: pty.slavePath)
        defer { second.close() }
        try pty.write([0x42])
        #expect(try second.read(upTo: 1, timeout: .seconds(5)) == [0x42])
    }

    @Test func discardInputDropsWhatTheClientSent() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        try port.write([1, 2, 3])
        try port.drain()
        // Wait until the bytes are in the master's queue, then drop them.
        #expect(try pty.read(upTo: 1, timeout: .seconds(5)) == [1])
        try pty.discardInput()
        try port.write([9])
        #expect(try pty.read(upTo: 8, timeout: .seconds(5)) == [9])
    }

    @Test func descriptionNamesTheSlave() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        #expect(pty.slavePath.hasPrefix("/dev/"))
        #expect(pty.description == "pty \(pty.slavePath)")
    }

    @Test func readAfterCloseThrowsClosed() throws {
        let pty = try PseudoTerminal()
        pty.close()
        let error = #expect(throws: LinkError.self) { try pty.read(upTo: 1, timeout: .zero) }
        #expect(error?.kind == .closed)
    }
}

@Suite struct PseudoTerminalSetupTests {
    @Test func slaveIsRawBeforeAnyClientConfiguresIt() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let fd = open(pty.slavePath, O_RDWR | O_NOCTTY | O_NONBLOCK)
        #expect(fd >= 0)
        defer { _ = close(fd) }
        var settings = termios()
        #expect(tcgetattr(fd, &settings) == 0)
        #expect(settings.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        #expect(settings.c_oflag & tcflag_t(OPOST) == 0)
        #expect(settings.c_iflag & tcflag_t(ICRNL | IXON) == 0)
        // Bytes a cooked tty would translate or act on reach a plain reader unchanged.
        try pty.write([0x0D, 0x0A, 0x03, 0x11, 0x13, 0x7F])
        var buffer = [UInt8](repeating: 0, count: 16)
        var pollEntry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pollEntry, 1, 5000) == 1)
        let count = buffer.withUnsafeMutableBytes { System.read(fd, $0.baseAddress!, 16) }
        #expect(Array(buffer.prefix(max(count, 0))) == [0x0D, 0x0A, 0x03, 0x11, 0x13, 0x7F])
    }

    @Test func linkPathPointsToTheSlaveUntilClose() throws {
        let linkPath = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-pty-\(UUID().uuidString)").path
        let pty = try PseudoTerminal(linkPath: linkPath)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linkPath) == pty.slavePath)
        let port = try SerialPort(path: linkPath)
        try port.write([0xA5])
        #expect(try pty.read(upTo: 1, timeout: .seconds(5)) == [0xA5])
        port.close()
        pty.close()
        #expect(!FileManager.default.fileExists(atPath: linkPath))
    }

    @Test func linkPathNeverReplacesARegularFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-file-\(UUID().uuidString)")
        try Data([1, 2, 3]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: LinkError.self) { try PseudoTerminal(linkPath: file.path) }
        #expect(try Data(contentsOf: file) == Data([1, 2, 3]))
    }
}
