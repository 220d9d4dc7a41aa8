// The chip-family rows. Sources: bk7231tools base/enums.py BkProtocolType (variant), bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs (chip IDs), bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs (bootloader access), ltchiptool soc/bk72xx/flash.py; BK7231GUIFlashTool BK7231Flasher.cs (ROM/eFuse);
// OpenBK7231T/N BkDriverFlash.c; BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs (layouts, config sector), ltchiptool soc/bk72xx/util/crypto.py (keys); BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py; LibreTiny boards/*.json (modules, platform names).
extension ChipFamily {
    static let sctrlChipID: UInt32 = 0x0080_0000      // SCTRL_CHIP_ID (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs)
    static let deviceIDRegister: UInt32 = 0x4401_0004  // BK7236 family "DeviceIdRegister" (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs)

    /// T layout: OpenBK7231T BkDriverFlash.c (OTA length from the bootloader FAL table).
    static let layoutT = FlashLayout(
        app: FlashRegion(start: 0x11000, length: 0x121000), ota: FlashRegion(start: 0x132000, length: 0xA6000),
        rfCalibration: 0x1E0000, openBekenConfig: 0x1E1000, tuyaStorage: 0x1EE000, tuyaStorageLength: 0x12000)
    /// N/M layout: OpenBK7231N BkDriverFlash.c (app ends where OTA starts, 0x12A000).
    static let layoutN = FlashLayout(
        app: FlashRegion(start: 0x11000, length: 0x119000), ota: FlashRegion(start: 0x12A000, length: 0xA6000),
        rfCalibration: 0x1D0000, openBekenConfig: 0x1D1000, tuyaStorage: 0x1EE000, tuyaStorageLength: 0x12000)

    static let rows: [ChipFamily] = [
        ChipFamily(
            kind: .bk7231t, names: ["bk7231t", "7231t", "t", "bk7231s"], platformNames: ["bk7231t", "BK7231S_2M"],
            protocolVariant: .basicTuya, chipIDRegister: sctrlChipID, chipID: 0x7231A, normalizedChipID: nil,
            bootloaderAccess: .mirrorOnly, layout: layoutT, codeKey: .tuya, typicalFlashSize: 0x200000,
            modules: ["WB1S", "WB2S", "WB3S", "WB2L", "WB3L", "WBLC5", "WBLC9"], rom: nil, efuse: nil,
            source: "bk7231tools base/enums.py, cmd_ll_chip.py; OpenBK7231T BkDriverFlash.c; BK7231GUIFlashTool TuyaModules.cs"),
        ChipFamily(
            kind: .bk7231u, names: ["bk7231u", "7231u", "u"], platformNames: [],
            protocolVariant: .basicBeken, chipIDRegister: sctrlChipID, chipID: 0x0001, normalizedChipID: nil,
            bootloaderAccess: .mirrorOnly,
            layout: FlashLayout(rfCalibration: 0x1E0000, openBekenConfig: 0x1E1000, tuyaStorage: 0x1EE000),
            codeKey: .zero, typicalFlashSize: 0x200000, modules: [], rom: nil, efuse: nil,
            source: "bk7231tools base/enums.py, cmd_ll_chip.py; BK7231GUIFlashTool OBKFlashLayout.cs"),
        ChipFamily(
            kind: .bk7231n, names: ["bk7231n", "7231n", "n"], platformNames: ["bk7231n", "BK7231NL", "t2"],
            protocolVariant: .full, chipIDRegister: sctrlChipID, chipID: 0x7231C, normalizedChipID: "7231c",
            bootloaderAccess: .writable, layout: layoutN, codeKey: .tuya, typicalFlashSize: 0x200000,
            modules: ["CB1S", "CB2S", "CB3S", "CB3SE", "CB2L", "CB3L", "CBLC5", "CBLC9", "CBU", "T34"],
            rom: FlashRegion(start: 0, length: 0x4000), efuse: .sctrl,
            source: "bk7231tools base/enums.py; BK7231GUIFlashTool BKChipIdentity.cs, RomReadCatalog.cs, TuyaModules.cs; OpenBK7231N BkDriverFlash.c"),
        ChipFamily(
            kind: .bk7231m, names: ["bk7231m", "7231m", "m"], platformNames: [],
            protocolVariant: .full, chipIDRegister: sctrlChipID, chipID: 0x7231C, normalizedChipID: "7231c",
            bootloaderAccess: .writable, layout: layoutN, codeKey: .zero, typicalFlashSize: 0x200000,
            modules: [], rom: FlashRegion(start: 0, length: 0x4000), efuse: .sctrl,
            source: "bk7231tools base/enums.py; BK7231GUIFlashTool BKChipIdentity.cs, BK7231Flasher.cs readEncryptionKey; OpenBK7231N BkDriverFlash.c"),
        ChipFamily(
            kind: .bk7231q, names: ["bk7231q", "7231q", "q"], platformNames: ["bk7231"],
            protocolVariant: .basicBeken, chipIDRegister: sctrlChipID, chipID: 0x7231, normalizedChipID: nil,
            bootloaderAccess: .mirrorOnly, layout: FlashLayout(tuyaStorage: 0x1EB000),  // bk7231tools analysis/kvstorage.py; BK7231GUIFlashTool TuyaConfig.cs offsets list
            codeKey: .zero, typicalFlashSize: nil, modules: [], rom: nil, efuse: nil,
            source: "bk7231tools base/enums.py; BK7231GUIFlashTool TuyaModules.cs"),
        ChipFamily(
            kind: .bk7238, names: ["bk7238", "7238", "t1"], platformNames: ["T1"],
            protocolVariant: .full, chipIDRegister: sctrlChipID, chipID: 0x7238, normalizedChipID: "7238",
            bootloaderAccess: .writable,
            // Tuya KV 0x1F5000 to the end of flash, 0xB000 (BK7231GUIFlashTool `TuyaConfig.cs` getMagicOffset/Size);
            // Tuya's T1 factory firmware keeps RF calibration at 0x1E3000 (`RFPartitionUtil.cs` getMACFromQio).
            layout: FlashLayout(
                rfCalibration: 0x1E0000, rfCalibrationAlternative: 0x1E3000, openBekenConfig: 0x1E1000,
                tuyaStorage: 0x1F5000, tuyaStorageLength: 0xB000, openBekenImageStart: 0),
            codeKey: .zero, typicalFlashSize: 0x200000, modules: ["T1-2S", "T1-M", "T1-3S", "T1-U"],
            rom: FlashRegion(start: 0, length: 0x4000), efuse: .sctrl,
            source: "bk7231tools base/enums.py; BK7231GUIFlashTool BKChipIdentity.cs, OBKFlashLayout.cs, RomReadCatalog.cs, TuyaModules.cs"),
        ChipFamily(
            kind: .bk7236, names: ["bk7236", "7236", "t3"], platformNames: [],
            protocolVariant: .full, chipIDRegister: deviceIDRegister, chipID: nil, normalizedChipID: "7236",
            bootloaderAccess: .partitionGuarded, layout: FlashLayout(rfCalibration: 0x3FE000, tuyaStorage: 0x3D0000),
            codeKey: nil, typicalFlashSize: 0x400000, modules: [],
            rom: FlashRegion(start: 0x161F_0000, length: 0x10000), efuse: nil,
            source: "BK7231GUIFlashTool BKChipIdentity.cs, BK7231Flasher.cs, RomReadCatalog.cs, OBKFlashLayout.cs"),
        ChipFamily(
            kind: .bk7252, names: ["bk7252", "7252"], platformNames: [],
            protocolVariant: .basicBeken, chipIDRegister: sctrlChipID, chipID: 0x7252, normalizedChipID: nil,
            bootloaderAccess: .mirrorOnly,
            // Tuya KV of 4 MiB BK7252 parts is usually at 0x397000 (BK7231GUIFlashTool OBKFlashLayout.cs, RFPartitionUtil.cs, TuyaConfig.cs).
            layout: FlashLayout(rfCalibration: 0x1E0000, openBekenConfig: 0x1E1000, tuyaStorage: 0x1EE000),
            codeKey: .zero, typicalFlashSize: 0x200000, modules: [], rom: nil, efuse: nil,
            source: "bk7231tools base/enums.py, cmd_ll_chip.py; BK7231GUIFlashTool BK7231Flasher.cs detectBK7252UFlashSize, OBKFlashLayout.cs"),
        ChipFamily(
            kind: .bk7252n, names: ["bk7252n", "7252n", "t4"], platformNames: [],
            // Raw value inferred from BK7231GUIFlashTool's normalised "7252a" (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
            protocolVariant: .full, chipIDRegister: sctrlChipID, chipID: 0x7252A, normalizedChipID: "7252a",
            bootloaderAccess: .writable,
            layout: FlashLayout(rfCalibration: 0x1E0000, openBekenConfig: 0x1E1000, tuyaStorage: 0x1EE000,
                                openBekenImageStart: 0),
            // The zero key: OpenBeken's BK7252N build encrypts its app with `0 0 0 0 0` (beken_freertos_sdk
            // application.mk ENCRYPT_ARGS for CFG_SOC_NAME 8, as for the BK7238's 7).
            codeKey: .zero, typicalFlashSize: 0x200000, modules: [],
            rom: FlashRegion(start: 0, length: 0x4000), efuse: .sctrl,
            source: "BK7231GUIFlashTool BKChipIdentity.cs, OBKFlashLayout.cs, RomReadCatalog.cs; beken_freertos_sdk application.mk, BkDriverFlash.c"),
        ChipFamily(
            kind: .bk7258, names: ["bk7258", "7258", "t5"], platformNames: [],
            protocolVariant: .full, chipIDRegister: deviceIDRegister, chipID: nil, normalizedChipID: "7236",
            bootloaderAccess: .partitionGuarded, layout: FlashLayout(rfCalibration: 0x7FE000, tuyaStorage: 0x7DD000),
            codeKey: nil, typicalFlashSize: 0x800000, modules: [],
            rom: FlashRegion(start: 0x1600_0000, length: 0x10000), efuse: .bk7258,
            source: "BK7231GUIFlashTool BKChipIdentity.cs, BK7231Flasher.cs, RomReadCatalog.cs, OBKFlashLayout.cs"),
    ]
}
