import BekenChips

/// Collects what each part of a file says about the chip and settles on one family (BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup, TuyaModules.cs; OpenBeken new_common.h; UPK2ESPHome config.py).
enum ChipIdentifier {
    static func identify(_ evidence: [ChipEvidence]) -> ChipIdentification {
        guard !evidence.isEmpty else { return ChipIdentification(chip: nil, evidence: [], isConflicting: false) }
        let all = intersection(evidence)
        if let chip = all.first { return ChipIdentification(chip: chip, evidence: evidence, isConflicting: false) }
        // Conflict: prefer what the bootloader says, then the app.
        let bootloaderSide = intersection(evidence.filter(\.isBootloaderSide))
        let appSide = intersection(evidence.filter(\.isAppSide))
        let chip = bootloaderSide.first ?? appSide.first ?? evidence.first?.chips.first
        return ChipIdentification(chip: chip, evidence: evidence, isConflicting: true)
    }

    /// Families every piece of evidence allows, in `ChipKind.allCases` order.
    static func intersection(_ evidence: [ChipEvidence]) -> [ChipKind] {
        guard !evidence.isEmpty else { return [] }
        return ChipKind.allCases.filter { kind in evidence.allSatisfy { $0.chips.contains(kind) } }
    }

    /// Families whose layout puts the RF calibration sector at `offset`, in its usual or alternative place
    /// (BK7231GUIFlashTool `RFPartitionUtil.cs`).
    static func chips(withRFAt offset: Int) -> [ChipKind] {
        ChipFamily.all.filter {
            $0.layout.rfCalibration.map(Int.init) == offset || $0.layout.rfCalibrationAlternative.map(Int.init) == offset
        }.map(\.kind)
    }

    /// Families whose OpenBeken config sector is at `offset` (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    static func chips(withConfigAt offset: Int) -> [ChipKind] {
        ChipFamily.all.filter { $0.layout.openBekenConfig.map(Int.init) == offset }.map(\.kind)
    }

    /// Families whose OTA/download partition starts at `offset` (FAL table "download", BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions).
    static func chips(withOTAAt offset: Int) -> [ChipKind] {
        ChipFamily.all.filter { $0.layout.ota.map { Int($0.start) } == offset }.map(\.kind)
    }

    /// Families whose code key is `key`.
    static func chips(withKey key: CodeKey) -> [ChipKind] {
        ChipFamily.all.filter { $0.codeKey == key }.map(\.kind)
    }

    /// A chip name as found in strings: "bk7231n", "BK7231S" (Tuya's name for the T), "bk7231t".
    static func chip(named name: String) -> ChipKind? {
        ChipFamily.named(name.lowercased())?.kind ?? ChipFamily.forPlatformName(name)?.kind
    }
}
