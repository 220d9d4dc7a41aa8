/// A made-up Tuya smart plug (CB2S, BK7231N, BL0937 metering) for `bktool demo` and tests: a KV store the
/// encoder writes with the wiring of seed 000's plug. Every identifier and credential here is fake.
public enum TuyaDemoDevice {
    /// The plug's `user_param_key`: relay P8, button P24, Wi-Fi LED P23 (active low), BL0937 CF P6, CF1 P7, SEL P26.
    public static let userParamKey =
        "{sel_pin_pin:26,rl1_lv:1,bt1_pin:24,net_trig:4,jv:1.0.7,netled1_lv:0,netled_reuse:0,ffc_select:0,"
        + "nety_led:1,vi_pin:7,over_cur:25000,resistor:1,bt1_lv:0,reset_t:5,netled1_pin:23,chip_type:0,"
        + "lose_vol:75,over_vol:255,module:CB2S,ele_pin:6,ele_fun_en:1,sel_pin_lv:1,rl1_pin:8,ch_num:1,"
        + "ch_dpid1:1,ch_cddpid1:9,crc:1,}"

    /// Store keys and values (fake credentials, so redaction can be shown safely).
    public static let keys: [(name: String, value: [UInt8])] = [
        ("gw_bi", Array(#"{"uuid":"demo00000000000000","psk_key":"demo-psk-key","auth_key":"demo-auth-key-0000000000000000","ap_ssid":"SmartLife","ap_passwd":null,"country_code":"EU","prod_test":false}"#.utf8) + [0]),
        ("user_param_key", Array(userParamKey.utf8) + [0]),
        ("gw_di", Array(#"{"abi":0,"id":"demo-device-id-0000","swv":"1.1.17","bv":"40.00","pv":"2.2","pk":"demoproductkey00","firmk":"demoproductkey00"}"#.utf8) + [0]),
        ("gw_wsm", Array(#"{"nc_tp":0,"ssid":null,"passwd":null,"md":0,"wfb64":1,"stat":0,"token":null}"#.utf8) + [0]),
        ("em_sys_env", Array("bk7231n".utf8) + [0]),
    ]

    /// Where the store lives in a 2 MiB BK7231N image (BK7231GUIFlashTool TuyaConfig.cs).
    public static let storeOffset = 0x1E_E000

    /// The 72 KiB encrypted KV store (key block + 17 data sectors, 3 of them older swap copies).
    public static func store() -> [UInt8] {
        // The fixed demo key and a valid layout cannot fail to encode.
        try! TuyaStoreEncoder.encode(entries: keys, options: .init(staleCopies: 3, generation: 5))
    }

    /// Writes the store into a flash image at `storeOffset` (the image must hold it).
    public static func install(into image: inout [UInt8]) {
        let bytes = store()
        precondition(image.count >= storeOffset + bytes.count, "the image is too small for the Tuya store")
        image.replaceSubrange(storeOffset..<storeOffset + bytes.count, with: bytes)
    }
}
