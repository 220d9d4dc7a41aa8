import BekenConversion
import Foundation
import OpenBeken

/// `obk backup`'s words for what the library saved (`NetworkBackupSaver`): one entry per file, with what its
/// bytes hold in a few lines for people (names and pins, never secrets).
struct NetworkBackupText: Encodable {
    let region: String
    let file: String
    let length: Int
    let crc32: String
    let decoded: [String]

    init(_ saved: NetworkBackupSaver.Saved) {
        region = saved.region
        file = saved.path
        length = saved.length
        crc32 = saved.crc32
        decoded = saved.findings.flatMap(Self.lines)
    }

    static func lines(_ finding: NetworkBackupFinding) -> [String] {
        switch finding {
        case .wholeFlash(let kind):
            return ["whole flash: \(kind.summary)"]
        case .openBekenConfig(let config):
            let pins = config.pins.enumerated().filter { !$0.element.isUnused }.map { gpio, pin in
                "P\(gpio)=\(PinRole(index: Int(pin.role))?.rawValue ?? "#\(pin.role)");\(pin.channel)"
            }
            return ["OpenBeken config: name \"\(config.shortDeviceName)\", Wi-Fi \"\(config.wifiSSID)\", "
                + "MQTT \(config.mqttHost):\(config.mqttPort)", "pins: " + (pins.isEmpty ? "none" : pins.joined(separator: " "))]
        case .noOpenBekenConfig(let error):
            return ["no valid OpenBeken config: \(error.description)"]
        case .tuyaErased:
            return ["Tuya region: erased"]
        case .tuyaUnreadable:
            return ["Tuya region: no readable Tuya config"]
        case .tuyaConfig(let keys):
            return ["Tuya config: " + (keys.map { "user_param_key with \($0) keys" } ?? "no user_param_key")]
        }
    }
}
