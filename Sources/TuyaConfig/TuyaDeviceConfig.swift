/// Where a configuration came from.
public enum TuyaConfigSource: String, Sendable, Codable {
    /// A flash dump holding a Tuya KV store (2 MiB, rotated, …).
    case flashDump = "flash-dump"
    /// Only the 72 KiB KV-store region (key block at offset 0).
    case storeRegion = "store-region"
    /// A UART capture of the stock firmware booting.
    case bootLog = "boot-log"
    /// A `user_param_key` as JSON (Easy Flasher's export, bk7231tools' storage JSON, a cloudcutter profile).
    case json
}

/// Everything bktool learned about a Tuya device's hardware configuration, from any source.
public struct TuyaDeviceConfig: Sendable {
    public var source: TuyaConfigSource
    /// The decoded KV store (dumps and region files only).
    public var store: TuyaStore?
    /// The hardware config; nil when the source has none (TuyaMCU devices, app-only configs).
    public var userParamKey: UserParamKey?
    /// UART baud of a TuyaMCU device: `baud_cfg` `{"baud":N}` or `uart_adapt_params` `uart_baud` (bk7231tools analysis/kvstorage.py; UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c).
    public var baudRate: Int?
    /// `em_sys_env`, the platform string (`bk7231n`, `BK7231S_2M`), a chip hint (BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py).
    public var platform: String?
    /// Chip names printed in a boot log.
    public var chipHints: [String]
    /// Boot-log details (nil for other sources).
    public var bootLog: BootLogConfig?
    /// Plain-language findings worth telling the user (no secrets).
    public var notes: [String]

    public init(
        source: TuyaConfigSource, store: TuyaStore? = nil, userParamKey: UserParamKey? = nil, baudRate: Int? = nil,
        platform: String? = nil, chipHints: [String] = [], bootLog: BootLogConfig? = nil, notes: [String] = []
    ) {
        self.source = source
        self.store = store
        self.userParamKey = userParamKey
        self.baudRate = baudRate
        self.platform = platform
        self.chipHints = chipHints
        self.bootLog = bootLog
        self.notes = notes
    }

    /// Store values parsed as (loose) JSON, secrets redacted unless `showSecrets`. Binary values are hex.
    public func storeValues(showSecrets: Bool) -> [(key: String, value: TuyaValue)] {
        guard let store else { return [] }
        return store.keys.map { key in
            let parsed = TuyaStoreValues.parse(key)
            return (key.name, showSecrets ? parsed : TuyaSecrets.redact(parsed, storeKey: key.name))
        }
    }

    /// Every secret string held in the store (device key included), for leak checks. Never print these.
    public var secretStrings: [String] {
        guard let store else { return [] }
        var secrets = [store.deviceKey.map { hex($0) }.joined()]
        for key in store.keys {
            secrets += TuyaSecrets.secretStrings(in: TuyaStoreValues.parse(key), storeKey: key.name)
        }
        return secrets
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// Interpreting raw store values (bk7231tools analysis/kvstorage.py parse_user_param_key: strip NULs; text → JSON or loose JSON; otherwise hex).
public enum TuyaStoreValues {
    public static func parse(_ key: TuyaStoreKey) -> TuyaValue {
        var end = key.value.count
        while end > 0, key.value[end - 1] == 0 { end -= 1 }
        let bytes = key.value[0..<end]
        let printable = bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard printable else { return .string("HEX:" + bytes.map { hex($0) }.joined()) }
        let text = String(decoding: bytes, as: UTF8.self)
        if let value = try? LooseJSONParser.parse(text) { return value }
        return .string(text)
    }

    /// `{"baud":9600}` (baud_cfg) or `{… uart_baud: N …}` (uart_adapt_params) — bk7231tools analysis/kvstorage.py; UPK2ESPHome parts/monitor.py; OpenBeken drv_tuyaMCU.c.
    static func baudRate(in store: TuyaStore) -> Int? {
        for (name, field) in [("baud_cfg", "baud"), ("uart_adapt_params", "uart_baud")] {
            if let key = store.keys.first(where: { $0.name == name }),
                let text = parse(key)[field]?.scalarText, let baud = Int(text)
            {
                return baud
            }
        }
        return nil
    }
}
