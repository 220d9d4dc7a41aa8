import BekenFlasher
import BekenProtocol
import OpenBeken

/// The OpenBeken config sector a conversion writes: the firmware's defaults for this chip and MAC, the pins, the
/// user's Wi-Fi, MQTT and names (OpenBeken new_cfg.h `mainConfig_t` via `OBKConfig`).
public struct ConfigPlan: Sendable {
    public let config: OBKConfig
    /// The encoded 4 KiB sector.
    public let sector: [UInt8]
    /// Where it goes.
    public let offset: Int
    public let notes: [ConfigNote]

    /// Things worth knowing about the config that are not errors.
    public enum ConfigNote: Sendable, Equatable {
        /// The chip has no MAC: the names get a suffix (derived from the backup, so a rerun builds the same sector).
        case namesUseSuffix(shortName: String)
        /// The template names another chip than the config's.
        case templateForOtherChip(template: String, chip: String)
    }

    static func build(platform: OBKPlatform, offset: Int, identity: ChipIdentity, pins: DeviceTemplate?,
                      settings: ConversionSettings, backup: [UInt8]) throws(ConversionError) -> ConfigPlan {
        var notes: [ConfigNote] = []
        var config: OBKConfig
        if let mac = identity.mac, mac.count == 6 {
            config = OBKConfig.firmwareDefaults(platform: platform, mac: mac)
        } else {
            // Without a MAC the names need a suffix; take it from the backup so a rerun builds the same sector.
            let crc = BekenCRC32.standard(backup)
            config = OBKConfig.firmwareDefaults(platform: platform,
                                                mac: [0, 0] + (0..<4).map { UInt8(truncatingIfNeeded: crc >> (24 - 8 * $0)) })
            config.mac = [0, 0, 0, 0, 0, 0]  // Beken firmware takes its MAC from the RF data (OpenBeken new_pins.h)
            if settings.name == nil { notes.append(.namesUseSuffix(shortName: config.shortDeviceName)) }
        }
        do {
            if let pins {
                try config.apply(template: pins)
                let wanted = pins.chip.lowercased()
                if !wanted.isEmpty, wanted != "todo", wanted != platform.rawValue {
                    notes.append(.templateForOtherChip(template: pins.chip, chip: platform.chip.displayName))
                }
            }
        } catch {
            throw .configInvalid(error)
        }
        let network = settings.network
        if let ssid = network.wifiSSID { config.wifiSSID = ssid }
        if let password = network.wifiPassword { config.wifiPassword = password }
        if let host = network.mqttHost {
            config.mqttHost = host
            config.mqttPort = Int32(network.mqttPort)
        }
        if let user = network.mqttUser { config.mqttUserName = user }
        if let password = network.mqttPassword { config.mqttPassword = password }
        if let name = settings.name {
            let shortLimit = OBKConfigLayout.shortDeviceName.size - 1
            guard name.utf8.count <= shortLimit else { throw .nameTooLong(bytes: name.utf8.count, limit: shortLimit) }
            config.longDeviceName = name
            config.shortDeviceName = name
            config.mqttClientID = name
        }
        let sector: [UInt8]
        do { sector = try config.encodedSector() } catch { throw .configInvalid(error) }
        return ConfigPlan(config: config, sector: sector, offset: offset, notes: notes)
    }
}
