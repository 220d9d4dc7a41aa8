/// The config's secrets, kept out of reports unless the user asks (docs/ARCHITECTURE.md "Principles").
extension OBKConfig {
    /// What a redacted secret reads as.
    public static let redactionMarker = "<redacted>"

    /// The password fields: Wi-Fi (both), MQTT and web.
    public static let secretFields: [OBKConfigStrings.Entry] = OBKConfigStrings.all.filter {
        [OBKConfigLayout.wifiPassword, OBKConfigLayout.wifiPassword2, OBKConfigLayout.mqttPassword,
         OBKConfigLayout.webPassword].contains($0.field)
    }

    /// A copy for display: every non-empty password replaced by `redactionMarker`, and any bytes kept
    /// verbatim from those fields (an older password can survive behind the NUL) dropped.
    public func redactingSecrets() -> OBKConfig {
        var copy = self
        for entry in OBKConfig.secretFields {
            if !copy[keyPath: entry.keyPath].isEmpty { copy[keyPath: entry.keyPath] = OBKConfig.redactionMarker }
            copy.preservedStringBytes[entry.field.name] = nil
        }
        return copy
    }
}
