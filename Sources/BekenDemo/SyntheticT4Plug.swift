import BekenChips
import BekenImage
import TuyaConfig

/// A complete 2 MiB flash image of a made-up Tuya plug on a T4 module (BK7252N), for the end-to-end tests of
/// `bktool flash`. Every byte is generated here — nothing from a real dump:
/// - 0x000000 bootloader region: our own code ("BK7252N_DEMO_1") packaged with the zero key; its CRC-32 is in no
///   table, so flashers find the chip by its chip ID 0x7252A;
/// - 0x011000 app partition: Tuya-style code (project `oem_bk7252n_plug`, build banner "AT bk7252n") with the zero
///   key. Assumed: that Tuya's BK7252N firmware is stored like OpenBeken's BK7252N build, whose app the SDK
///   encrypts with `0 0 0 0 0` (beken_freertos_sdk application.mk, CFG_SOC_NAME 8); no BK7252N dump was checked;
/// - 0x1E0000 RF calibration TLV holding the MAC: the BK7252N's one RF offset (BK7231GUIFlashTool
///   `RFPartitionUtil.cs` getRFOffset; beken_freertos_sdk BkDriverFlash.c, 2 MiB table);
/// - 0x1EE000 the Tuya KV store, 1 key + 17 data sectors up to the end of flash (`TuyaConfig.cs` getMagicOffset/Size,
///   the default Beken entry), module `T4-U`: relay P26, button P24, Wi-Fi LED P8 (active low).
public enum SyntheticT4Plug {
    public static let chip: ChipKind = .bk7252n
    public static let flashSize = 0x20_0000
    /// Locally administered (bit 1 of the first byte), so it cannot clash with a real vendor's MAC.
    public static let mac: [UInt8] = [0x02, 0x42, 0x4B, 0x72, 0x52, 0x4E]
    public static var macString: String { mac.map { SyntheticTuyaPlug.hexByte($0) }.joined(separator: ":") }

    public static let project = "oem_bk7252n_plug"
    public static let appVersion = "1.0.5"
    public static let bootloaderVersionString = "BK7252N_DEMO_1"

    public static let appOffset = 0x11000
    public static let rfCalibrationOffset = 0x1E_0000
    public static let tuyaStoreOffset = 0x1E_E000
    /// 1 key sector + 17 data sectors = 0x12000, from 0x1EE000 to the end of 2 MiB.
    public static let tuyaStoreDataSectors = 17

    public static let userParamKey =
        "{rl1_pin:26,rl1_lv:1,bt1_pin:24,bt1_lv:0,netled1_pin:8,netled1_lv:0,module:T4-U,ch_num:1,"
        + "ch_dpid1:1,reset_t:5,jv:1.0.5,crc:1,}"

    /// Store keys and values (fake credentials, so redaction can be shown safely).
    public static let storeKeys: [(name: String, value: [UInt8])] = [
        ("gw_bi", Array(#"{"uuid":"demot4000000000000","psk_key":"demo-t4-psk","auth_key":"demo-t4-auth-key-00000000000000","ap_ssid":"SmartLife","ap_passwd":null,"country_code":"EU","prod_test":false}"#.utf8) + [0]),
        ("user_param_key", Array(userParamKey.utf8) + [0]),
        ("gw_di", Array(#"{"abi":0,"id":"demo-t4-device-0000","swv":"1.0.5","bv":"40.00","pv":"2.2","pk":"demot4product000","firmk":"demot4product000"}"#.utf8) + [0]),
    ]

    /// The whole flash, 2 MiB, identical on every call.
    public static func flashImage() -> [UInt8] {
        // Fixed synthetic inputs that fit their partitions: packaging and encoding cannot fail.
        var image = try! FirmwarePackager.qioImage(bootloaderRegion: bootloaderRegion(), appImage: appImage(),
                                                   flashSize: flashSize)
        image.replaceSubrange(rfCalibrationOffset..<rfCalibrationOffset + SyntheticRFCalibration.sectorSize,
                              with: SyntheticRFCalibration.sector(mac: mac))
        let store = try! TuyaStoreEncoder.encode(entries: storeKeys,
                                                 options: .init(dataSectors: tuyaStoreDataSectors, staleCopies: 2,
                                                                generation: 3))
        image.replaceSubrange(tuyaStoreOffset..<tuyaStoreOffset + store.count, with: store)
        return image
    }

    /// Flash 0x0–0x10FFF.
    public static func bootloaderRegion() -> [UInt8] {
        let code = SyntheticCode.build(address: 0, branchOffset: 0x52, seed: 0x7252, size: 12 * 1024,
                                       strings: [bootloaderVersionString, "bootloader (synthetic demo)"])
        return try! FirmwarePackager.bootloaderRegion(code: code, partitionTable: SyntheticT1Plug.partitionTable,
                                                      options: options)
    }

    /// The app partition as written at 0x11000.
    public static func appImage() -> [UInt8] {
        let code = SyntheticCode.build(address: 0x10000, branchOffset: 0x0E, seed: 0x7152, size: 640 * 1024, strings: [
            project, "", appVersion,
            "< BUILD AT:2026_01_01_00_00_00 BY demo FOR ty_iot_sdk AT bk7252n >",
            "< TUYA IOT SDK V:0.0.0 BS:synthetic (demo) >",
            "relay", "button",
        ])
        return try! FirmwarePackager.appImage(code: code, options: options)
    }

    static let options = FirmwarePackager.Options(key: .zero, version: "1.00", timestamp: 1_767_225_600)
}
