import OpenBeken
import TuyaConfig

/// The pins step of `flash`: a template the user gave, none (`--no-pins`), or the wiring read from the backup's
/// Tuya config (tuya.md §3–§5 via `TuyaTemplateBuilder`).
enum ConversionPins {
    struct Pins {
        /// Applied to the config; nil when no pins are set.
        let template: DeviceTemplate?
        /// Where the pins came from, for the summary.
        let source: String
        /// What to show the user (one line each).
        let lines: [String]
    }

    static func derive(backup: [UInt8], templatePath: String?, noPins: Bool) throws -> Pins {
        if noPins {
            return Pins(template: nil, source: "none (--no-pins)", lines: ["No pins set (--no-pins); configure them in the web UI."])
        }
        if let templatePath {
            let template = try OBKConfigBuildCommand.readTemplate(templatePath)
            return Pins(template: template, source: "template \(templatePath)", lines: describe(template))
        }
        let config: TuyaDeviceConfig
        do {
            config = try TuyaConfigReader.read(backup)
        } catch {
            return Pins(template: nil, source: "none (no Tuya config in the backup)",
                        lines: ["No Tuya configuration found in the backup (\(error.description)); no pins are set.",
                                "Pass --template FILE with the device's OpenBeken template, or set the pins in the web UI."])
        }
        let result = TuyaTemplateBuilder.build(config)
        if result.template.pins.isEmpty && result.startupCommand.isEmpty {
            return Pins(template: nil, source: "none (the Tuya config names no pins)", lines: result.description)
        }
        return Pins(template: result.template, source: "the backup's Tuya config", lines: result.description)
    }

    /// "P8 → Rel;1" lines for a template.
    static func describe(_ template: DeviceTemplate) -> [String] {
        var lines = template.pins.keys.sorted().map { "- P\($0) → \(template.pins[$0]!)" }
        if !template.command.isEmpty { lines.append("Startup command: \(template.command)") }
        return lines.isEmpty ? ["The template sets no pins."] : lines
    }

    /// "P8 Rel;1, P10 Btn;1" for the summary.
    static func summary(_ template: DeviceTemplate?) -> String {
        guard let template, !template.pins.isEmpty else { return "none" }
        return template.pins.keys.sorted().map { "P\($0) \(template.pins[$0]!)" }.joined(separator: ", ")
    }
}
