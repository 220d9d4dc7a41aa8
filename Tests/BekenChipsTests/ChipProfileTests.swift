import Testing
import BekenChips

/// The chip seam: one value per identified chip, built from the table rows, that says everything the flasher and
/// the conversion do differently per chip.
@Suite struct ChipProfileTests {
    private func profile(_ kind: ChipKind, _ variant: ProtocolVariant? = nil, bootloader: String? = nil,
                         flashID: [UInt8]? = nil) -> ChipProfile {
        let family = kind.family
        let flash = flashID.flatMap { SPIFlashTable.lookup(jedecBytes: $0) }
        return ChipProfile(family: family, protocolVariant: variant ?? family.protocolVariant,
                           bootloader: bootloader.flatMap { name in BootloaderTable.all.first { $0.name == name } },
                           flashID: flashID, flashChip: flash, flashSize: flash?.size ?? 0x200000)
    }

    @Test func capabilitiesAreSeparateFacts() {
        let full = ProtocolVariant.full.capabilities, tuya = ProtocolVariant.basicTuya.capabilities
        let beken = ProtocolVariant.basicBeken.capabilities
        #expect(full == ProtocolCapabilities(crcEnd: .inclusive, registerAccess: true, flashStatusAccess: true,
                                             flashRead: true, crcProtectLock: false, bootVersion: false))
        #expect(tuya == ProtocolCapabilities(crcEnd: .exclusive, registerAccess: false, flashStatusAccess: false,
                                             flashRead: false, crcProtectLock: true, bootVersion: true))
        #expect(beken == ProtocolCapabilities(crcEnd: .exclusive, registerAccess: false, flashStatusAccess: false,
                                              flashRead: false, crcProtectLock: true, bootVersion: false))
        // A variant with registers but without FlashRead is representable: the two are no longer one flag.
        let hypothetical = ProtocolCapabilities(crcEnd: .inclusive, registerAccess: true, flashStatusAccess: true,
                                                flashRead: false, crcProtectLock: false, bootVersion: false)
        #expect(hypothetical.registerAccess && !hypothetical.flashRead)
    }

    @Test func bk7231nAndTKeepTheirRules() {
        let n = profile(.bk7231n, bootloader: "BK7231N_1_0_1", flashID: [0xEB, 0x60, 0x15])
        #expect(n.capabilities.crcEnd == .inclusive && n.capabilities.flashRead && !n.capabilities.crcProtectLock)
        #expect(n.mirroredBelow == 0 && n.bootloaderWritable)
        guard case .statusRegister(let recipe) = n.unprotect else { Issue.record("N unprotects by SR"); return }
        #expect(!recipe.isGeneric && recipe.knownQuirk == nil && recipe.maxWrites == 10)
        #expect(recipe.mask == 0x407C && recipe.readOpcodes == [0x05, 0x35] && recipe.writeByteCount == 2)
        #expect(n.layout.rfCalibration == 0x1D0000 && n.layout.openBekenConfig == 0x1D1000)
        #expect(n.layout.tuyaStorage == 0x1EE000 && n.layout.app?.start == 0x11000 && n.layout.ota?.start == 0x12A000)
        #expect(n.layout.openBekenImageStart == 0x11000)

        let t = profile(.bk7231t, bootloader: "BK7231S_1_0_5")
        #expect(t.capabilities.crcEnd == .exclusive && !t.capabilities.flashRead && t.capabilities.crcProtectLock)
        #expect(t.mirroredBelow == 0x11000 && !t.bootloaderWritable && t.unprotect == .byBootloader)
        #expect(t.layout.rfCalibration == 0x1E0000 && t.layout.openBekenConfig == 0x1E1000)
    }

    @Test func unknownFlashGetsTheGenericRecipe() {
        guard case .statusRegister(let recipe) = profile(.bk7231n, flashID: [0x12, 0x34, 0x15]).unprotect else {
            Issue.record("FULL chips unprotect by SR"); return
        }
        #expect(recipe.isGeneric && recipe.mask == 0x407C && recipe.maxWrites == 10)
        #expect(recipe.unprotectedValue(from: 0x407C | 0x0203) == 0x0203)
    }

    @Test func bk7238IsARowNotCode() {
        let t1 = profile(.bk7238, bootloader: "BK7238_T1_2_0_0", flashID: [0x85, 0x20, 0x15])
        #expect(t1.capabilities.crcEnd == .inclusive && t1.capabilities.registerAccess && !t1.capabilities.crcProtectLock)
        #expect(t1.bootloaderWritable && t1.mirroredBelow == 0 && t1.layout.openBekenImageStart == 0)
        #expect(t1.layout.openBekenConfig == 0x1E1000 && t1.layout.rfCalibration == 0x1E0000)
        #expect(t1.layout.rfCalibrationAlternative == 0x1E3000 && t1.layout.tuyaStorage == 0x1F5000)
        // Its two flash parts misbehave on WriteSR: one write, read back, then a clear error.
        for (id, behaviour) in [([UInt8]([0x85, 0x20, 0x15]), StatusRegisterQuirk.Behaviour.writeSetsAllBits),
                                ([0x85, 0x42, 0x15], .writeIgnored)] {
            guard case .statusRegister(let recipe) = profile(.bk7238, flashID: id).unprotect else {
                Issue.record("BK7238 unprotects by SR"); continue
            }
            #expect(recipe.knownQuirk?.behaviour == behaviour && recipe.maxWrites == 1)
        }
        // The same flash on an N is not known to misbehave.
        guard case .statusRegister(let onN) = profile(.bk7231n, flashID: [0x85, 0x20, 0x15]).unprotect else { return }
        #expect(onN.knownQuirk == nil && onN.maxWrites == 10)
    }

    @Test func theOtherNewChips() {
        let m = profile(.bk7231m)
        #expect(m.capabilities == ProtocolVariant.full.capabilities && m.bootloaderWritable && m.family.codeKey == .zero)
        let u = profile(.bk7231u, bootloader: "BK7231U_1_0_6")
        #expect(u.capabilities.crcEnd == .exclusive && u.mirroredBelow == 0x11000 && u.unprotect == .byBootloader)
        let n2 = profile(.bk7252n)
        #expect(n2.capabilities.crcEnd == .inclusive && n2.layout.openBekenConfig == 0x1E1000)
        #expect(n2.layout.openBekenImageStart == 0 && n2.bootloaderWritable)
    }
}
