import BekenChips
import BekenImage
import TuyaConfig

/// A complete 2 MiB flash image of a made-up Tuya T1 smart plug (T1-2S module, BK7238) as Tuya's factory firmware
/// leaves it, for `bktool demo --chip bk7238` and tests. Every byte is generated here — nothing from a real dump:
/// - 0x000000 bootloader region: our own code ("BK7238_DEMO_1") packaged like a real one with the zero key (the
///   BK7238 bootloaders of bk7231tools `enums.py` carry no key); its CRC-32 is in no table, so
///   flashers call it an unknown bootloader and find the chip by its chip ID 0x7238;
/// - 0x011000 app partition: Tuya-style code (project `oem_bk7238_plug`, build banner "AT bk7238"), not encrypted;
/// - 0x1E3000 RF calibration TLV holding the MAC, where Tuya's T1 factory firmware keeps it; 0x1E0000 (where
///   OpenBeken reads it) is erased (BK7231GUIFlashTool `RFPartitionUtil.cs` `getMACFromQio` T1 fix);
/// - 0x1F5000 the Tuya KV store, 1 key + 10 data sectors up to the end of flash (`TuyaConfig.cs` getMagicOffset/Size
///   for BK7238), platform `T1`, module `T1-2S`: relay P26, button P24, Wi-Fi LED P8 (active low).
public enum SyntheticT1Plug {
    public static let chip: ChipKind = .bk7238
    public static let flashSize = 0x20_0000
    /// Locally administered (bit 1 of the first byte), so it cannot clash with a real vendor's MAC.
    public static let mac: [UInt8] = [0x02, 0x42, 0x4B, 0x72, 0x38, 0x54]
    public static var macString: String { mac.map { SyntheticTuyaPlug.hexByte($0) }.joined(separator: ":") }

    public static let project = "oem_bk7238_plug"
    public static let appVersion = "1.0.3"
    public static let bootloaderVersionString = "BK7238_DEMO_1"

    /// Flash offsets (BK7231GUIFlashTool `OBKFlashLayout.cs`, `RFPartitionUtil.cs`, `TuyaConfig.cs`).
    public static let appOffset = 0x11000
    public static let rfCalibrationOffset = 0x1E_3000
    public static let tuyaStoreOffset = 0x1F_5000
    /// 1 key sector + 10 data sectors = 0xB000, from 0x1F5000 to the end of 2 MiB.
    public static let tuyaStoreDataSectors = 10

    /// The plug's `user_param_key` (T1-2S GPIOs 0 1 6 8 9 10 11 24 26, LibreTiny board `t1-2s`).
    public static let userParamKey =
        "{rl1_pin:26,rl1_lv:1,bt1_pin:24,bt1_lv:0,netled1_pin:8,netled1_lv:0,module:T1-2S,ch_num:1,"
        + "ch_dpid1:1,reset_t:5,jv:1.0.3,crc:1,}"

    /// Store keys and values (fake credentials, so redaction can be shown safely).
    public static let storeKeys: [(name: String, value: [UInt8])] = [
        ("gw_bi", Array(#"{"uuid":"demot1000000000000","psk_key":"demo-t1-psk","auth_key":"demo-t1-auth-key-00000000000000","ap_ssid":"SmartLife","ap_passwd":null,"country_code":"EU","prod_test":false}"#.utf8) + [0]),
        ("user_param_key", Array(userParamKey.utf8) + [0]),
        ("gw_di", Array(#"{"abi":0,"id":"demo-t1-device-0000","swv":"1.0.3","bv":"40.00","pv":"2.2","pk":"demot1product000","firmk":"demot1product000"}"#.utf8) + [0]),
        ("em_sys_env", Array("T1".utf8) + [0]),
    ]

    /// The FAL table our bootloader carries: bootloader and app (the shape of Beken's FAL table); no download entry, since
    /// no source gives the BK7238's.
    public static let partitionTable = PartitionTable(tableOffset: 0, entries: [
        .init(name: "bootloader", flashName: "beken_onchip_crc", offset: 0, length: 0x10000),
        .init(name: "app", flashName: "beken_onchip_crc", offset: 0x10000, length: 0x108700),
    ])

    /// The whole flash, 2 MiB, identical on every call.
    public static func flashImage() -> [UInt8] {
        // Fixed synthetic inputs that fit their partitions: packaging and encoding cannot fail.
        var image = try! FirmwarePackager.qioImage(bootloaderRegion: bootloaderRegion(), appImage: appImage(),
                                                   flashSize: flashSize)
        image.replaceSubrange(rfCalibrationOffset..<rfCalibrationOffset + SyntheticRFCalibration.sectorSize,
                              with: SyntheticRFCalibration.sector(mac: mac))
        let store = tuyaStore()
        image.replaceSubrange(tuyaStoreOffset..<tuyaStoreOffset + store.count, with: store)
        return image
    }

    /// The encrypted KV store, 0xB000 bytes.
    public static func tuyaStore() -> [UInt8] {
        try! TuyaStoreEncoder.encode(entries: storeKeys,
                                     options: .init(dataSectors: tuyaStoreDataSectors, staleCopies: 2, generation: 3))
    }

    /// Flash 0x0–0x10FFF.
    public static func bootloaderRegion() -> [UInt8] {
        let code = SyntheticCode.build(address: 0, branchOffset: 0x52, seed: 0x7238, size: 12 * 1024,
                                       strings: [bootloaderVersionString, "bootloader (synthetic demo)"])
        return try! FirmwarePackager.bootloaderRegion(code: code, partitionTable: partitionTable, options: options)
    }

    /// The app partition as written at 0x11000.
    public static func appImage() -> [UInt8] {
        let code = SyntheticCode.build(address: 0x10000, branchOffset: 0x0E, seed: 0x7138, size: 640 * 1024, strings: [
            project, "", appVersion,
            "< BUILD AT:2026_01_01_00_00_00 BY demo FOR ty_iot_sdk AT bk7238 >",
            "< TUYA IOT SDK V:0.0.0 BS:synthetic (demo) >",
            "relay", "button",
        ])
        return try! FirmwarePackager.appImage(code: code, options: options)
    }

    static let options = FirmwarePackager.Options(key: .zero, version: "1.00", timestamp: 1_767_225_600)
}
