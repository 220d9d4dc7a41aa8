import Foundation
import Testing
@testable import SerialLink

/// pyserial (what ltchiptool and bk7231tools use) as the client of a PseudoTerminal: the peers see the pty the
/// way the virtual chip serves it. Runs when BKTOOL_PEERS_BIN holds a Python with pyserial (scripts/test.sh sets it).
@Suite struct PySerialInteropTests {
    static let python: String? = {
        guard let bin = ProcessInfo.processInfo.environment["BKTOOL_PEERS_BIN"] else { return nil }
        let path = bin + "/python3"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static let client = """
    import sys, serial
    port = serial.Serial(sys.argv[1], 115200, timeout=10)
    port.baudrate = int(sys.argv[2])
    port.write(bytes(range(256)))
    port.flush()
    sys.stdout.write(port.read(256).hex())
    """

    @Test(.enabled(if: python != nil, "needs BKTOOL_PEERS_BIN with pyserial"), arguments: [1_500_000, 2_000_000, 1_234_567])
    func pyserialClientRateAndBytesReachTheMaster(baud: Int) throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", Self.client, pty.slavePath, String(baud)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let received = try pty.read(exactly: 256, timeout: .seconds(20))
        #expect(received == Array(0...255))
        #expect(pty.peerBaudRate() == baud)
        try pty.write(received.reversed())
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text == Array(Array(0...255).reversed()).map { String(format: "%02x", $0) }.joined())
    }
}
