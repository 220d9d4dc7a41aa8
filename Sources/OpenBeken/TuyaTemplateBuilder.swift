import TuyaConfig

/// A Tuya config turned into OpenBeken terms: template, description, console script.
public struct TuyaTemplateResult: Sendable {
    public var template: DeviceTemplate
    public var mapping: TuyaPinMapping
    /// The chip, and the evidence it came from (e.g. "module CB2S"), nil when unknown.
    public var chip: String?
    public var chipEvidence: String?
    public var module: String?
    /// Human description (Easy Flasher style, seed 002), one line per entry.
    public var description: [String]
    /// OpenBeken console commands that apply the template on a device.
    public var script: [String]
    public var startupCommand: String
}

/// Builds template, description and script from a `TuyaDeviceConfig` (BK7231GUIFlashTool TuyaConfig.cs, TuyaModules.cs; OpenBekenIOT/webapp templateParser.js).
public enum TuyaTemplateBuilder {
    public static func build(_ config: TuyaDeviceConfig, options: StartupCommand.Options = .init()) -> TuyaTemplateResult {
        let mapping = TuyaPinMapper.map(config)
        let upk = config.userParamKey
        let module = upk?["module"]
        let (chip, evidence) = resolveChip(config, module: module)
        let command = StartupCommand.command(for: mapping, options: options)
        let template = DeviceTemplate(
            chip: chip ?? "TODO", board: module ?? "TODO", pins: mapping.pins, command: command)
        var result = TuyaTemplateResult(
            template: template, mapping: mapping, chip: chip, chipEvidence: evidence, module: module,
            description: [], script: [], startupCommand: command)
        result.description = describe(config, result)
        result.script = script(result)
        return result
    }

    /// BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py proposed order: module prefix → `em_sys_env` → boot-log / dump chip hints.
    static func resolveChip(_ config: TuyaDeviceConfig, module: String?) -> (String?, String?) {
        if let module, let chip = TuyaModules.chip(forModule: module) { return (chip, "module \(module)") }
        if let platform = config.platform, let chip = TuyaModules.chip(forPlatform: platform) {
            return (chip, "platform \(platform)")
        }
        for hint in config.chipHints {
            if let chip = TuyaModules.chip(forHint: hint) {
                return (chip, config.source == .bootLog ? "boot log (\(hint))" : "dump signature")
            }
        }
        return (nil, nil)
    }

    static func describe(_ config: TuyaDeviceConfig, _ r: TuyaTemplateResult) -> [String] {
        var lines: [String] = []
        let m = r.mapping
        if !m.assignments.isEmpty {
            lines.append("Device configuration, as extracted from Tuya:")
            for a in m.assignments {
                var line = "- \(a.label) → \(a.setting)"
                if a.levelChangedRole, let key = a.levelKey, let level = a.level {
                    line += " (\(key):\(level) = active \(level == 1 ? "high" : "low"))"
                }
                if a.confidence == .reconstructed || a.confidence == .conflicting { line += " [\(a.confidence.rawValue)]" }
                lines.append(line)
            }
        }
        if let driver = m.ledDriver {
            var line = "- \(driver) I2C LED driver"
            if let map = m.ledMap { line += ", LED remap is " + map.map(String.init).joined(separator: " ") }
            if let current = m.ledCurrentCommand { line += ", current: \(current)" }
            lines.append(line)
        }
        if let hz = m.pwmFrequency { lines.append("- PWM Frequency \(hz)") }
        if let meter = m.powerMeter {
            lines.append("- Power metering chip: \(meter.rawValue)" + (meter == .bl0937 ? "" : " on UART (no GPIO roles)"))
        }
        if let baud = m.tuyaMCUBaud {
            lines.append("- TuyaMCU: the device's MCU talks to the module over UART at \(baud) baud (baud_cfg).")
        }
        if m.assignments.isEmpty && m.tuyaMCUBaud == nil {
            lines.append("No pins found in this Tuya configuration; none are guessed.")
        }
        if let module = r.module {
            lines.append(r.chip.map { "Device seems to be using \(module) module, which is using \($0)." }
                ?? "Device seems to be using \(module) module.")
        } else {
            lines.append("No module information found.")
        }
        if let platform = config.platform {
            lines.append("Device internal platform - \(platform)"
                + (TuyaModules.chip(forPlatform: platform).map { ", equals \($0)." } ?? "."))
        }
        if r.chip == nil {
            lines.append("Chip not known from the config: check the bootloader banner (V:BK7231N…) or the module marking.")
        } else if let evidence = r.chipEvidence, r.module == nil {
            lines.append("Chip \(r.chip!) (from \(evidence)).")
        }
        if let store = config.store {
            let hex = "0x" + String(store.offset, radix: 16, uppercase: true)
            lines.append(store.offset == 0x1E_E000
                ? "The Tuya KV store starts, as usual, at \(hex)."
                : "The Tuya KV store starts at \(hex).")
        }
        if let info = config.cloudInfo {
            var facts: [String] = []
            if let v = info.firmwareVersion { facts.append("firmware \(v)") }
            if let pk = info.productKey { facts.append("product key \(pk)") }
            if !facts.isEmpty { lines.append("Tuya " + facts.joined(separator: ", ") + ".") }
            if info.activated || info.wifiConfigured {
                lines.append("This dump holds a paired device's cloud keys"
                    + (info.wifiConfigured ? " and Wi-Fi credentials" : "")
                    + "; they are redacted here (shown only on request). Keep the dump private.")
            }
        }
        if let log = config.bootLog {
            let counts = TuyaConfidence.allCases.compactMap { c -> String? in
                let n = log.config.settings.filter { $0.confidence == c }.count
                return n == 0 ? nil : "\(n) \(c.rawValue)"
            }
            lines.append("Boot log: \(log.config.settings.count) values (" + counts.joined(separator: ", ") + ").")
            for s in log.config.settings where s.confidence == .conflicting {
                lines.append("- \(s.key): chose \(s.value), also seen " + s.alternatives.joined(separator: ", "))
            }
        }
        if !r.startupCommand.isEmpty { lines.append("Startup command: \(r.startupCommand)") }
        lines += config.notes + m.notes
        return lines
    }

    /// OpenBeken console commands: one `backlog` line that clears the pins (`ClearIO`, as the web app's import
    /// page does, OpenBekenIOT/webapp templateParser.js) and sets every role and channel, then the startup command. Paste each line
    /// into the OBK console (or the web app's command box) and reboot.
    static func script(_ r: TuyaTemplateResult) -> [String] {
        guard !r.template.pins.isEmpty || !r.startupCommand.isEmpty else { return [] }
        var commands = ["ClearIO"]
        for pin in r.template.pins.keys.sorted() {
            let s = r.template.pins[pin]!
            commands.append("setPinRole \(pin) \(s.role.rawValue)")
            commands.append("setPinChannel \(pin) \(s.channel)")
        }
        var lines = ["backlog " + commands.joined(separator: "; ")]
        if !r.startupCommand.isEmpty { lines.append("StartupCommand \"\(r.startupCommand)\"") }
        return lines
    }
}
