import BekenConversion
import Foundation

/// What the page posts to start a conversion (JSON body). The firmware travels as base64.
public struct FlashRequest: Codable, Sendable {
    public var port: String
    public var baud: Int?
    public var firmwareName: String
    public var firmwareBase64: String
    public var wifiSSID: String?
    public var wifiPassword: String?
    public var mqttHost: String?
    public var mqttPort: Int?
    public var mqttUser: String?
    public var mqttPassword: String?
    public var name: String?
    /// Stop after the pins are found until the page sends them back (possibly corrected) through `/api/pins`.
    public var reviewPins: Bool?

    public init(port: String, firmwareName: String, firmware: [UInt8]) {
        self.port = port
        self.firmwareName = firmwareName
        firmwareBase64 = Data(firmware).base64EncodedString()
    }

    /// The library's settings for this request; nil when the firmware is not valid base64 or empty.
    public func settings(tool: ToolInfo) -> ConversionSettings? {
        guard let data = Data(base64Encoded: firmwareBase64), !data.isEmpty else { return nil }
        var settings = ConversionSettings(firmware: Array(data), firmwareName: firmwareName, tool: tool)
        func given(_ text: String?) -> String? { (text?.isEmpty ?? true) ? nil : text }
        settings.network.wifiSSID = given(wifiSSID)
        settings.network.wifiPassword = given(wifiPassword)
        settings.network.mqttHost = given(mqttHost)
        settings.network.mqttPort = mqttPort ?? 1883
        settings.network.mqttUser = given(mqttUser)
        settings.network.mqttPassword = given(mqttPassword)
        settings.name = given(name)
        return settings
    }
}
