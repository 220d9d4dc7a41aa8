import BekenChips
import BekenEmulator
import SerialLink
import Testing
@testable import BekenFlasher

/// Unprotect against the virtual chip's status register: the recipe the profile chose decides how often it writes,
/// and every write is read back.
@Suite struct UnprotectTests {
    /// A BK7231N virtual chip in download mode whose flash (EB 60 15) ignores WriteSR and starts with BP2…BP0 set.
    private func stuckChip() throws -> (VirtualChip, ChipServer, MemoryLink) {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: [UInt8](repeating: 0xFF, count: 0x200000),
                                                      initialState: .downloadMode)
        configuration.statusRegister1 = 0x1C
        configuration.statusRegister2 = 0
        configuration.faults = try FaultPlan(specs: ["sr-stuck"])
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        return (chip, server, host)
    }

    private func unprotect(_ recipe: StatusRegisterUnprotect, chip kind: ChipKind) throws -> (FlasherError?, writes: Int) {
        let (chip, server, host) = try stuckChip()
        defer { host.close(); server.stop() }
        do {
            try Unprotect(session: Session(link: host), events: { _ in })
                .run(recipe, chip: kind, flash: SPIFlashTable.lookup(jedecBytes: [0xEB, 0x60, 0x15]), flashIDText: "EB 60 15")
            return (nil, chip.injectedFaults.ignoredStatusWrites)
        } catch let error as FlasherError {
            return (error, chip.injectedFaults.ignoredStatusWrites)
        }
    }

    @Test func aPartThatIgnoresTheWriteIsTriedTenTimes() throws {
        let recipe = StatusRegisterUnprotect(try #require(SPIFlashTable.lookup(jedecBytes: [0xEB, 0x60, 0x15])).unprotect)
        let (error, writes) = try unprotect(recipe, chip: .bk7231n)
        #expect(error?.code == .unprotectFailed && writes == 10)
        #expect(error?.message.contains("stays 0x1C") == true)
    }

    @Test func aKnownQuirkIsWrittenOnceAndNamed() throws {
        let quirk = try #require(StatusRegisterQuirk.lookup(chip: .bk7238, jedecBytes: [0x85, 0x42, 0x15]))
        let recipe = StatusRegisterUnprotect(try #require(SPIFlashTable.lookup(jedecBytes: [0xEB, 0x60, 0x15])).unprotect,
                                             quirk: quirk)
        let (error, writes) = try unprotect(recipe, chip: .bk7238)
        #expect(error?.code == .unprotectFailed && writes == 1)
        #expect(error?.message.contains("BK7238") == true && error?.message.contains("bk7231tools issue #23") == true)
        #expect(error?.message.contains("written once only") == true)
    }
}
