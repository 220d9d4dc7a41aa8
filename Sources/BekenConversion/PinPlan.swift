import OpenBeken
import TuyaConfig

/// Where the pins come from and which they are (BK7231GUIFlashTool TuyaConfig.cs, TuyaModules.cs; OpenBekenIOT/webapp templateParser.js via `TuyaTemplateBuilder`).
public struct PinPlan: Sendable {
    public enum Source: Sendable, Equatable {
        /// The user asked for none.
        case noneRequested
        /// A template the user gave.
        case template(name: String)
        /// The backup's Tuya configuration.
        case tuyaConfig
        /// The backup holds no Tuya configuration (`reason` says why the reader gave up).
        case noTuyaConfig(reason: String)
        /// The Tuya configuration names no pins.
        case tuyaConfigNamesNoPins
    }

    /// Applied to the config; nil when no pins are set.
    public let template: DeviceTemplate?
    public let source: Source
    /// What the Tuya mapping says about the device (its own lines; empty for other sources).
    public let tuyaDescription: [String]

    static func derive(backup: [UInt8], choice: ConversionSettings.PinChoice) -> PinPlan {
        switch choice {
        case .none:
            return PinPlan(template: nil, source: .noneRequested, tuyaDescription: [])
        case .template(let template, let name):
            return PinPlan(template: template, source: .template(name: name), tuyaDescription: [])
        case .fromBackup:
            let config: TuyaDeviceConfig
            do {
                config = try TuyaConfigReader.read(backup)
            } catch {
                return PinPlan(template: nil, source: .noTuyaConfig(reason: error.description), tuyaDescription: [])
            }
            let result = TuyaTemplateBuilder.build(config)
            if result.template.pins.isEmpty && result.startupCommand.isEmpty {
                return PinPlan(template: nil, source: .tuyaConfigNamesNoPins, tuyaDescription: result.description)
            }
            return PinPlan(template: result.template, source: .tuyaConfig, tuyaDescription: result.description)
        }
    }
}
