/// The string fields of `mainConfig_t`, their properties and byte limits.
public enum OBKConfigStrings {
    /// One string field: where it lives and how many UTF-8 bytes it accepts.
    public struct Entry: Sendable {
        public let field: OBKConfigField
        public let keyPath: WritableKeyPath<OBKConfig, String> & Sendable
        /// Whether the stored text must leave room for a terminating NUL.
        public let needsTerminator: Bool

        /// The longest value in UTF-8 bytes for a config of `version`.
        public func limit(forVersion version: Int32) -> Int {
            var room = field.size
            // Version 3 ended at 2016 bytes, so its initCommandLine had 512 of them (OpenBeken new_cfg.c, tiny_crc8.c).
            if version == OBKConfigLayout.legacyV3Version {
                room = min(room, max(0, OBKConfigLayout.legacyV3Size - field.offset))
            }
            return needsTerminator ? max(0, room - 1) : room
        }
    }

    /// Every string field. All are NUL-terminated C strings (OBK writes them with `strcpy_safe`), except
    /// the Wi-Fi password: `CFG_SetWiFiPass` copies up to all 64 bytes and `CFG_GetWiFiPass` adds the NUL
    /// itself [stated, OBK `src/new_cfg.c`], so a 64-character hex PSK fits.
    public static let all: [Entry] = [
        Entry(field: OBKConfigLayout.wifiSSID, keyPath: \.wifiSSID, needsTerminator: true),
        Entry(field: OBKConfigLayout.wifiPassword, keyPath: \.wifiPassword, needsTerminator: false),
        Entry(field: OBKConfigLayout.mqttHost, keyPath: \.mqttHost, needsTerminator: true),
        Entry(field: OBKConfigLayout.mqttClientID, keyPath: \.mqttClientID, needsTerminator: true),
        Entry(field: OBKConfigLayout.mqttUserName, keyPath: \.mqttUserName, needsTerminator: true),
        Entry(field: OBKConfigLayout.mqttPassword, keyPath: \.mqttPassword, needsTerminator: true),
        Entry(field: OBKConfigLayout.webappRoot, keyPath: \.webappRoot, needsTerminator: true),
        Entry(field: OBKConfigLayout.shortDeviceName, keyPath: \.shortDeviceName, needsTerminator: true),
        Entry(field: OBKConfigLayout.longDeviceName, keyPath: \.longDeviceName, needsTerminator: true),
        Entry(field: OBKConfigLayout.dgrName, keyPath: \.deviceGroupName, needsTerminator: true),
        Entry(field: OBKConfigLayout.ntpServer, keyPath: \.ntpServer, needsTerminator: true),
        Entry(field: OBKConfigLayout.mqttGroup, keyPath: \.mqttGroup, needsTerminator: true),
        Entry(field: OBKConfigLayout.pingHost, keyPath: \.pingHost, needsTerminator: true),
        Entry(field: OBKConfigLayout.startupCommand, keyPath: \.startupCommand, needsTerminator: true),
        Entry(field: OBKConfigLayout.wifiSSID2, keyPath: \.wifiSSID2, needsTerminator: true),
        Entry(field: OBKConfigLayout.wifiPassword2, keyPath: \.wifiPassword2, needsTerminator: true),
        Entry(field: OBKConfigLayout.webPassword, keyPath: \.webPassword, needsTerminator: true),
        Entry(field: OBKConfigLayout.mqttCertFile, keyPath: \.mqttCertFile, needsTerminator: true),
    ]

    /// The limit for one field by name, for messages and CLI help.
    public static func entry(named name: String) -> Entry? {
        all.first { $0.field.name == name }
    }

    /// Decodes a field's bytes: text up to the first NUL (or the whole field), as UTF-8.
    static func text(of bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// The plain stored form: UTF-8 text, then zeros up to the field size.
    static func plainBytes(of text: String, size: Int) -> [UInt8] {
        var bytes = Array(text.utf8)
        bytes += Array(repeating: 0, count: max(0, size - bytes.count))
        return bytes
    }
}
