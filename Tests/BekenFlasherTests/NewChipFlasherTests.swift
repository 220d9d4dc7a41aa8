import BekenChips
import BekenEmulator
import SerialLink
import Testing
@testable import BekenFlasher

/// The flasher against the issue-13 personalities over a pty: identification, unprotect on the BK7238's Puya parts
/// (bk7231tools #23, PR #29), and the N/M question the eFuse key answers.
@Suite(.serialized) struct NewChipFlasherTests {
    /// 2 MiB of our own bytes; its first 257 bytes are in no bootloader table, so the chip ID names the chip.
    static let image: [UInt8] = (0..<0x20_0000).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 9)) }

    @Test("bk7238 (P25Q16HB): identified by chip ID 0x7238; unprotected with a 1-byte WriteSR; write verified")
    func bk7238WritesAfterAOneByteUnprotect() throws {
        let fixture = try VirtualChipFixture(.bk7238, flash: Self.image)
        let flasher = fixture.flasher()
        let identity = try flasher.connect()
        #expect(identity.chip == .bk7238 && identity.chipIDRegister == 0x7238 && identity.protocolVariant == .full)
        #expect(identity.flashChip?.name == "P25Q16HB" && identity.flashSize == 0x20_0000)
        let data = (0..<0x3000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        _ = try flasher.write(data, at: 0x11000)
        #expect(Array(fixture.chip.flash[0x11000..<0x14000]) == data)
        #expect(fixture.chip.statusRegisters == (0, 0))
        #expect(fixture.chip.commandLog.contains { $0.isLong && $0.code == 0x0D && $0.payloadLength == 2 },
                "the part's table entry says 1 status byte: WriteSR carries opcode + 1 value")
    }

    @Test("bk7238-t1u (P25Q16HBK) with CMP set: the 2-byte write locks the register; a clear error, flash untouched")
    func lockedStatusRegisterIsAClearError() throws {
        var configuration = VirtualChip.Configuration(personality: .bk7238T1U, flash: Self.image,
                                                      initialState: .downloadMode)
        configuration.statusRegister2 = 0x40  // CMP, as the firmware left it in bk7231tools PR #24
        let chip = VirtualChip(configuration: configuration)
        let server = try ChipServer.onPseudoTerminal(chip)
        defer { server.stop() }
        let port = try SerialPort(path: try #require(server.path))
        defer { port.close() }
        var options = Flasher.Options()
        options.linkTimeout = .seconds(5)
        let flasher = Flasher(link: port, options: options)
        #expect(try flasher.connect().flashChip?.name == "P25Q16HBK")
        do {
            _ = try flasher.write([UInt8](repeating: 0, count: 0x1000), at: 0x11000)
            Issue.record("the write succeeded on a locked flash")
        } catch let error as FlasherError {
            #expect(error.code == .unprotectFailed, "\(error)")
            #expect(error.description.contains("P25Q16HBK") && error.description.contains("0x7BFC"), "\(error)")
        }
        #expect(chip.flash == Self.image)
        #expect(chip.statusRegisters == (0xFC, 0x7B))
    }

    @Test("bk7231m answers like an N; connect reads its zero eFuse key and names it an M (BekenChips refinement)")
    func bk7231mIsToldByItsKey() throws {
        let fixture = try VirtualChipFixture(.bk7231m, flash: Self.image)
        let flasher = fixture.flasher()
        let identity = try flasher.connect()
        #expect(identity.chipIDRegister == 0x7231C)
        #expect(identity.chip == .bk7231m && identity.efuseKey == .zero)
        #expect(flasher.identity?.chip == .bk7231m)
        #expect(try flasher.read(0x11000..<0x12000) == Array(Self.image[0x11000..<0x12000]))
    }

    @Test("bk7231n keeps its name after the eFuse check, which stops once the key cannot be the M's (the whole key on request); a chip with an ID of its own reads no eFuse at connect")
    func bk7231nStaysAnN() throws {
        let n = try VirtualChipFixture(.bk7231n, flash: Self.image)
        let flasher = n.flasher()
        let identity = try flasher.connect()
        #expect(identity.chip == .bk7231n && identity.efuseKey == nil, "the key's first byte already rules out the M")
        #expect(try flasher.readEFuseKey() == .tuya)
        let t1 = try VirtualChipFixture(.bk7238, flash: Self.image)
        #expect(try t1.flasher().connect().efuseKey == nil)
    }

    @Test("bk7252n: chip ID 0x7252A names it; bk7231u: a BASIC_BEKEN bootloader chip read through the mirror")
    func bk7252nAndBk7231u() throws {
        let n = try VirtualChipFixture(.bk7252n, flash: Self.image)
        #expect(try n.flasher().connect().chip == .bk7252n)
        let u = try VirtualChipFixture(.bk7231u, flash: Self.image)
        let flasher = u.flasher()
        let identity = try flasher.connect()
        #expect(identity.chip == .bk7231u && identity.protocolVariant == .basicBeken)
        #expect(try flasher.read(0..<0x2000) == Array(Self.image[0..<0x2000]))
    }
}
