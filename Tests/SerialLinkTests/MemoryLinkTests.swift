import Foundation
import Testing
@testable import SerialLink

@Suite struct MemoryLinkTests {
    @Test func bytesWrittenOnOneEndAreReadOnTheOther() throws {
        let (host, device) = MemoryLink.pair()
        try host.write([0x01, 0xE0, 0xFC, 0x01, 0x00])
        #expect(try device.read(upTo: 64, timeout: .seconds(1)) == [0x01, 0xE0, 0xFC, 0x01, 0x00])
        try device.write([0x04, 0x0E, 0x05])
        #expect(try host.read(upTo: 2, timeout: .seconds(1)) == [0x04, 0x0E])
        #expect(try host.read(upTo: 2, timeout: .seconds(1)) == [0x05])
    }

    @Test func readReturnsEmptyWhenNothingArrives() throws {
        let (host, _) = MemoryLink.pair()
        #expect(try host.read(upTo: 16, timeout: .milliseconds(20)).isEmpty)
        #expect(try host.read(upTo: 16, timeout: .zero).isEmpty)
    }

    @Test func blockedReadWakesWhenAnotherThreadWrites() throws {
        let (host, device) = MemoryLink.pair()
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            try? device.write(Array(0...255))
        }
        writer.start()
        let received = try host.read(exactly: 256, timeout: .seconds(5))
        #expect(received == Array(0...255))
    }

    @Test func baudRateAndModemLinesAreVisibleToThePeer() throws {
        let (host, device) = MemoryLink.pair(baudRate: 115_200)
        #expect(device.peerBaudRate() == 115_200)
        try host.setBaudRate(1_500_000)
        #expect(host.baudRate == 1_500_000)
        #expect(device.peerBaudRate() == 1_500_000)
        #expect(device.baudRate == 115_200)
        #expect(try host.setModemLines(rts: true, dtr: nil))
        #expect(device.peerModemLines() == ModemLines(rts: true, dtr: false))
        try host.setModemLines(rts: nil, dtr: true)
        #expect(device.peerModemLines() == ModemLines(rts: true, dtr: true))
    }

    @Test func discardInputDropsPendingBytes() throws {
        let (host, device) = MemoryLink.pair()
        try host.write([1, 2, 3])
        #expect(device.pendingInputCount == 3)
        try device.discardInput()
        #expect(try device.read(upTo: 8, timeout: .milliseconds(10)).isEmpty)
    }

    @Test func closingEndsBothSides() throws {
        let (host, device) = MemoryLink.pair()
        try host.write([7])
        host.close()
        let afterClose = #expect(throws: LinkError.self) { try host.read(upTo: 1, timeout: .zero) }
        #expect(afterClose?.kind == .closed)
        #expect(try device.read(upTo: 4, timeout: .seconds(1)) == [7])
        let peerGone = #expect(throws: LinkError.self) { try device.read(upTo: 1, timeout: .seconds(1)) }
        #expect(peerGone?.kind == .disconnected)
        let writeToGone = #expect(throws: LinkError.self) { try device.write([1]) }
        #expect(writeToGone?.kind == .disconnected)
    }
}
