import Foundation
import Testing
@testable import SerialLink

@Suite struct SerialPortTests {
    @Test func missingPortIsNotFoundWithAHint() throws {
        let error = #expect(throws: LinkError.self) { try SerialPort(path: "/dev/ttyUSB-bktool-missing") }
        #expect(error?.kind == .notFound)
        #expect(error?.path == "/dev/ttyUSB-bktool-missing")
        #expect(error?.errno == ENOENT)
        #expect(error?.message == "port /dev/ttyUSB-bktool-missing does not exist: check the adapter is plugged in")
    }

    @Test func aRegularFileIsNotASerialPort() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-not-a-tty-\(getpid())")
        try Data([0]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = #expect(throws: LinkError.self) { try SerialPort(path: file.path) }
        #expect(error?.kind == .notATerminal)
    }

    @Test func permissionMessageNamesTheFix() {
        let error = LinkError.opening("/dev/ttyUSB0", errno: EACCES)
        #expect(error.kind == .permissionDenied)
        #if os(Linux)
        #expect(error.message.contains("dialout"))
        #endif
        #expect(LinkError.opening("/dev/ttyUSB0", errno: EBUSY).kind == .busy)
    }

    @Test func zeroBaudIsRejected() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        defer { port.close() }
        let error = #expect(throws: LinkError.self) { try port.setBaudRate(0) }
        #expect(error?.kind == .unsupportedBaud)
        #expect(port.baudRate == 115_200)
    }

    @Test func writeAfterCloseThrowsClosed() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort(path: pty.slavePath)
        port.close()
        port.close()
        let error = #expect(throws: LinkError.self) { try port.write([1]) }
        #expect(error?.kind == .closed)
    }
}
