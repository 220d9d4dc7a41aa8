/// OpenBeken's configuration (`mainConfig_t`, OpenBeken new_pins.h): every field of the 3584-byte struct as a
/// property, so decoding a sector and encoding it again gives the same bytes.
///
/// `OBKConfig()` is the all-zero struct with version 5; `OBKConfig.firmwareDefaults(...)` is what the
/// firmware itself writes on first boot. Encode with `encodedSector()`, decode with `init(decoding:)`
/// (both in `OBKConfigCodec.swift`). Strings are UTF-8; their byte limits are in `OBKConfigStrings`.
public struct OBKConfig: Sendable, Hashable, Codable {
    /// 5 for current firmware; 4 = Easy Flasher's; 3 = the legacy 2016-byte layout (OpenBeken new_cfg.c, tiny_crc8.c).
    public var version: Int32 = OBKConfigLayout.currentVersion
    /// `genericFlags` (flags 0–31) and `genericFlags2` (flags 32–63).
    public var flags: OBKFlags = []
    /// Incremented by the firmware on every save.
    public var changeCounter: UInt16 = 0
    public var otaCounter: UInt16 = 0

    public var wifiSSID = ""
    /// Up to 64 bytes: the firmware copies it without needing a terminator (OBK `CFG_SetWiFiPass`).
    public var wifiPassword = ""
    public var mqttHost = ""
    /// Also the device's MQTT topic.
    public var mqttClientID = ""
    public var mqttUserName = ""
    public var mqttPassword = ""
    public var mqttPort: Int32 = 0
    public var webappRoot = ""
    /// Only used by XRadio/BL602 builds; Beken takes the MAC from the RF calibration data (OpenBeken new_pins.h).
    public var mac: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.mac.size)
    public var shortDeviceName = ""
    /// The host name the device announces.
    public var longDeviceName = ""

    /// 32 entries (48 on BK7252N builds, `OBKPinBlock`), indexed by GPIO number (BK7231T/N use 0...28).
    public var pins: [OBKPin] = Array(repeating: .unused, count: OBKConfigLayout.pinCount)
    /// 64 channel types (`ChType_*` numbers).
    public var channelTypes: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.channelCount)
    /// 64 channel start values.
    public var startChannelValues: [Int16] = Array(repeating: 0, count: OBKConfigLayout.channelCount)
    public var logToLFS: UInt8 = 0

    public var deviceGroupSendFlags: UInt32 = 0
    public var deviceGroupReceiveFlags: UInt32 = 0
    public var deviceGroupName = ""
    public var ntpServer = ""
    /// 8 power-metering calibration words; each is an `int` or a `float` bit pattern (OBK `cal.values[i]`).
    public var powerCalibration: [UInt32] = Array(repeating: 0, count: 8)

    /// Button timings in 0.1 s units.
    public var buttonShortPress: UInt8 = 0
    public var buttonLongPress: UInt8 = 0
    public var buttonHoldRepeat: UInt8 = 0
    public var lfsSize: UInt32 = 0
    public var loggerFlags: UInt32 = 0

    public var staticIP: OBKStaticIP = .dhcp
    /// LED channel remap r, g, b, c, w.
    public var ledRemap: [UInt8] = Array(repeating: 0, count: OBKConfigLayout.ledRemap.size)
    /// `led_corr` as 6 float32 bit patterns: rgb_cal[3], gamma, rgb_min, cw_min. See `ledCorrectionValues`.
    public var ledCorrection: [UInt32] = Array(repeating: 0, count: 6)
    public var mqttGroup = ""
    /// `timeRequiredToMarkBootSuccessfull`.
    public var bootOKSeconds: UInt8 = 0
    public var pingInterval: Int32 = 0
    public var pingSeconds: Int32 = 0
    public var pingHost = ""
    /// `initCommandLine`, the "short startup command" run after boot (up to 1567 bytes).
    public var startupCommand = ""

    public var wifiSSID2 = ""
    /// The real `wifi_pass2` at 0xC40.
    public var wifiPassword2 = ""
    /// HTTP Basic password for user "admin"; firmware clears it when loading a version < 5 config.
    public var webPassword = ""
    public var mqttUseTLS: UInt8 = 0
    public var mqttVerifyTLSCert: UInt8 = 0
    public var mqttCertFile = ""
    public var disableWebServer: UInt8 = 0

    /// The unused gaps, kept verbatim.
    public var reserved: OBKReservedBytes = .zero

    /// String fields whose stored bytes are not the plain "text, NUL, zeros" form, keyed by field name
    /// (`OBKConfigField.name`). The firmware's `strcpy_safe` does not clear what follows the NUL, so an
    /// older, longer value can survive behind it; invalid UTF-8 and text without its NUL also land here
    /// (as do version-3 values longer than that layout allowed). Encoding writes these
    /// bytes back as long as the property still holds the text they decode to, and the plain form otherwise.
    public var preservedStringBytes: [String: [UInt8]] = [:]

    /// The all-zero struct with version 5.
    public init() {}
}

extension OBKConfig {
    /// `ledCorrection` as floats.
    public var ledCorrectionValues: [Float] {
        get { ledCorrection.map(Float.init(bitPattern:)) }
        set { ledCorrection = newValue.map(\.bitPattern) }
    }

    /// GPIO numbers whose pin entry is not all zero.
    public var configuredPins: [(gpio: Int, pin: OBKPin)] {
        pins.enumerated().filter { !$0.element.isUnused }.map { (gpio: $0.offset, pin: $0.element) }
    }

    /// The all-zero struct of a build whose pin arrays have `pinBlock.pinCount` entries (its `unusedSectorAB`
    /// is as much shorter, OpenBeken new_pins.h).
    public init(pinBlock: OBKPinBlock) {
        self.init()
        pins = Array(repeating: .unused, count: pinBlock.pinCount)
        reserved.sectorAB = Array(repeating: 0, count: pinBlock.placed(OBKConfigLayout.unusedSectorAB).size)
    }

    /// The pin block `pins` stands for, nil for a count no build has.
    public var pinBlock: OBKPinBlock? { OBKPinBlock(rawValue: pins.count) }

    /// Sets one GPIO's role and channels (role as its `ioRole_t` number).
    public mutating func setPin(_ gpio: Int, role: UInt8, channel: UInt8 = 0, channel2: UInt8 = 0) throws(OBKConfigError) {
        guard pins.indices.contains(gpio) else { throw .pinOutOfRange(gpio: gpio, count: pins.count) }
        pins[gpio] = OBKPin(role: role, channel: channel, channel2: channel2)
    }
}
