import BekenChips

/// What the flasher learned about the connected chip (bk7231tools linking.py detect_chip).
public struct ChipIdentity: Sendable, Equatable {
    /// Everything that differs by chip, derived once from the findings below: what the flasher consults.
    public let profile: ChipProfile
    /// The chip's raw reply to CheckCRC(0, 256).
    public let bootloaderRawCRC: UInt32
    /// SCTRL_CHIP_ID (FULL chips only).
    public let chipIDRegister: UInt32?
    /// ReadBootVersion text (Tuya T bootloaders).
    public let bootVersion: String?
    /// JEDEC ID bytes: manufacturer, type, capacity (FULL chips only).
    public let flashID: [UInt8]?
    /// The eFuse flash-encryption key (ROM chips, read on request).
    public var efuseKey: CodeKey?
    /// The Wi-Fi MAC from the RF calibration sector, when found.
    public var mac: [UInt8]?

    public var family: ChipFamily { profile.family }
    public var protocolVariant: ProtocolVariant { profile.protocolVariant }
    /// The bootloader from the CRC table, nil when unknown (then classified per bk7231tools linking.py detect_chip).
    public var bootloader: BootloaderInfo? { profile.bootloader }
    /// The flash part from the table, when known.
    public var flashChip: SPIFlashChip? { profile.flashChip }
    public var flashSize: Int { profile.flashSize }

    public var chip: ChipKind { family.kind }

    /// "BK7231N 1.0.1", or "unknown (CRC 0x…)".
    public var bootloaderLabel: String {
        bootloader?.label ?? "unknown (CRC 0x\(String(bootloaderRawCRC ^ 0xFFFF_FFFF, radix: 16, uppercase: true)))"
    }

    /// "EB 60 15" style.
    public var flashIDText: String? {
        flashID.map { $0.map { byte in String(byte, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: " ") }
    }

    /// "C8:47:8C:00:00:01" style.
    public var macText: String? {
        mac.map { $0.map { byte in String(byte, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: ":") }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The Wi-Fi MAC stored in the RF calibration (TLV) sector: if bytes 0x1C…0x23 are `02 11 11 11 06 00 00 00`,
/// the MAC follows at 0x24…0x29 (ltchiptool soc/bk72xx/binary.py detect_file_type; BK7231GUIFlashTool OBKFlashLayout.cs, ltchiptool `flash_get_chip_info`).
public enum RFCalibrationSector {
    static let macTag: [UInt8] = [0x02, 0x11, 0x11, 0x11, 0x06, 0x00, 0x00, 0x00]

    public static func mac<C: Collection>(in sector: C) -> [UInt8]? where C.Element == UInt8, C.Index == Int {
        guard sector.count >= 0x2A else { return nil }
        let base = sector.startIndex
        guard Array(sector[base + 0x1C ..< base + 0x24]) == macTag else { return nil }
        return Array(sector[base + 0x24 ..< base + 0x2A])
    }
}
