/// A made-up RF calibration sector ("TLV"): magic `54 4C 56 00`, u32 length, then one top-level record
/// `00 11 11 11` holding sub-records; sub-record `02 11 11 11` (length 6) carries the Wi-Fi MAC at sector offset
/// 0x24, where ltchiptool and Easy Flasher read it (BK7231GUIFlashTool RomReadCatalog.cs, OBKFlashLayout.cs; ltchiptool soc/bk72xx/flash.py, soc/bk72xx/binary.py detect_file_type). The other values are ours.
enum SyntheticRFCalibration {
    static let sectorSize = 0x1000

    /// The 4 KiB sector, unused bytes erased (0xFF).
    static func sector(mac: [UInt8]) -> [UInt8] {
        precondition(mac.count == 6, "a MAC has 6 bytes")
        var records: [UInt8] = []
        subRecord(&records, tag: 0x1111_1101, [0x01, 0x00, 0x00, 0x00])
        subRecord(&records, tag: 0x1111_1102, mac)
        subRecord(&records, tag: 0x1111_1103, [0x40, 0x01, 0x00, 0x00])
        subRecord(&records, tag: 0x1111_1104, [0x10, 0x20, 0x30, 0x40])
        subRecord(&records, tag: 0x1111_1105, [0x20, 0x00, 0x00, 0x00])
        var body: [UInt8] = []
        SyntheticCode.appendLE32(&body, 0x1111_1100)
        SyntheticCode.appendLE32(&body, UInt32(records.count))
        body += records
        var sector: [UInt8] = [0x54, 0x4C, 0x56, 0x00]
        SyntheticCode.appendLE32(&sector, UInt32(body.count))
        sector += body
        return sector + [UInt8](repeating: 0xFF, count: sectorSize - sector.count)
    }

    private static func subRecord(_ bytes: inout [UInt8], tag: UInt32, _ data: [UInt8]) {
        SyntheticCode.appendLE32(&bytes, tag)
        SyntheticCode.appendLE32(&bytes, UInt32(data.count))
        bytes += data
    }
}
