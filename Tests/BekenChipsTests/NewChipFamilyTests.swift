import BekenChips
import Testing

/// BK7238 (Tuya T1), BK7231M, BK7231U and BK7252N rows (issue 13).
@Suite struct NewChipFamilyTests {
    @Test("0x7231C is BK7231N with the Tuya eFuse key and BK7231M with a zero key (BK7231GUIFlashTool doGenericSetup)")
    func nAndMAreToldApartByTheKey() {
        let n = ChipKind.bk7231n.family
        #expect(n.refined(byEFuseKey: .zero).kind == .bk7231m)
        #expect(n.refined(byEFuseKey: .tuya).kind == .bk7231n)
        #expect(ChipKind.bk7231m.family.refined(byEFuseKey: .tuya).kind == .bk7231n)
        #expect(n.refined(byEFuseKey: nil).kind == .bk7231n, "no key read: unchanged")
        #expect(n.refined(byEFuseKey: .uascent).kind == .bk7231n, "a custom key: unchanged")
        // Families with a chip ID of their own are never changed by a key.
        #expect(ChipKind.bk7238.family.refined(byEFuseKey: .zero).kind == .bk7238)
        #expect(ChipKind.bk7252n.family.refined(byEFuseKey: .zero).kind == .bk7252n)
        #expect(n.chipIDSiblings.map(\.kind) == [.bk7231m])
    }

    @Test("the eFuse key is read only while it can still name a sibling: one byte of the Tuya key rules out the M")
    func keyReadingStopsOnceNoSiblingFits() {
        let n = ChipKind.bk7231n.family, m = ChipKind.bk7231m.family
        let tuya = CodeKey.tuya.efuseBytes, zero = CodeKey.zero.efuseBytes
        #expect(n.siblingKeyStillPossible(efusePrefix: []))
        #expect(n.siblingKeyStillPossible(efusePrefix: Array(zero.prefix(15))), "zeros so far: could be the M")
        #expect(!n.siblingKeyStillPossible(efusePrefix: Array(tuya.prefix(1))), "the Tuya key's first byte is not 0")
        #expect(m.siblingKeyStillPossible(efusePrefix: Array(tuya.prefix(15))))
        #expect(!m.siblingKeyStillPossible(efusePrefix: Array(zero.prefix(1))))
        #expect(!ChipKind.bk7238.family.siblingKeyStillPossible(efusePrefix: []), "no sibling: nothing to read")
    }

    @Test("BK7238 layout: RF 0x1E0000 (T1 factory 0x1E3000), OpenBeken 0x1E1000, Tuya KV 0x1F5000 + 0xB000")
    func bk7238Layout() {
        let layout = ChipKind.bk7238.family.layout
        #expect(layout.rfCalibration == 0x1E0000 && layout.rfCalibrationAlternative == 0x1E3000)
        #expect(layout.openBekenConfig == 0x1E1000)
        #expect(layout.tuyaStorage == 0x1F5000 && layout.tuyaStorageLength == 0xB000)
        #expect(ChipKind.bk7252n.family.layout.openBekenConfig == 0x1E1000)
        #expect(ChipKind.bk7231m.family.layout.openBekenConfig == 0x1D1000)
    }

    @Test("QIO images go on whole from 0x0 on BK7238/BK7252N only (BK7231GUIFlashTool doReadAndWriteInternal)")
    func qioPlacement() {
        #expect(ChipKind.bk7238.family.qioPlacement == .wholeFromZero)
        #expect(ChipKind.bk7252n.family.qioPlacement == .wholeFromZero)
        for kind in [ChipKind.bk7231t, .bk7231u, .bk7231n, .bk7231m] {
            #expect(kind.family.qioPlacement == .keepBootloader)
        }
    }

    @Test("both BK7238 bootloaders by CRC, with bk7231tools' version text")
    func bk7238Bootloaders() {
        #expect(BootloaderTable.lookup(crc: 0x6BEB_0924)?.label == "BK7238 1.0.14")
        #expect(BootloaderTable.lookup(crc: 0xF42F_8C32)?.label == "BK7238 2.0.0 (T1)")
        // The raw reply in bk7231tools #23 (2484401883) is BK7238 1.0.14.
        #expect(BootloaderTable.lookup(rawCRC: 2_484_401_883)?.name == "BK7238_1_0_14")
    }

    @Test("module names say the chip: T1-2S and T1-U-HL → BK7238, CB3S → BK7231N, T4… → BK7252N")
    func modules() {
        #expect(ChipFamily.forModuleName("T1-2S")?.kind == .bk7238)
        #expect(ChipFamily.forModuleName("T1-U-HL")?.kind == .bk7238)
        #expect(ChipFamily.forModuleName("CB3S")?.kind == .bk7231n)
        #expect(ChipFamily.forModuleName("T4-U")?.kind == .bk7252n)
        #expect(ChipKind.bk7238.family.tuyaModuleSeries == ["T1"])
        #expect(ChipKind.bk7238.family.modules.contains("T1-2S"))
        #expect(ChipFamily.forPlatformName("T1")?.kind == .bk7238)
        #expect(ChipFamily.named("t1")?.kind == .bk7238)
    }
}
