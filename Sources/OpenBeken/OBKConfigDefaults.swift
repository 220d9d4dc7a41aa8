import BekenChips

/// The OpenBeken platforms whose first-boot defaults we know (OBK `src/new_common.h`, `src/new_cfg.c`).
public enum OBKPlatform: String, Sendable, Hashable, Codable, CaseIterable {
    case bk7231t
    case bk7231n
    case bk7231u
    case bk7238
    /// `CFG_SOC_NAME` 8 → `PLATFORM_BK7252N` (OpenBeken `platforms/BK723x/OpenBeken.mk`): 48 pins (`pinBlock`).
    case bk7252n

    /// The platform for a chip family, or nil where we do not know OpenBeken's defaults. A BK7231M runs the N
    /// build made with the zero key: OpenBeken's BK723x makefile defines the platform from the SDK's SoC number
    /// (`CFG_SOC_NAME` 5 → `PLATFORM_BK7231N`, OpenBeken `platforms/BK723x/OpenBeken.mk`), so its defaults are the
    /// N's. BK7238 (`CFG_SOC_NAME` 7 → `PLATFORM_BK7238`): a T1 conversion also moves the RF calibration
    /// (BekenConversion `ConversionPlan.rfCalibrationMove`).
    public init?(chip: ChipKind) {
        switch chip {
        case .bk7231t: self = .bk7231t
        case .bk7231n, .bk7231m: self = .bk7231n
        case .bk7231u: self = .bk7231u
        case .bk7238: self = .bk7238
        case .bk7252n: self = .bk7252n
        default: return nil
        }
    }

    public var chip: ChipKind {
        switch self {
        case .bk7231t: .bk7231t
        case .bk7231n: .bk7231n
        case .bk7231u: .bk7231u
        case .bk7238: .bk7238
        case .bk7252n: .bk7252n
        }
    }

    /// How many GPIOs its config's pin arrays hold, which places every field after them (OpenBeken new_pins.h
    /// `pinsState_t`: 48 on BK7252N, 32 on the others here).
    public var pinBlock: OBKPinBlock {
        switch self {
        case .bk7231t, .bk7231n, .bk7231u, .bk7238: .pins32
        case .bk7252n: .pins48
        }
    }

    /// `PLATFORM_GPIO_MAX`, the GPIO indexes the build uses (OpenBeken new_pins.h): 40 on BK7252N, else the
    /// default 29 (P0…P28).
    public var gpioCount: Int {
        switch self {
        case .bk7231t, .bk7231n, .bk7231u, .bk7238: 29
        case .bk7252n: 40
        }
    }

    /// `DEVICENAME_PREFIX_FULL`: "OpenBK7231T" / "OpenBK7231N" / "OpenBK7231U" / "OpenBK7238" / "OpenBK7252N"
    /// [stated, OBK `new_common.h`].
    public var longNamePrefix: String {
        switch self {
        case .bk7231t: "OpenBK7231T"
        case .bk7231n: "OpenBK7231N"
        case .bk7231u: "OpenBK7231U"
        case .bk7238: "OpenBK7238"
        case .bk7252n: "OpenBK7252N"
        }
    }

    /// `DEVICENAME_PREFIX_SHORT`: "obk" on both [stated, OBK `new_common.h`].
    public var shortNamePrefix: String { "obk" }

    /// `DEF_MQTT_GROUP`, the group topic `CFG_SetDefaultConfig` sets [stated, OBK `new_cfg.c`, `new_common.h`]:
    /// one per platform since OpenBeken commit c7125ae (2026-06-05, "GD32VW553 support"); before it only T and N
    /// had one and the others got "obks".
    public var defaultMQTTGroup: String {
        switch self {
        case .bk7231t: "bekens_t"
        case .bk7231n: "bekens_n"
        case .bk7231u: "bekens_u"
        case .bk7238: "bekens_8s"
        case .bk7252n: "bekens_52n"
        }
    }
}

extension OBKConfig {
    /// What the firmware writes when it finds no valid config (`CFG_SetDefaultConfig`, OpenBeken new_pins.h;
    /// [stated, OBK `src/new_cfg.c`]): version 5, MQTT port 1883 and user "homeassistant" with password
    /// "qqqqqqqqqq", boot-OK after 5 s, ping host 192.168.0.1, the web app root, names from MAC bytes 2–5
    /// ("obk" + 8 hex digits, "OpenBK7231N_" + 8 hex digits), client id = short name, the platform's group
    /// topic, NTP server 217.147.223.78, buttons 3/10/5 (short/long/repeat, 0.1 s), flag 10
    /// (MQTT_BROADCASTSELFSTATEONCONNECT), LED correction 1, 1, 1, 2.2, 0.1, 0.1. Wi-Fi stays empty, so the
    /// device opens its own access point.
    ///
    /// - Parameter mac: the device's 6-byte MAC (stored in `mac` and used for the names).
    public static func firmwareDefaults(platform: OBKPlatform, mac: [UInt8]) -> OBKConfig {
        precondition(mac.count == 6, "a MAC has 6 bytes")
        var config = OBKConfig(pinBlock: platform.pinBlock)
        config.version = OBKConfigLayout.currentVersion
        config.mqttPort = 1883
        config.bootOKSeconds = 5
        config.pingHost = "192.168.0.1"
        config.mqttUserName = "homeassistant"
        config.mqttPassword = "qqqqqqqqqq"
        config.mac = mac
        config.webappRoot = "https://openbekeniot.github.io/webapp/"
        let suffix = mac[2...5].map(hexByte).joined()
        config.longDeviceName = platform.longNamePrefix + "_" + suffix
        config.shortDeviceName = platform.shortNamePrefix + suffix
        config.mqttClientID = config.shortDeviceName
        config.mqttGroup = platform.defaultMQTTGroup
        config.ntpServer = "217.147.223.78"
        config.buttonHoldRepeat = 5
        config.buttonShortPress = 3
        config.buttonLongPress = 10
        config.flags = .mqttBroadcastSelfStateOnConnect
        config.ledCorrectionValues = [1, 1, 1, 2.2, 0.1, 0.1]
        return config
    }
}

private func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
