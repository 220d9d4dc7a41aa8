import BekenEmulator
import Foundation
import Testing
import BekenTestSupport

// Frames written out byte by byte from bk_idk bl_bk_hci_protocol.h, bl_tra_hcit.c (not through any host encoder, so both sides stay honest).

/// `01 E0 FC len cmd payload` (bk_idk bl_bk_hci_protocol.h).
func shortFrame(_ command: UInt8, _ payload: [UInt8] = []) -> [UInt8] {
    [0x01, 0xE0, 0xFC, UInt8(1 + payload.count), command] + payload
}

/// `01 E0 FC FF F4 len16 op payload` (bk_idk bl_tra_hcit.c, bl_bk_hci_protocol.h); `len16` may be overridden to test length errors.
func longFrame(_ op: UInt8, _ payload: [UInt8], len16: Int? = nil) -> [UInt8] {
    let length = len16 ?? (1 + payload.count)
    return [0x01, 0xE0, 0xFC, 0xFF, 0xF4, UInt8(length & 0xFF), UInt8(length >> 8), op] + payload
}

func le32(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
}

let linkCheck: [UInt8] = [0x01, 0xE0, 0xFC, 0x01, 0x00]
let linkCheckReply: [UInt8] = [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x01, 0x00]

/// Long reply header up to and including op and status (bk_idk bl_bk_hci_protocol.h).
func longReplyHead(_ op: UInt8, status: UInt8, payloadCount: Int) -> [UInt8] {
    let len16 = 2 + payloadCount
    return [0x04, 0x0E, 0xFF, 0x01, 0xE0, 0xFC, 0xF4, UInt8(len16 & 0xFF), UInt8(len16 >> 8), op, status]
}

/// A chip already in download mode with no pacing.
func linkedChip(_ personality: ChipPersonality, flash: [UInt8]? = nil, unprotected: Bool = false) -> VirtualChip {
    var configuration = VirtualChip.Configuration(personality: personality, flash: flash, initialState: .downloadMode)
    if unprotected {
        configuration.statusRegister1 = 0
        configuration.statusRegister2 = 0
    }
    return VirtualChip(configuration: configuration)
}

/// Status byte of a long reply.
func status(of reply: [UInt8]) -> UInt8? { reply.count > 10 ? reply[10] : nil }

/// The real dumps: `shared/dumps` beside the package folder (docs/TESTING.md "Real data").
let dumpsDirectory = SharedDumps.directory

func dump(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: dumpsDirectory.appendingPathComponent(name)))
}

/// Expects equal bytes; on failure says `what` instead of printing both sequences.
func expectSame(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>, _ what: String = "bytes differ",
                sourceLocation: SourceLocation = #_sourceLocation) {
    let equal = a.elementsEqual(b)
    #expect(equal, Comment(rawValue: what), sourceLocation: sourceLocation)
}
