import Foundation

/// JSON from device firmware, read the way Easy Flasher does (`OBKDeviceAPI.cs`): text after the last `}` is
/// dropped and the `0.,`/`0.}` of RTL8710B's printf is patched before parsing.
enum LenientJSON {
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        guard let end = bytes.lastIndex(of: UInt8(ascii: "}")), let start = bytes.firstIndex(of: UInt8(ascii: "{")),
              start < end else { return nil }
        var text = String(decoding: bytes[start...end], as: UTF8.self)
        text = text.replacingOccurrences(of: "0.,", with: "0.0,").replacingOccurrences(of: "0.}", with: "0.0}")
        guard let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data), let object = value as? [String: Any] else {
            return nil
        }
        return object
    }

    /// A value as text: strings as they are, numbers and booleans printed.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: return number.intValue
        case let text as String: return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }
}
