// bk7231tools `BkBootloaderType`, one row each, plus the unknown-bootloader rule of bk7231tools linking.py detect_chip.
public enum BootloaderTable {
    public static let all: [BootloaderInfo] = [
        entry("BK7231N_1_0_1", "bl_bk7231n_1.0.1_34B7.bin", 0xE141_91BA, .bk7231n, .full, "1.0.1", nil, false, .tuya),
        // Version text as bk7231tools 2.1.2 `enums.py` has it ("2.0.0 (T1)"), so labels match ltchiptool's.
        entry("BK7238_T1_2_0_0", "bl_t1_2.0.0_DA47.bin", 0xF42F_8C32, .bk7238, .full, "2.0.0 (T1)", nil, false, .zero),
        entry("BK7231Q_1", "bl_bk7231q_6AFA.bin", 0xF023_1EF6, .bk7231q, .basicBeken, nil, nil, true, .zero),
        entry("BK7231Q_2", "bl_bk7231q_tysdk_03ED.bin", 0xFF5A_3EAC, .bk7231q, .basicBeken, nil, nil, true, .zero),
        entry("BK7231S_1_0_1", nil, 0xC1EC_A871, .bk7231t, .basicTuya, "1.0.1", 0x200000, true, .tuya),
        entry("BK7231S_1_0_3", nil, 0x4B31_E44D, .bk7231t, .basicTuya, "1.0.3", 0x200000, true, .tuya),
        entry("BK7231S_1_0_5", nil, 0xBA54_C1B8, .bk7231t, .basicTuya, "1.0.5", 0x200000, true, .tuya),
        entry("BK7231S_1_0_6", nil, 0xE5CB_C953, .bk7231t, .basicTuya, "1.0.6", 0x200000, true, .tuya),
        entry("BK7231U_1_0_6", "bl_bk7231u_1.0.6_9B7F.bin", 0x2739_019F, .bk7231u, .basicBeken, "1.0.6", 0x200000, true,
              .zero),
        entry("BK7252_0_1_3", nil, 0x39F9_B50C, .bk7252, .basicBeken, "0.1.3", nil, true, .zero),
        entry("BK7252_SDK", "bootloader_7252_2M_uart1_log_20190828.bin", 0xE3A2_7C26, .bk7252, .basicBeken, nil, nil,
              true, .zero),
        entry("BK7238_1_0_14", "bootloader_bk7238_uart1_v1.0.14.bin", 0x6BEB_0924, .bk7238, .full, "1.0.14", nil, false,
              .zero),
    ]

    /// Legacy raw value: BK7231N 1.0.1 hashed over only 256 bytes (bk7231tools `legacy.py`, bk7231tools base/enums.py BkBootloaderType).
    public static let legacyRawCRCs: [UInt32: String] = [0xBF9C_2D66: "BK7231N_1_0_1"]

    /// Unknown values users reported, with what they meant (bk7231tools base/enums.py BkBootloaderType).
    public static let reportedUnknownCRCs: [UInt32: String] = [
        0xB7BF_A0CE: "257 zero bytes: flash not readable (ltchiptool #29, bk7231tools #30)",
        0x2F72_E071: "BK7231N CB3S, unknown bootloader (ltchiptool #70)",
        0x5B59_61CF: "BK7252U, BASIC_BEKEN, 4 MiB (ltchiptool #60)",
    ]

    /// Bootloader for a standard (zlib) CRC-32 of the first 256/257 bytes.
    public static func lookup(crc: UInt32) -> BootloaderInfo? { all.first { $0.crc == crc } }

    /// Bootloader for the raw value the chip replies to CheckCRC(0, 256) (no end adjustment, bk7231tools linking.py detect_chip).
    public static func lookup(rawCRC: UInt32) -> BootloaderInfo? {
        if let name = legacyRawCRCs[rawCRC] { return all.first { $0.name == name } }
        return lookup(crc: rawCRC ^ 0xFFFF_FFFF)
    }

    /// The unknown-bootloader rule (bk7231tools `detect_chip`): after CheckCRC(0x11000, 0x11100) and a
    /// Read4K at 0x11000, the chip's raw reply equals the raw CRC of 257 read bytes → FULL (inclusive end);
    /// of 256 bytes → BASIC_BEKEN; otherwise nil ("CRC mismatch while checking chip type!").
    public static func classifyUnknown(
        chipRawCRC: UInt32, rawCRCOf257Bytes: UInt32, rawCRCOf256Bytes: UInt32
    ) -> ProtocolVariant? {
        if chipRawCRC == rawCRCOf257Bytes { return .full }
        if chipRawCRC == rawCRCOf256Bytes { return .basicBeken }
        return nil
    }

    /// The request of the unknown-bootloader probe: CheckCRC start and end fields (bk7231tools linking.py detect_chip).
    public static let classificationProbe: (start: UInt32, end: UInt32) = (0x11000, 0x11100)

    private static func entry(
        _ name: String, _ file: String?, _ crc: UInt32, _ chip: ChipKind, _ variant: ProtocolVariant,
        _ version: String?, _ flashSize: Int?, _ lock: Bool, _ key: CodeKey
    ) -> BootloaderInfo {
        BootloaderInfo(
            name: name, fileName: file, crc: crc, chip: chip, protocolVariant: variant, version: version,
            flashSize: flashSize, crcFlashProtectLock: lock, codeKey: key)
    }
}
