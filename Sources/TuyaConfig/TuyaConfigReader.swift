/// Reads a Tuya configuration from any supported input, detected by content (not by file name):
/// a flash dump or KV-store region, a JSON `user_param_key`, or a UART boot log.
public enum TuyaConfigReader {
    public static func read(_ bytes: [UInt8]) throws(TuyaConfigError) -> TuyaDeviceConfig {
        guard !bytes.isEmpty else { throw .empty }
        if looksBinary(bytes) {
            do {
                var config = fromStore(try TuyaStoreReader.read(bytes), fileSize: bytes.count)
                config.chipHints = DumpSignatures.chipHints(bytes)
                return config
            } catch {
                throw .store(error)
            }
        }
        var text = TuyaText.decode(bytes)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // UTF-8 byte-order mark
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("{"), let value = try? LooseJSONParser.parse(trimmed) {
            return try fromJSON(value)
        }
        let log = BootLogParser.parse(bytes)
        if !log.config.isEmpty { return fromBootLog(log) }
        // Text around a JSON object, e.g. Easy Flasher's whole output pasted from a forum post (seed 002).
        if let value = embeddedJSONObject(in: trimmed), let config = try? fromJSON(value) { return config }
        throw .nothingFound
    }

    /// The text from the first `{` to the last `}`, if it parses as an object.
    static func embeddedJSONObject(in text: String) -> TuyaValue? {
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
            let value = try? LooseJSONParser.parse(String(text[open...close])), case .object = value
        else { return nil }
        return value
    }

    /// Text files (logs, JSON) are printable; dumps are not.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65536)
        let odd = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) || $0 == 0x7F || $0 == 0xFF }.count
        return odd * 10 > sample.count  // more than 10 % control bytes
    }

    public static func fromStore(_ store: TuyaStore, fileSize: Int) -> TuyaDeviceConfig {
        let regionSize = TuyaStoreFormat.sectorSize * (1 + TuyaStoreFormat.usualDataSectors)
        let source: TuyaConfigSource = store.offset == 0 && fileSize <= regionSize ? .storeRegion : .flashDump
        var config = TuyaDeviceConfig(source: source, store: store)
        config.platform = store.text(named: "em_sys_env").map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        config.baudRate = TuyaStoreValues.baudRate(in: store)
        if let text = store.text(named: "user_param_key") {
            if let upk = try? UserParamKey.parse(text) {
                config.userParamKey = upk
            } else {
                config.notes.append("user_param_key is stored but could not be parsed as Tuya JSON")
            }
        } else if let baud = config.baudRate {
            config.notes.append(
                "No user_param_key in the KV store, but baud_cfg is set (\(baud) baud): this is a TuyaMCU device — a separate MCU drives the hardware over UART, so there are no GPIO pins to map (bk7231tools analysis/kvstorage.py find_user_param_key; BK7231GUIFlashTool TuyaConfig.cs).")
        } else {
            config.notes.append(
                "No user_param_key in the KV store: this firmware keeps its pin configuration compiled into the application code, not in the store. Pins are not guessed from it; capture the boot log (look for `kv oem cfg`) or trace the board (bk7231tools analysis/kvstorage.py find_user_param_key; BK7231GUIFlashTool TuyaConfig.cs).")
        }
        if ![TuyaStoreFormat.usualOffset, TuyaStoreFormat.t1Offset].contains(store.offset) && source == .flashDump {
            config.notes.append(
                "The KV store starts at an uncommon offset 0x\(String(store.offset, radix: 16, uppercase: true)) (rotated dump?) (BK7231GUIFlashTool TuyaConfig.cs).")
        }
        if !store.health.isHealthy {
            config.notes.append("The KV store is damaged in places; values shown may be incomplete (see health).")
        }
        return config
    }

    /// Accepts the UPK itself, `{"user_param_key": …}` (bk7231tools storage JSON, web-app export) or
    /// `{"device_configuration": …}` (tuya-cloudcutter profile) — OpenBekenIOT/webapp templateParser.js `processJSONInternal`.
    static func fromJSON(_ value: TuyaValue) throws(TuyaConfigError) -> TuyaDeviceConfig {
        if value["pins"] != nil, value["chip"] != nil, value["board"] != nil { throw .alreadyTemplate }
        var upkValue = value
        for wrapper in ["user_param_key", "device_configuration"] {
            if let inner = value[wrapper] {
                if case .string(let text) = inner, let parsed = try? LooseJSONParser.parse(text) {
                    upkValue = parsed
                } else {
                    upkValue = inner
                }
            }
        }
        let upk = UserParamKey(object: upkValue)
        // Some JSON that is not a Tuya config at all (no key Tuya uses) is not read as one.
        let isTuya = upk.keys.contains(where: TuyaKnownKeys.isKnown)
        var config = TuyaDeviceConfig(source: .json, userParamKey: isTuya ? upk : nil)
        if let baud = value["baud_cfg"]?["baud"]?.scalarText.flatMap({ Int($0) }) { config.baudRate = baud }
        config.platform = value["em_sys_env"]?.scalarText
        guard config.userParamKey != nil || config.baudRate != nil else { throw .nothingFound }
        return config
    }

    static func fromBootLog(_ log: BootLogConfig) -> TuyaDeviceConfig {
        var config = TuyaDeviceConfig(source: .bootLog, userParamKey: log.config, chipHints: log.chipHints, bootLog: log)
        let unsure = log.config.settings.filter { $0.confidence != .seenWhole }.count
        if unsure > 0 {
            config.notes.append(
                "The boot log is interleaved with other output: \(unsure) of \(log.config.settings.count) values were pieced together or conflict (see each value's confidence).")
        }
        return config
    }
}

public enum TuyaConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case store(TuyaStoreError)
    case nothingFound
    case alreadyTemplate

    public var description: String {
        switch self {
        case .empty: return "the file is empty"
        case .store(let error): return error.description
        case .nothingFound:
            return "no Tuya configuration found: expected a flash dump, the KV-store region, a boot log with `key:value` config lines, or a user_param_key JSON"
        case .alreadyTemplate:
            return "this is already an OpenBeken template (it has pins, chip and board); import it in the OpenBeken web app"
        }
    }
}

/// Raw signatures of 2 MiB dumps — observed in the real dumps only (no tool uses them): the first bytes of the (encrypted)
/// bootloader differ between BK7231N and BK7231T. A weak hint, used only when the config names no module.
enum DumpSignatures {
    static let prefixes: [(bytes: [UInt8], chip: String)] = [
        ([0x69, 0x0C, 0xB5, 0x96], "bk7231n"),  // observed: N dumps start 690cb596 35ff2a99
        ([0x43, 0x09, 0xB5, 0x96], "bk7231t"),  // observed: T 1.0.5/1.0.6 start 4309b596
        ([0x78, 0x14, 0xB5, 0x96], "bk7231t"),  // observed: T 1.0.4 starts 7814b596
    ]

    static func chipHints(_ bytes: [UInt8]) -> [String] {
        prefixes.filter { bytes.starts(with: $0.bytes) }.map(\.chip)
    }
}
