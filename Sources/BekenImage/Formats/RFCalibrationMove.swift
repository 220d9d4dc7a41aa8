import BekenChips

/// The RF calibration sector sits where the chip's OpenBeken does not look for it: Tuya's T1 (BK7238) factory
/// firmware keeps it at 0x1E3000, OpenBeken reads 0x1E0000. Easy Flasher, after writing OpenBeken on a BK7238 whose
/// backup has no MAC at 0x1E0000 (+0x24 all 0xFF), copies the TLV sector it finds to 0x1E0000 so the device keeps its
/// MAC and calibration (BK7231GUIFlashTool `RFPartitionUtil.cs` `getMACFromQio`, `BK7231Flasher.cs` "Moving RF
/// partition"). A fact for the conversion to act on; nothing here writes.
public struct RFCalibrationMove: Sendable, Equatable, Codable {
    /// Where the sector is in the backup (the family's alternative RF offset).
    public var from: Int
    /// Where the chip's firmware reads it (the family's RF offset).
    public var to: Int
    /// The MAC the sector holds ("aa:bb:…"), which must read back from `to` after the move.
    public var mac: String?

    public static let sectorSize = 0x1000

    public init(from: Int, to: Int, mac: String?) {
        self.from = from
        self.to = to
        self.mac = mac
    }

    /// The move a flash image needs on `chip`, or nil when its RF sector is already where the chip reads it (or
    /// the chip has no alternative place, or no TLV sector is found).
    public static func needed(in flash: [UInt8], chip: ChipKind) -> RFCalibrationMove? {
        let layout = chip.family.layout
        guard let primary = layout.rfCalibration.map(Int.init),
              let alternative = layout.rfCalibrationAlternative.map(Int.init) else { return nil }
        if let present = RFCalibration(in: flash, at: primary), present.mac != nil { return nil }
        guard let found = RFCalibration(in: flash, at: alternative), found.mac != nil else { return nil }
        return RFCalibrationMove(from: alternative, to: primary, mac: found.mac)
    }

    /// The 4 KiB sector to write at `to`, taken from the backup at `from` (nil if the backup is too short).
    public func sector(in flash: [UInt8]) -> ArraySlice<UInt8>? {
        guard from >= 0, from + Self.sectorSize <= flash.count else { return nil }
        return flash[from..<from + Self.sectorSize]
    }
}
