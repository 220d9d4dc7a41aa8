/// `user_param_key` names we know, used to validate and repair keys read from garbled boot logs
/// (boot-log rule 6, `BootLogParser`). `#` stands for a channel number (one or more digits).
public enum TuyaKnownKeys {
    static let patterns: [String] = [
        // Plug firmware look-up needles — format strings of the Mirabella `oem_bk7231n_plug` app (real dump).
        "over_vol", "lose_vol", "over_cur", "chip_type", "ele_fun_en", "ele_pin", "vi_pin", "sel_pin_lv",
        "sel_pin_pin", "resistor", "vol_def", "zero_select", "zero_t", "zero_io_pin", "ffc_select", "rl#_type",
        "rl_type", "rl#_drvtime", "rl_drvtime", "jv", "module", "net_trig", "total_led_lv", "total_led_pin",
        "total_bt_lv", "total_bt_pin", "bt_type", "bt#_type", "netled#_lv", "netled#_pin", "nety_led", "netn_led",
        "netled_reuse", "reset_t", "ch#_stat", "total_stat", "ch_num", "rl#_lv", "rl#_pin", "rl_on#_lv",
        "rl_on#_pin", "rl_off#_lv", "rl_off#_pin", "bt#_lv", "bt#_pin", "led#_lv", "led#_pin", "ch_dpid#",
        "ch_cddpid#", "crc",
        // Keys read by the pin rules — BK7231GUIFlashTool TuyaConfig.cs; OpenBekenIOT/webapp templateParser.js; LibreTiny docs tuya-pin-config.md; UPK2ESPHome parts/*.py, parts/monitor.py; OpenBeken drv_tuyaMCU.c.
        "netled_pin", "netled_lv", "wfst", "wfst_pin", "wfst_lv", "bz_pin_pin", "buzzer_io", "buzzer_pwm",
        "status_led_pin", "status_led_lv", "remote_io", "samp_sw_pin", "samp_sw_lv", "samp_pin", "i2c_scl_pin",
        "i2c_sda_pin", "alt_pin_pin", "one_wire_pin", "backlit_io_pin", "backlit_io_lv", "max_V", "min_V", "rl",
        "bt_pin", "bt_lv", "bt", "k#pin_pin", "k#pin_lv", "door#_magt_pin", "door#_magt_lv", "onoff#",
        "gate_sensor_pin_pin", "gate_sensor_pin_lv", "basic_pin_pin", "basic_pin_lv", "epin", "ivpin", "ivcpin",
        "r_pin", "g_pin", "b_pin", "c_pin", "w_pin", "r_lv", "g_lv", "b_lv", "c_lv", "w_lv", "mic", "micpin",
        "ctrl_pin", "ctrl_lv", "irpin", "infrr", "infre", "ir", "reset_pin", "reset_lv", "key_pin", "key_lv",
        "pwmhz", "pirsense_pin", "pirlduty", "pirfreq", "pirmduty", "pirin_pin", "pirin_lv", "mosi", "miso",
        "firstpin_pin", "secpin_pin", "iicscl", "iicsda", "iicr", "iicg", "iicb", "iicc", "iicw", "ehccur",
        "ehwcur", "campere", "wampere", "iicccur", "iicwcur", "dccur", "dwcur", "drgbcur", "cjwcur", "cjccur",
        "2235ccur", "2235wcur", "2335ccur", "kp58wcur", "kp58ccur", "ele_rx", "ele_tx", "baud",
        // Other keys seen in the stored configs of the test dumps (section 4, user_param_key, of the peer outputs beside the real dumps).
        "Jsonver", "category", "module", "cmod", "dmod", "cwtype", "pmemory", "title20", "wfcfg", "wfct", "wt",
        "rstnum", "rstcor", "rstbr", "rsttemp", "deftemp", "defbright", "defcolor", "brightmin", "brightmax",
        "colormin", "colormax", "cwmaxp", "colormaxp", "colorpfun", "onoffmode", "onofftime", "notdisturb",
        "prodagain", "remdmode", "cagt", "rgbt", "mixway", "mutex", "irfunc", "nightled", "gmwr", "gmwg", "gmwb",
        "gmkr", "gmkg", "gmkb", "rand_dpid", "led_dp", "backlit_select", "backlit_dp", "inch_dp", "init_conf",
        "cyc_dpid", "ch_flag#", "cd_flag#", "light_status_select", "on_off_cnt", "onoff_rst_m", "onoff_clear_t",
        "onoff_n", "onoff_rst_type", "onoff_type", "remote_add_dp", "remote_list_dp", "remote_select", "net_type",
        "clean_t", "series_ctrl", "rf_width", "dctrl_select", "mxcl_led_m", "reuse_led_m",
    ]

    /// True if `key` is a known `user_param_key` name.
    public static func isKnown(_ key: String) -> Bool {
        let k = Array(key.utf8)
        return patterns.contains { matches(Array($0.utf8), k) }
    }

    /// Concrete names (channel numbers 1…8) for fuzzy repair of garbled keys.
    static let concreteNames: [String] = {
        var names: [String] = []
        for pattern in patterns {
            if pattern.contains("#") {
                for n in 1...8 { names.append(pattern.split(separator: "#", omittingEmptySubsequences: false).joined(separator: String(n))) }
            } else {
                names.append(pattern)
            }
        }
        return Array(Set(names)).sorted()
    }()

    private static func matches(_ pattern: [UInt8], _ key: [UInt8]) -> Bool {
        var p = 0
        var k = 0
        while p < pattern.count {
            if pattern[p] == UInt8(ascii: "#") {
                let start = k
                while k < key.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(key[k]) { k += 1 }
                if k == start { return false }
                p += 1
            } else {
                guard k < key.count, key[k] == pattern[p] else { return false }
                p += 1
                k += 1
            }
        }
        return k == key.count
    }
}
