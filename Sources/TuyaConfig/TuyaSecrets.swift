/// What counts as a secret in a Tuya store, and how to hide it (keys seen in the store, bk7231tools analysis/kvstorage.py: redact
/// `gw_bi`/`gw_wsm`/`gw_ai` credentials, `gw_di.id`, `ble_beaconkey` from anything shown or stored).
public enum TuyaSecrets {
    public static let redacted = "<redacted>"

    /// Store keys whose whole value is secret.
    public static let secretStoreKeys: Set<String> = [
        "ble_beaconkey",  // bk7231tools analysis/kvstorage.py: BLE beacon key
    ]

    /// Object fields that are secret in any store value (bk7231tools analysis/kvstorage.py `gw_bi`, `gw_ai`, `gw_wsm`).
    public static let secretFields: Set<String> = [
        "uuid", "auth_key", "psk_key", "fac_pin", "ap_passwd",  // gw_bi
        "key", "lckey", "hs_psk", "mq_psk", "psk21_key", "wx_uuid", "wx_app_id",  // gw_ai
        "ssid", "passwd", "token", "reg_key",  // gw_wsm: Wi-Fi network, password, pairing token
        "local_key", "localkey", "sec_key", "dev_key", "beaconkey", "bt_mac", "bt_hid",
    ]

    /// Fields secret only inside one store key: `gw_di.id` is the cloud device id (bk7231tools analysis/kvstorage.py).
    public static let secretFieldsByStoreKey: [String: Set<String>] = [
        "gw_di": ["id"]
    ]

    public static func isSecret(field: String, inStoreKey storeKey: String) -> Bool {
        secretFields.contains(field) || secretFieldsByStoreKey[storeKey]?.contains(field) == true
    }

    /// The value with every secret field replaced by `<redacted>` (nulls stay null).
    public static func redact(_ value: TuyaValue, storeKey: String) -> TuyaValue {
        if secretStoreKeys.contains(storeKey) { return .string(redacted) }
        func walk(_ value: TuyaValue) -> TuyaValue {
            switch value {
            case .object(let members):
                return .object(members.map { member in
                    if isSecret(field: member.key, inStoreKey: storeKey), member.value != .null {
                        return (member.key, .string(redacted))
                    }
                    return (member.key, walk(member.value))
                })
            case .array(let items): return .array(items.map(walk))
            default: return value
            }
        }
        return walk(value)
    }

    /// Every secret string in a store value (used by tests to prove reports do not leak them).
    public static func secretStrings(in value: TuyaValue, storeKey: String) -> [String] {
        if secretStoreKeys.contains(storeKey) { return value.scalarText.map { [$0] } ?? [] }
        var found: [String] = []
        func walk(_ value: TuyaValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if isSecret(field: member.key, inStoreKey: storeKey), let text = member.value.scalarText {
                        found.append(text)
                    } else {
                        walk(member.value)
                    }
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(value)
        return found
    }
}
