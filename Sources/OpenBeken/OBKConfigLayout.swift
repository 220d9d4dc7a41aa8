/// One field of OpenBeken's `mainConfig_t` as stored on BK7231T/N (32-bit, little-endian).
public struct OBKConfigField: Sendable, Hashable, CustomStringConvertible {
    /// The member name in OBK `src/new_pins.h` (`mainConfig_s`).
    public let name: String
    /// A short human label for messages.
    public let label: String
    public let offset: Int
    public let size: Int

    public init(_ name: String, _ label: String, offset: Int, size: Int) {
        self.name = name
        self.label = label
        self.offset = offset
        self.size = size
    }

    public var range: Range<Int> { offset..<(offset + size) }
    public var description: String { "\(label) (mainConfig_t.\(name))" }
}

/// The byte layout of `mainConfig_t` on BK7231T/N and every "default" 32-bit platform.
/// Every row: OpenBeken new_pins.h [verified there by compiling the real header with `gcc -m32`].
/// `allFields` covers the 3584 bytes without gaps (checked by a test).
public enum OBKConfigLayout {
    /// sizeof(mainConfig_t) on 32-bit targets (OpenBeken new_cfg.c, tiny_crc8.c).
    public static let structSize = 3584
    /// The flash sector that holds it; the firmware leaves the rest 0xFF (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public static let sectorSize = 4096
    /// Version 3 configs were 2016 bytes (`MAGIC_CONFIG_SIZE_V3`); their CRC covers 4..<2016 (OpenBeken new_cfg.c, tiny_crc8.c).
    public static let legacyV3Size = 2016
    public static let legacyV3Version: Int32 = 3
    /// What current firmware writes (`MAIN_CFG_VERSION`); version 4 makes it clear `webPassword` (OpenBeken new_cfg.c, tiny_crc8.c).
    public static let currentVersion: Int32 = 5
    /// Easy Flasher's `isValid` accepts versions up to 100 (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public static let maximumVersion: Int32 = 100
    /// The CRC8 covers everything from `version` on (OBK `CFG_CalcChecksum`, OpenBeken new_cfg.c, tiny_crc8.c).
    public static let checksummedStart = 4
    public static let ident: [UInt8] = Array("CFG".utf8)
    public static let pinCount = 32
    public static let channelCount = 64

    public static let identField = OBKConfigField("ident0..2", "identifier", offset: 0x000, size: 3)
    public static let crc = OBKConfigField("crc", "checksum", offset: 0x003, size: 1)
    public static let version = OBKConfigField("version", "version", offset: 0x004, size: 4)
    public static let genericFlags = OBKConfigField("genericFlags", "flags 0-31", offset: 0x008, size: 4)
    public static let genericFlags2 = OBKConfigField("genericFlags2", "flags 32-63", offset: 0x00C, size: 4)
    public static let changeCounter = OBKConfigField("changeCounter", "change counter", offset: 0x010, size: 2)
    public static let otaCounter = OBKConfigField("otaCounter", "OTA counter", offset: 0x012, size: 2)
    public static let wifiSSID = OBKConfigField("wifi_ssid", "Wi-Fi SSID", offset: 0x014, size: 64)
    public static let wifiPassword = OBKConfigField("wifi_pass", "Wi-Fi password", offset: 0x054, size: 64)
    public static let mqttHost = OBKConfigField("mqtt_host", "MQTT host", offset: 0x094, size: 256)
    public static let mqttClientID = OBKConfigField("mqtt_clientId", "MQTT client id", offset: 0x194, size: 64)
    public static let mqttUserName = OBKConfigField("mqtt_userName", "MQTT user", offset: 0x1D4, size: 64)
    public static let mqttPassword = OBKConfigField("mqtt_pass", "MQTT password", offset: 0x214, size: 128)
    public static let mqttPort = OBKConfigField("mqtt_port", "MQTT port", offset: 0x294, size: 4)
    public static let webappRoot = OBKConfigField("webappRoot", "web app root", offset: 0x298, size: 64)
    public static let mac = OBKConfigField("mac", "MAC", offset: 0x2D8, size: 6)
    public static let shortDeviceName = OBKConfigField("shortDeviceName", "short device name", offset: 0x2DE, size: 32)
    public static let longDeviceName = OBKConfigField("longDeviceName", "long device name", offset: 0x2FE, size: 64)
    public static let pinRoles = OBKConfigField("pins.roles", "pin roles", offset: 0x33E, size: 32)
    public static let pinChannels = OBKConfigField("pins.channels", "pin channels", offset: 0x35E, size: 32)
    public static let pinChannels2 = OBKConfigField("pins.channels2", "pin second channels", offset: 0x37E, size: 32)
    public static let channelTypes = OBKConfigField("pins.channelTypes", "channel types", offset: 0x39E, size: 64)
    public static let startChannelValues = OBKConfigField("startChannelValues", "channel start values", offset: 0x3DE, size: 128)
    public static let logToLFS = OBKConfigField("log2lfs", "log to LittleFS", offset: 0x45E, size: 1)
    public static let unusedFill = OBKConfigField("unused_fill", "unused", offset: 0x45F, size: 1)
    public static let dgrSendFlags = OBKConfigField("dgr_sendFlags", "device group send flags", offset: 0x460, size: 4)
    public static let dgrRecvFlags = OBKConfigField("dgr_recvFlags", "device group receive flags", offset: 0x464, size: 4)
    public static let dgrName = OBKConfigField("dgr_name", "device group name", offset: 0x468, size: 16)
    public static let ntpServer = OBKConfigField("ntpServer", "NTP server", offset: 0x478, size: 32)
    public static let powerCalibration = OBKConfigField("cal", "power calibration", offset: 0x498, size: 32)
    public static let buttonShortPress = OBKConfigField("buttonShortPress", "button short press", offset: 0x4B8, size: 1)
    public static let buttonLongPress = OBKConfigField("buttonLongPress", "button long press", offset: 0x4B9, size: 1)
    public static let buttonHoldRepeat = OBKConfigField("buttonHoldRepeat", "button hold repeat", offset: 0x4BA, size: 1)
    public static let unusedFill1 = OBKConfigField("unused_fill1", "unused", offset: 0x4BB, size: 1)
    public static let lfsSize = OBKConfigField("LFS_Size", "LittleFS size", offset: 0x4BC, size: 4)
    public static let loggerFlags = OBKConfigField("loggerFlags", "logger flags", offset: 0x4C0, size: 4)
    public static let unusedSectorAB = OBKConfigField("unusedSectorAB", "unused", offset: 0x4C4, size: 99)
    public static let staticIP = OBKConfigField("staticIP", "static IP", offset: 0x527, size: 16)
    public static let ledRemap = OBKConfigField("ledRemap", "LED remap", offset: 0x537, size: 5)
    public static let ledCorrection = OBKConfigField("led_corr", "LED correction", offset: 0x53C, size: 24)
    public static let mqttGroup = OBKConfigField("mqtt_group", "MQTT group topic", offset: 0x554, size: 64)
    public static let unusedByteFill = OBKConfigField("unused_bytefill", "unused", offset: 0x594, size: 3)
    public static let bootOKSeconds = OBKConfigField("timeRequiredToMarkBootSuccessfull", "boot-OK seconds", offset: 0x597, size: 1)
    public static let pingInterval = OBKConfigField("ping_interval", "ping interval", offset: 0x598, size: 4)
    public static let pingSeconds = OBKConfigField("ping_seconds", "ping restart seconds", offset: 0x59C, size: 4)
    public static let pingHost = OBKConfigField("ping_host", "ping host", offset: 0x5A0, size: 64)
    public static let startupCommand = OBKConfigField("initCommandLine", "startup command", offset: 0x5E0, size: 1568)
    public static let wifiSSID2 = OBKConfigField("wifi_ssid2", "second Wi-Fi SSID", offset: 0xC00, size: 64)
    /// The real `wifi_pass2` (Easy Flasher wrongly uses 0xC84, which is `webPassword`; OpenBeken new_pins.h).
    public static let wifiPassword2 = OBKConfigField("wifi_pass2", "second Wi-Fi password", offset: 0xC40, size: 68)
    public static let webPassword = OBKConfigField("webPassword", "web password", offset: 0xC84, size: 33)
    public static let mqttUseTLS = OBKConfigField("mqtt_use_tls", "MQTT TLS", offset: 0xCA5, size: 1)
    public static let mqttVerifyTLSCert = OBKConfigField("mqtt_verify_tls_cert", "MQTT TLS verify", offset: 0xCA6, size: 1)
    public static let mqttCertFile = OBKConfigField("mqtt_cert_file", "MQTT certificate file", offset: 0xCA7, size: 20)
    public static let disableWebServer = OBKConfigField("disable_web_server", "web server disabled", offset: 0xCBB, size: 1)
    public static let unusedTail = OBKConfigField("unused", "unused", offset: 0xCBC, size: 324)

    /// Every field in offset order.
    public static let allFields: [OBKConfigField] = [
        identField, crc, version, genericFlags, genericFlags2, changeCounter, otaCounter,
        wifiSSID, wifiPassword, mqttHost, mqttClientID, mqttUserName, mqttPassword, mqttPort, webappRoot, mac,
        shortDeviceName, longDeviceName, pinRoles, pinChannels, pinChannels2, channelTypes, startChannelValues,
        logToLFS, unusedFill, dgrSendFlags, dgrRecvFlags, dgrName, ntpServer, powerCalibration,
        buttonShortPress, buttonLongPress, buttonHoldRepeat, unusedFill1, lfsSize, loggerFlags, unusedSectorAB,
        staticIP, ledRemap, ledCorrection, mqttGroup, unusedByteFill, bootOKSeconds, pingInterval, pingSeconds,
        pingHost, startupCommand, wifiSSID2, wifiPassword2, webPassword, mqttUseTLS, mqttVerifyTLSCert,
        mqttCertFile, disableWebServer, unusedTail,
    ]

    /// How many bytes the CRC covers for a given version (OpenBeken new_cfg.c, tiny_crc8.c).
    public static func checksummedSize(forVersion version: Int32) -> Int {
        version == legacyV3Version ? legacyV3Size : structSize
    }
}
