// Which flash parts have a known block-protect layout (BlockProtectLayout): only these get a part of the array
// protected while a range is written; every other part keeps the whole-array recipe of BKFlashList.cs.
extension SPIFlashTable {
    /// JEDEC ID (BK7231GUIFlashTool integer form) → layout.
    /// - 0x1840EF Winbond W25Q128JV (`EF 40 18`, BKFlashList.cs #66 "WB25Q128JV"): Winbond W25Q128JV datasheet §7.1,
    ///   the same SEC/TB/BP2–BP0/CMP bits and tables as the W25Q16JV.
    /// - 0x1560EB TH25Q16HB (`EB 60 15`, BKFlashList.cs #39), the flash of most BK7231N modules (docs/DESIGN-NOTES.md
    ///   "writes protect what lies outside their range"): the row's mask 0x407C is the W25Q bits, and Bouffalo's
    ///   bl_mcu_sdk (sf_cfg.c) drives the part with its GD25Q16E configuration, whose BP4/BP3 act as SEC/TB. The
    ///   protection table of the TH25Q-16HB datasheet (Tsingteng, Feb 2021) itself was not read, so the flasher
    ///   checks the row: a write whose range turns out protected lifts all protection and goes on as before.
    static let blockProtectLayouts: [UInt32: BlockProtectLayout] = [
        0x18_40EF: .secTopBottomComplement,
        0x15_60EB: .secTopBottomComplement,
    ]

    /// The block-protect layout of the part with these JEDEC bytes, when it is known.
    public static func blockProtectLayout(jedecBytes: [UInt8]?) -> BlockProtectLayout? {
        guard let jedecBytes, jedecBytes.count >= 3 else { return nil }
        return blockProtectLayouts[SPIFlashChip.jedecID(jedecBytes)]
    }
}
