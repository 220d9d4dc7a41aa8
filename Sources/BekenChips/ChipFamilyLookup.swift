// Finding a family by name, chip ID, Tuya module or platform string.
extension ChipFamily {
    static let table: [ChipKind: ChipFamily] = Dictionary(uniqueKeysWithValues: rows.map { ($0.kind, $0) })

    /// Every family, in `ChipKind.allCases` order.
    public static let all: [ChipFamily] = ChipKind.allCases.map { table[$0]! }

    /// Family for a user-typed name: "bk7231n", "BK7231N", "7231n", "n", "t1" … (case-insensitive).
    public static func named(_ name: String) -> ChipFamily? {
        let key = name.lowercased()
        return all.first { $0.names.contains(key) }
    }

    /// All families whose chip ID matches: raw value first, then BK7231GUIFlashTool's normalised form (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
    /// BK7231N and BK7231M share 0x7231C; BK7236 and BK7258 share "7236".
    public static func candidates(forChipID value: UInt32) -> [ChipFamily] {
        let exact = all.filter { $0.chipID == value }
        if !exact.isEmpty { return exact }
        let normalized = ChipID.normalized(value)
        return all.filter { $0.normalizedChipID == normalized }
    }

    /// The first (most common) family for a chip ID: BK7231N for 0x7231C, BK7236 for "7236".
    public static func forChipID(_ value: UInt32) -> ChipFamily? { candidates(forChipID: value).first }

    /// Tuya module name rule (LibreTiny boards/*.json, BK7231GUIFlashTool `TuyaModules.getTypeForModuleName`): `W?…` → T unless the third
    /// letter is R or D (Realtek/RDA); `CB…` → N; `T34` → N; `T1…` 7238, `T2…` N, `T3…` 7236, `T4…` 7252N, `T5…` 7258.
    public static func forModuleName(_ module: String) -> ChipFamily? {
        let name = Array(module.uppercased())
        guard name.count >= 2 else { return nil }
        if let exact = all.first(where: { $0.modules.contains(module.uppercased()) }) { return exact }
        switch (name[0], name[1]) {
        case ("W", _):
            if name.count >= 3, name[2] == "R" || name[2] == "D" { return nil }
            return ChipKind.bk7231t.family
        case ("C", "B"): return ChipKind.bk7231n.family
        case ("T", "1"): return ChipKind.bk7238.family
        case ("T", "2"): return ChipKind.bk7231n.family
        case ("T", "3"): return name.count >= 3 && name[2] == "4" ? ChipKind.bk7231n.family : ChipKind.bk7236.family
        case ("T", "4"): return ChipKind.bk7252n.family
        case ("T", "5"): return ChipKind.bk7258.family
        default: return nil
        }
    }

    /// Tuya `em_sys_env` platform string (BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py; LibreTiny boards/*.json), case-sensitive as stored, then case-insensitive.
    public static func forPlatformName(_ platform: String) -> ChipFamily? {
        all.first { $0.platformNames.contains(platform) }
            ?? all.first { $0.platformNames.contains { $0.lowercased() == platform.lowercased() } }
    }
}

/// Chip-ID helpers (bk7231tools base/enums.py BkChipType; BK7231GUIFlashTool BKChipIdentity.cs).
public enum ChipID {
    /// BK7231GUIFlashTool normalisation: big-endian bytes, leading 00 skipped, then one 01 byte and following 00s skipped, lower-case hex
    /// without "0x". 0x0007231C → "7231c"; 0x00017236 → "7236".
    public static func normalized(_ value: UInt32) -> String {
        var bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * (3 - UInt32($0)))) }[...]
        while bytes.first == 0x00 { bytes = bytes.dropFirst() }
        if bytes.first == 0x01, bytes.count > 1 {
            bytes = bytes.dropFirst()
            while bytes.first == 0x00 { bytes = bytes.dropFirst() }
        }
        guard let first = bytes.first else { return "0" }
        return String(first, radix: 16) + bytes.dropFirst().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
