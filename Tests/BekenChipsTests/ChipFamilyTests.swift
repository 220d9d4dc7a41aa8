import Testing
@testable import BekenChips

@Suite struct ChipFamilyTests {
    @Test func everyKindHasOneRow() {
        #expect(ChipFamily.all.map(\.kind) == ChipKind.allCases)
        #expect(ChipFamily.all.count == 10)
        for family in ChipFamily.all { #expect(family.names.contains(family.kind.rawValue)) }
    }

    @Test func names() {
        #expect(ChipFamily.named("BK7231N")?.kind == .bk7231n)
        #expect(ChipFamily.named("t")?.kind == .bk7231t)
        #expect(ChipFamily.named("T1")?.kind == .bk7238)
        #expect(ChipFamily.named("esp8266") == nil)
    }

    @Test func protocolVariants() {  // bk7231tools base/enums.py BkProtocolType
        #expect(ChipKind.bk7231n.family.protocolVariant == .full)
        #expect(ChipKind.bk7231t.family.protocolVariant == .basicTuya)
        #expect(ChipKind.bk7252.family.protocolVariant == .basicBeken)
        #expect(ChipKind.bk7231n.family.crcEndInclusive && !ChipKind.bk7231t.family.crcEndInclusive)
        #expect(ProtocolVariant.basicTuya.shortCommands.contains(0x11))
        #expect(!ProtocolVariant.basicBeken.flashOps.contains(0x0E))
        #expect(ProtocolVariant.basicTuya.hasCRCFlashProtectLock && !ProtocolVariant.full.hasCRCFlashProtectLock)
    }

    @Test func chipIDs() {  // bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs
        #expect(ChipFamily.forChipID(0x7231C)?.kind == .bk7231n)
        #expect(ChipFamily.candidates(forChipID: 0x7231C).map(\.kind) == [.bk7231n, .bk7231m])
        #expect(ChipFamily.forChipID(0x7238)?.kind == .bk7238)
        #expect(ChipFamily.forChipID(0x0001_7236)?.kind == .bk7236)
        #expect(ChipFamily.candidates(forChipID: 0x7236).map(\.kind) == [.bk7236, .bk7258])
        #expect(ChipFamily.forChipID(0x7252A)?.kind == .bk7252n)
        #expect(ChipFamily.forChipID(0x1234_5678) == nil)
        #expect(ChipID.normalized(0x0007_231C) == "7231c")
        #expect(ChipID.normalized(0x0001_0072) == "72")
        #expect(ChipKind.bk7258.family.chipIDRegister == 0x4401_0004)
        #expect(ChipKind.bk7231n.family.chipIDRegister == 0x0080_0000)
    }

    @Test func layouts() {  // OpenBK7231T/N BkDriverFlash.c; BK7231GUIFlashTool OBKFlashLayout.cs
        let t = ChipKind.bk7231t.family.layout, n = ChipKind.bk7231n.family.layout
        #expect(t.openBekenConfig == 0x1E1000 && n.openBekenConfig == 0x1D1000)
        #expect(t.ota?.start == 0x132000 && n.ota?.start == 0x12A000)
        #expect(t.rfCalibration == 0x1E0000 && n.rfCalibration == 0x1D0000)
        #expect(n.app?.end == 0x12A000 && t.app?.end == 0x132000)
        #expect(t.bootloader == FlashRegion(start: 0, length: 0x11000))
        #expect(ChipKind.bk7238.family.layout.tuyaStorage == 0x1F5000)
        #expect(ChipKind.bk7252n.family.layout.openBekenConfig == 0x1E1000)
        #expect(ChipKind.bk7231t.family.bootloaderAccess == .mirrorOnly)
        #expect(ChipKind.bk7231n.family.bootloaderAccess == .writable)
    }

    @Test func codeKeys() throws {  // ltchiptool soc/bk72xx/util/crypto.py
        #expect(ChipKind.bk7231n.family.codeKey == .tuya && ChipKind.bk7231m.family.codeKey == .zero)
        #expect(CodeKey(hex: "510fb093 a3cbeadc 5993a17e c7adeb03") == .tuya)
        #expect(CodeKey.tuya.description == "510fb093 a3cbeadc 5993a17e c7adeb03")
        #expect(Array(CodeKey.tuya.efuseBytes.prefix(4)) == [0x93, 0xB0, 0x0F, 0x51])
        #expect(CodeKey(efuseBytes: CodeKey.tuya.efuseBytes) == .tuya)
        #expect(CodeKey.zero.isBypass && !CodeKey.tuya.isBypass)
        #expect(CodeKey(hex: "xyz") == nil)
    }

    @Test func modulesAndPlatforms() {  // BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py; LibreTiny boards/*.json
        #expect(ChipFamily.forModuleName("CB3S")?.kind == .bk7231n)
        #expect(ChipFamily.forModuleName("wb2l")?.kind == .bk7231t)
        #expect(ChipFamily.forModuleName("WBR3") == nil)
        #expect(ChipFamily.forModuleName("T34")?.kind == .bk7231n)
        #expect(ChipFamily.forModuleName("T1-2S")?.kind == .bk7238)
        #expect(ChipFamily.forModuleName("T5E")?.kind == .bk7258)
        #expect(ChipFamily.forPlatformName("BK7231NL")?.kind == .bk7231n)
        #expect(ChipFamily.forPlatformName("bk7231")?.kind == .bk7231q)
    }
}
