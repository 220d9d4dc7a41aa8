import TuyaConfig

/// The `bktool tuya-config` report: text or JSON, secrets redacted unless asked (docs/ARCHITECTURE.md principles).
public struct TuyaConfigReport: Sendable {
    public var config: TuyaDeviceConfig
    public var result: TuyaTemplateResult
    public var showSecrets: Bool

    public init(config: TuyaDeviceConfig, options: StartupCommand.Options = .init(), showSecrets: Bool = false) {
        self.config = config
        self.result = TuyaTemplateBuilder.build(config, options: options)
        self.showSecrets = showSecrets
    }

    /// The default human report: description, store summary, values, template.
    public var text: String {
        var lines = result.description
        if let store = config.store {
            let h = store.health
            lines.append("")
            lines.append("KV store: \(store.keys.count) keys, \(h.liveBlocks) blocks (\(h.staleCopies) older copies skipped), "
                + (h.isHealthy ? "all checksums OK" : "\(h.badChecksumSectors) bad sectors, \(h.valueChecksumFailures) bad values"))
            for (key, value) in config.storeValues(showSecrets: showSecrets) {
                let compact = value.jsonText
                let size = store.value(named: key)?.count ?? 0
                lines.append("  \(key) (\(size) bytes): " + (compact.count <= 160 ? compact : String(compact.prefix(157)) + "..."))
            }
            if showSecrets { lines.append("  device key: " + store.deviceKey.map { byteHex($0) }.joined()) }
        }
        if let upk = config.userParamKey, config.source == .bootLog {
            lines.append("")
            lines.append("Values read from the boot log:")
            for s in upk.settings {
                lines.append("  \(s.key): \(s.value) [\(s.confidence.rawValue)]"
                    + (s.alternatives.isEmpty ? "" : " also seen: " + s.alternatives.joined(separator: ", ")))
            }
        }
        lines.append("")
        lines.append("OpenBeken template:")
        lines.append(result.template.jsonText)
        return lines.joined(separator: "\n")
    }

    /// Machine-readable report.
    public var json: TuyaValue {
        var members: [(key: String, value: TuyaValue)] = [("source", .string(config.source.rawValue))]
        if let store = config.store {
            let h = store.health
            var s: [(key: String, value: TuyaValue)] = [
                ("offset", .number(String(store.offset))),
                ("offsetHex", .string("0x" + String(store.offset, radix: 16, uppercase: true))),
                ("health", .object([
                    ("healthy", .bool(h.isHealthy)), ("keyChecksumOK", .bool(h.keyChecksumOK)),
                    ("dataSectors", .number(String(h.dataSectors))), ("liveBlocks", .number(String(h.liveBlocks))),
                    ("staleCopies", .number(String(h.staleCopies))),
                    ("badChecksumSectors", .number(String(h.badChecksumSectors))),
                    ("valueChecksumFailures", .number(String(h.valueChecksumFailures))),
                    ("invalidIndexPages", .number(String(h.invalidIndexPages))),
                ])),
                ("keys", .array(store.keys.map { k in
                    .object([("name", .string(k.name)), ("length", .number(String(k.value.count))),
                             ("checksumOK", .bool(k.checksumOK))])
                })),
                ("values", .object(config.storeValues(showSecrets: showSecrets))),
            ]
            if showSecrets { s.append(("deviceKey", .string(store.deviceKey.map { byteHex($0) }.joined()))) }
            members.append(("store", .object(s)))
        }
        members.append(("chip", result.chip.map { .string($0) } ?? .null))
        members.append(("chipEvidence", result.chipEvidence.map { .string($0) } ?? .null))
        members.append(("module", result.module.map { .string($0) } ?? .null))
        members.append(("platform", config.platform.map { .string($0) } ?? .null))
        members.append(("tuyaMCU", config.baudRate.map { .object([("baud", .number(String($0)))]) } ?? .null))
        members.append(("userParamKey", config.userParamKey.map { upk in
            .array(upk.settings.map { s in
                var o: [(key: String, value: TuyaValue)] = [
                    ("key", .string(s.key)), ("value", .string(s.value)), ("confidence", .string(s.confidence.rawValue))]
                if !s.alternatives.isEmpty { o.append(("alternatives", .array(s.alternatives.map { .string($0) }))) }
                return .object(o)
            })
        } ?? .null))
        members.append(("pins", .array(result.mapping.assignments.map { a in
            var o: [(key: String, value: TuyaValue)] = [
                ("pin", .number(String(a.pin))), ("role", .string(a.setting.role.rawValue)),
                ("channel", .number(String(a.setting.channel))), ("rule", .string(a.ruleID)), ("key", .string(a.key)),
            ]
            if let lk = a.levelKey { o.append(("levelKey", .string(lk))) }
            if let l = a.level { o.append(("level", .number(String(l)))) }
            o.append(("levelChangedRole", .bool(a.levelChangedRole)))
            o.append(("confidence", .string(a.confidence.rawValue)))
            o.append(("label", .string(a.label)))
            return .object(o)
        })))
        members.append(("command", .string(result.startupCommand)))
        members.append(("template", (try? LooseJSONParser.parse(result.template.jsonText)) ?? .null))
        members.append(("description", .array(result.description.map { .string($0) })))
        members.append(("script", .array(result.script.map { .string($0) })))
        members.append(("secretsShown", .bool(showSecrets)))
        return .object(members)
    }
}

func byteHex(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}
