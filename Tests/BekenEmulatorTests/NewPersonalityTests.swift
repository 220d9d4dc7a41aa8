import BekenChips
import BekenEmulator
import Testing

// The personalities of issue 13 at the frame level: what each answers to the identification commands the peers
// send (bk7231tools `linking.py` detect_chip), and how the BK7238's Puya flash parts misbehave on WriteSR (bk7231tools #23, PR #29).

private func readRegister(_ chip: VirtualChip, _ address: UInt32) -> UInt32 {
    let reply = chip.respond(to: shortFrame(0x03, le32(address)))
    guard reply.count == 15 else { return 0xDEAD_BEEF }
    return reply[11...14].enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
}

private func readSR(_ chip: VirtualChip, _ opcode: UInt8) -> UInt8? {
    let reply = chip.respond(to: longFrame(0x0C, [opcode]))
    return reply.count == 13 ? reply[12] : nil
}

private func jedecID(_ chip: VirtualChip) -> [UInt8] {
    let reply = chip.respond(to: longFrame(0x0E, [0x9F, 0, 0, 0]))
    return reply.count == 15 ? Array(reply[12...14]) : []
}

private func efuseByte(_ chip: VirtualChip, _ index: Int) -> UInt8 {
    let control = readRegister(chip, 0x0080_0074)
    _ = chip.respond(to: shortFrame(0x01, le32(0x0080_0074) + le32((control & ~0x1F02) | UInt32(index) << 8 | 1)))
    return UInt8(truncatingIfNeeded: readRegister(chip, 0x0080_0078))
}

@Suite struct NewPersonalityTests {
    @Test("chip ID register of each ROM personality (bk7231tools BkChipType, BK7231GUIFlashTool BKChipIdentity)", arguments: [
        (ChipPersonality.bk7231m, UInt32(0x7231C)), (.bk7238, 0x7238), (.bk7238T1U, 0x7238), (.bk7252n, 0x7252A),
    ])
    func chipIDs(personality: ChipPersonality, expected: UInt32) {
        #expect(readRegister(linkedChip(personality), 0x0080_0000) == expected)
    }

    @Test("BK7238 flash parts: 85 42 15 (bk7231tools #23) and 85 20 15 (bk7231tools PR #29)")
    func bk7238FlashIDs() {
        #expect(jedecID(linkedChip(.bk7238)) == [0x85, 0x42, 0x15])
        #expect(jedecID(linkedChip(.bk7238T1U)) == [0x85, 0x20, 0x15])
        #expect(SPIFlashTable.lookup(jedecBytes: [0x85, 0x42, 0x15])?.name == "P25Q16HB")
        #expect(SPIFlashTable.lookup(jedecBytes: [0x85, 0x20, 0x15])?.name == "P25Q16HBK")
    }

    @Test("85 42 15: a 2-byte WriteSR leaves SR1 = 0x04, a 1-byte WriteSR clears it (bk7231tools #23)")
    func twoByteWriteIgnored() throws {
        let image = [UInt8](repeating: 0x5A, count: 0x20_0000)
        let chip = linkedChip(.bk7238, flash: image)
        #expect(readSR(chip, 0x05) == 0x04 && readSR(chip, 0x35) == 0x00)
        #expect(status(of: chip.respond(to: longFrame(0x0D, [0x01, 0x00, 0x00]))) == 0, "echoed like a success")
        #expect(readSR(chip, 0x05) == 0x04)
        // Still protected: an erase changes nothing.
        _ = chip.respond(to: longFrame(0x0F, [0x20] + le32(0x11000)))
        #expect(chip.flash[0x11000] == 0x5A)
        _ = chip.respond(to: longFrame(0x0D, [0x01, 0x00]))
        #expect(readSR(chip, 0x05) == 0x00)
        _ = chip.respond(to: longFrame(0x0F, [0x20] + le32(0x11000)))
        #expect(chip.flash[0x11000..<0x12000].allSatisfy { $0 == 0xFF })
    }

    @Test("85 20 15: SR 0 at power-up; a 2-byte WriteSR of 0 gives 0x7BFC and locks it until reset (PR #29)")
    func twoByteWriteSetsEveryBit() {
        let chip = linkedChip(.bk7238T1U)
        #expect(readSR(chip, 0x05) == 0x00 && readSR(chip, 0x35) == 0x00)
        _ = chip.respond(to: longFrame(0x0D, [0x01, 0x00, 0x00]))
        #expect(readSR(chip, 0x05) == 0xFC && readSR(chip, 0x35) == 0x7B)
        _ = chip.respond(to: longFrame(0x0D, [0x01, 0x00]))
        _ = chip.respond(to: longFrame(0x0D, [0x31, 0x00]))
        #expect(readSR(chip, 0x05) == 0xFC && readSR(chip, 0x35) == 0x7B, "SRP1/SRP0 lock: writes ignored")
        chip.resetNow()
        _ = chip.respond(to: linkCheck)
        #expect(readSR(chip, 0x05) == 0x00 && readSR(chip, 0x35) == 0x00, "power-up value again")
    }

    @Test("BK7238/BK7252N: a 4-byte eFuse reads as one word repeated; BK7231M: zero key (BK7231GUIFlashTool readEncryptionKey)")
    func efuse() {
        for personality in [ChipPersonality.bk7238, .bk7252n, .bk7231m] {
            let chip = linkedChip(personality)
            let bytes = (0..<16).map { efuseByte(chip, $0) }
            #expect(bytes == [UInt8](repeating: 0, count: 16), "\(personality)")
        }
        var traits = ChipPersonality.bk7238.traits
        #expect(traits.efuse.count == 32)
        traits.efuse = (0..<32).map { [0x11, 0x22, 0x33, 0x44][$0 % 4] }
        var configuration = VirtualChip.Configuration(personality: .bk7238, initialState: .downloadMode)
        configuration.traits = traits
        let chip = VirtualChip(configuration: configuration)
        let key = CodeKey(efuseBytes: (0..<16).map { efuseByte(chip, $0) })
        #expect(key.map { Set($0.words).count } == 1)
    }

    @Test("BK7231U: a flash bootloader (BASIC_BEKEN): no ReadReg, no boot version, bootloader only via the mirror")
    func bk7231u() {
        let image = (0..<0x20_0000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let chip = linkedChip(.bk7231u, flash: image)
        #expect(chip.respond(to: shortFrame(0x03, le32(0x0080_0000))) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x03, 0x07])
        #expect(chip.respond(to: shortFrame(0x11)) == [0x04, 0x0E, 0x05, 0x01, 0xE0, 0xFC, 0x11, 0x07])
        #expect(status(of: chip.respond(to: longFrame(0x09, le32(0)))) == 6)
        let mirrored = chip.respond(to: longFrame(0x09, le32(0x20_0000)))
        #expect(status(of: mirrored) == 0)
        expectSame(mirrored.suffix(0x1000), image[0..<0x1000])
        #expect(ChipPersonality.bk7231u.traits.crcEndInclusive == false)
    }
}
