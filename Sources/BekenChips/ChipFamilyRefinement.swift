// Chips that share a chip ID, told apart by their eFuse key (bk7231tools `enums.py` BkChipType; BK7231GUIFlashTool `BKChipIdentity.cs`).
extension ChipFamily {
    /// The family among those sharing this family's chip ID whose code key is `efuseKey`: BK7231N and BK7231M both
    /// answer 0x7231C, the N with the Tuya key in its eFuse, the M with all zeros (BK7231GUIFlashTool
    /// `BK7231Flasher.cs` `doGenericSetup`: `TUYA_ENCRYPTION_KEY` on N, `EMPTY_ENCRYPTION_KEY` on M). A key that
    /// no sibling has (a custom key, or none read) leaves the family as it is.
    public func refined(byEFuseKey efuseKey: CodeKey?) -> ChipFamily {
        guard let efuseKey, let chipID else { return self }
        let siblings = ChipFamily.all.filter { $0.chipID == chipID && $0.efuse != nil }
        guard siblings.count > 1 else { return self }
        return siblings.first { $0.codeKey == efuseKey } ?? self
    }

    /// Whether eFuse bytes beginning with `prefix` could still be the code key of another family answering this
    /// chip ID: once they cannot, the rest of the key decides nothing (on a BK7231N the first byte of the Tuya key
    /// already rules out the M's all-zero key), so identification stops reading it.
    public func siblingKeyStillPossible(efusePrefix prefix: [UInt8]) -> Bool {
        chipIDSiblings.contains { sibling in
            sibling.efuse != nil && sibling.codeKey.map { $0.efuseBytes.starts(with: prefix) } == true
        }
    }

    /// Other families that answer the same chip ID and are told apart only by the eFuse key (N ↔ M).
    public var chipIDSiblings: [ChipFamily] {
        guard let chipID else { return [] }
        return ChipFamily.all.filter { $0.chipID == chipID && $0.kind != kind }
    }
}
