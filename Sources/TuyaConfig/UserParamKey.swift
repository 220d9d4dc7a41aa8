/// How sure we are of one configuration value.
public enum TuyaConfidence: String, Sendable, Codable, CaseIterable {
    /// Read from the KV store or a JSON file: exact.
    case stored
    /// Boot log: printed in one piece (a complete config line, or a clean `,key: is value` line).
    case seenWhole = "seen-whole"
    /// Boot log: pieced together from interleaved or garbled output; all evidence agrees.
    case reconstructed
    /// Boot log: the evidence disagrees; the value shown is the best guess, see `alternatives`.
    case conflicting
}

/// One `user_param_key` entry (a Tuya hardware setting) with its confidence.
public struct TuyaSetting: Sendable, Equatable {
    public var key: String
    public var value: String
    public var confidence: TuyaConfidence
    /// Other values seen for the key (only when `confidence == .conflicting`).
    public var alternatives: [String]

    public init(key: String, value: String, confidence: TuyaConfidence = .stored, alternatives: [String] = []) {
        self.key = key
        self.value = value
        self.confidence = confidence
        self.alternatives = alternatives
    }
}

/// The device's hardware config ("UPK", bk7231tools analysis/kvstorage.py) as ordered key/value pairs.
/// The stored order is kept (descriptions follow it) but never carries meaning.
public struct UserParamKey: Sendable, Equatable {
    public var settings: [TuyaSetting]

    public init(settings: [TuyaSetting]) {
        self.settings = settings
    }

    /// Parses the loose Tuya JSON text of a `user_param_key` (bk7231tools analysis/kvstorage.py parse_user_param_key). Scalars are kept in
    /// document order; members of nested objects (the older `sw` format) are flattened in place
    /// unless the key already exists at the top level.
    public static func parse(_ text: String) throws(LooseJSONError) -> UserParamKey {
        let value = try LooseJSONParser.parse(text)
        return UserParamKey(object: value)
    }

    /// Builds from an already parsed object (non-objects give an empty config).
    public init(object: TuyaValue) {
        var settings: [TuyaSetting] = []
        var seen = Set<String>()
        func add(_ members: [(key: String, value: TuyaValue)]) {
            for member in members {
                if case .object(let nested) = member.value {
                    add(nested)
                } else if let text = member.value.scalarText, seen.insert(member.key).inserted {
                    settings.append(TuyaSetting(key: member.key, value: text))
                }
            }
        }
        if case .object(let members) = object { add(members) }
        self.settings = settings
    }

    public var isEmpty: Bool { settings.isEmpty }
    public var keys: [String] { settings.map(\.key) }

    public subscript(key: String) -> String? {
        settings.first { $0.key == key }?.value
    }

    public func setting(_ key: String) -> TuyaSetting? {
        settings.first { $0.key == key }
    }

    /// The value as an integer, if it is one (pins and levels are decimal strings, bk7231tools analysis/kvstorage.py parse_user_param_key).
    public func int(_ key: String) -> Int? {
        self[key].flatMap { Int($0) }
    }

    /// Loose Tuya JSON text in stored order, e.g. `{module:CB2S,rl1_pin:26,}` — the form the firmware stores.
    public var tuyaText: String {
        "{" + settings.map { "\($0.key):\($0.value)," }.joined() + "}"
    }
}
