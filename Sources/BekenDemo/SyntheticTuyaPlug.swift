import BekenChips
import BekenImage
import TuyaConfig

/// A complete 2 MiB flash image of a made-up Tuya smart plug (CB2S module, BK7231N, BL0937 metering), the device
/// `bktool demo` converts. Every byte is generated here — nothing comes from a real dump:
/// - 0x000000 bootloader region: our own code (version string "BK7231N_DEMO_1") packaged like a real one, with the
///   FAL partition table of BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions and its RBL trailer. Its CRC-32 is in no bootloader table (bk7231tools base/enums.py BkBootloaderType), so the
///   inspector calls it "unknown version" (intact and decryptable), not a known Beken/Tuya bootloader;
/// - 0x011000 app partition: synthetic Tuya-style code with the markers the inspector reads (project
///   `oem_bk7231n_plug`, version, build and SDK banners; BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py), encrypted with the Tuya key by `FirmwarePackager`;
/// - 0x1D0000 RF calibration TLV with a locally administered MAC (OpenBK7231N BkDriverFlash.c; BK7231GUIFlashTool RomReadCatalog.cs; ltchiptool soc/bk72xx/flash.py);
/// - 0x1EE000 the Tuya KV store of `TuyaDemoDevice` (its `user_param_key` wires relay, button, LED and BL0937).
public enum SyntheticTuyaPlug {
    public static let chip: ChipKind = .bk7231n
    public static let flashSize = 0x20_0000
    /// Locally administered (bit 1 of the first byte), so it cannot clash with a real vendor's MAC.
    public static let mac: [UInt8] = [0x02, 0x42, 0x4B, 0x72, 0x31, 0x4E]
    public static var macString: String { mac.map { hexByte($0) }.joined(separator: ":") }

    /// The app's project name and version (the store's `gw_di` says the same firmware version).
    public static let project = "oem_bk7231n_plug"
    public static let appVersion = "1.1.17"
    public static let bootloaderVersionString = "BK7231N_DEMO_1"

    /// The FAL table our bootloader carries: BK7231N values of BK7231GUIFlashTool FormMain.Decryption.cs ParsePartitions.
    public static let partitionTable = PartitionTable(tableOffset: 0, entries: [
        .init(name: "bootloader", flashName: "beken_onchip_crc", offset: 0, length: 0x10000),
        .init(name: "app", flashName: "beken_onchip_crc", offset: 0x10000, length: 0x108700),
        .init(name: "download", flashName: "beken_onchip", offset: 0x12A000, length: 0xA6000),
    ])

    /// Flash offsets of the parts (OpenBK7231N BkDriverFlash.c; BK7231GUIFlashTool TuyaConfig.cs).
    public static let appOffset = 0x11000
    public static let rfCalibrationOffset = 0x1D_0000
    public static let tuyaStoreOffset = TuyaDemoDevice.storeOffset

    /// The whole flash, 2 MiB, identical on every call.
    public static func flashImage() -> [UInt8] {
        // Fixed synthetic inputs that fit their partitions: packaging cannot fail.
        var image = try! FirmwarePackager.qioImage(bootloaderRegion: bootloaderRegion(), appImage: appImage(),
                                                   flashSize: flashSize)
        image.replaceSubrange(rfCalibrationOffset..<rfCalibrationOffset + SyntheticRFCalibration.sectorSize,
                              with: SyntheticRFCalibration.sector(mac: mac))
        TuyaDemoDevice.install(into: &image)
        return image
    }

    /// Flash 0x0–0x10FFF.
    public static func bootloaderRegion() -> [UInt8] {
        let code = SyntheticCode.build(address: 0, branchOffset: 0x52, seed: 0xB007, size: 12 * 1024,
                                       strings: [bootloaderVersionString, "bootloader (synthetic)"])
        return try! FirmwarePackager.bootloaderRegion(code: code, partitionTable: partitionTable, options: options)
    }

    /// The app partition as written at 0x11000 (0x118F70 bytes, trailer at 0x129F0A).
    public static func appImage() -> [UInt8] {
        try! FirmwarePackager.appImage(code: appCode(), options: options)
    }

    /// The plain (decrypted) app code: 896 KiB, the order of a real plug's app (the Mirabella dump's app RBL
    /// holds 0xE8160 bytes, peer-outputs), so the demo moves as many bytes as a real conversion.
    public static func appCode() -> [UInt8] {
        SyntheticCode.build(address: 0x10000, branchOffset: 0x0E, seed: 0x7A9A, size: 896 * 1024, strings: [
            project, "", appVersion,
            "< BUILD AT:2026_01_01_00_00_00 BY synthetic FOR ty_iot_sdk AT bk7231n >",
            "< TUYA IOT SDK V:0.0.0 BS:synthetic (demo) >",
            "bl0937 metering", "relay", "button",
        ])
    }

    static let options = FirmwarePackager.Options(key: .tuya, version: "1.00", timestamp: 1_767_225_600)

    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
