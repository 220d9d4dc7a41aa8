/// Old Easy Flasher backups of BK7231T (before commit d5786df, 2023-04-20) start reading at 0x11000 and wrap around:
/// file offset 0 = flash 0x11000, file offset size − 0x11000 = flash 0x0 (ltchiptool soc/bk72xx/binary.py detect_file_type; BK7231GUIFlashTool FormMain.cs (before d5786df)).
/// flash[a] = file[(a − 0x11000) mod size].
public enum RotatedDump {
    public static let rotation = 0x11000

    /// Flash order from a rotated file.
    public static func unrotate(_ file: [UInt8]) -> [UInt8] {
        guard file.count > rotation else { return file }
        let split = file.count - rotation
        return Array(file[split...]) + Array(file[..<split])
    }

    /// The rotated file an old Easy Flasher would have saved for `flash` (file[i] = flash[(i + 0x11000) mod size]).
    public static func rotate(_ flash: [UInt8]) -> [UInt8] {
        guard flash.count > rotation else { return flash }
        return Array(flash[rotation...]) + Array(flash[..<rotation])
    }

    /// Why `file` looks rotated: a bootloader where flash 0x0 would land, or nil.
    static func bootloaderEvidence(in file: [UInt8]) -> String? {
        let bootloaderAt = file.count - rotation
        if let info = CodeProbe.knownBootloader(in: file, at: bootloaderAt) {
            return "bootloader \(info.name) at file offset \(hex(bootloaderAt)) (= flash 0x0 after un-rotating)"
        }
        if let key = CodeProbe.key(in: file, at: bootloaderAt, logicalAddress: 0) {
            return "bootloader code (\(key.name) key) at file offset \(hex(bootloaderAt)) (= flash 0x0 after un-rotating)"
        }
        return nil
    }
}
