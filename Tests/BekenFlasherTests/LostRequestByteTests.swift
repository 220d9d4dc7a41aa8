import BekenChips
import BekenEmulator
import BekenProtocol
import Foundation
import SerialLink
import Testing
@testable import BekenFlasher

/// A modifying request that loses a byte on the way is found out shortly after its reply should have begun, not
/// after its whole deadline (1 s for a sector erase, 3 s for a block): the session pads the frame and sends a
/// LinkCheck behind it (Session.transactPaddingAStalledFrame).
@Suite struct LostRequestByteTests {
    /// The sector erased below, filled with a pattern so an erase shows.
    static let sector: UInt32 = 0x12000

    private func chip() -> (VirtualChip, ChipServer, MemoryLink) {
        var flash = [UInt8](repeating: 0xFF, count: 0x200000)
        for index in 0 ..< 0x20000 { flash[index] = UInt8(truncatingIfNeeded: index &* 7 &+ 1) }
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: flash, initialState: .downloadMode)
        configuration.statusRegister1 = 0  // no block protected: an erase shows
        configuration.statusRegister2 = 0
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        return (chip, server, host)
    }

    /// A 4 KiB erase of `sector` through a link that loses the host bytes at `lost`: the chip, the session (for
    /// what follows) and the error the erase ended with (nil: it did not fail).
    private func eraseLosing(_ lost: Set<Int>) throws -> (VirtualChip, Session, FlasherError?, stop: () -> Void) {
        let (chip, server, host) = chip()
        // The host bytes at `lost` (positions in the whole host stream) never reach the chip.
        let link = RewritingLink(host) { bytes, position in
            bytes.enumerated().filter { !lost.contains(position + $0.offset) }.map(\.element)
        }
        let session = Session(link: link)
        var failure: FlasherError?
        do { try session.flashErase(.sector4K, Self.sector) } catch let error as FlasherError { failure = error }
        return (chip, session, failure, { host.close(); server.stop() })
    }

    private static func isErased(_ chip: VirtualChip, _ address: Int) -> Bool {
        chip.flash[address ..< address + FlashGeometry.sector].allSatisfy { $0 == 0xFF }
    }

    /// FlashErase's first byte (0x01) lost: the chip never starts the frame. It answers the LinkCheck sent behind
    /// the request, so the session reports a lost request (a reply that was heard but was not the erase's) — with
    /// the old wait it was a silent chip, a second later. Nothing was erased, and the link works on.
    @Test func anEraseWhoseFirstByteIsLostIsReportedAsLost() throws {
        let (chip, session, failure, stop) = try eraseLosing([0])
        defer { stop() }
        let error = try #require(failure)
        #expect(error.code == .noResponse && error.replyDamage == .unrecognised, "\(error)")
        #expect(!Self.isErased(chip, Int(Self.sector)))
        #expect(!chip.commandLog.contains { $0.isLong && $0.code == FlashOp.erase.rawValue })
        try session.flashErase(.sector4K, Self.sector)
        #expect(Self.isErased(chip, Int(Self.sector)))
    }

    /// An address byte lost: the chip waits for one more byte, the first pad byte (0xFF) completes the frame, and
    /// its reply echoes the address the chip acted on — named in the error, for the writer to check. The LinkCheck's
    /// answer that follows is taken, so the next LinkCheck is answered by the chip, not by a stale reply.
    @Test func anEraseThatLostAnAddressByteIsCompletedAndNamesWhereItActed() throws {
        // 01 E0 FC FF F4 | 07 00 | 0F 20 | 00 20 01 00: byte 10 is the address's second byte (0x20).
        let (chip, session, failure, stop) = try eraseLosing([10])
        defer { stop() }
        let error = try #require(failure)
        // The chip read 00 01 00 FF: 0xFF000100, in the mirror of sector 0.
        #expect(error.code == .badResponse && error.replyDamage == .echoedAddress(0xFF00_0100), "\(error)")
        #expect(!Self.isErased(chip, Int(Self.sector)))
        let logged = chip.commandLog.count
        #expect(try session.linkCheck(timeout: .milliseconds(200)))
        #expect(chip.commandLog.count == logged + 1, "the chip answered one more LinkCheck")
        try session.flashErase(.sector4K, Self.sector)
        #expect(Self.isErased(chip, Int(Self.sector)))
    }
}
