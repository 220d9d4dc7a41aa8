import TuyaConfig

/// One entry of a template's `pins`: `"Role;channel"` or `"Role;channel;channel2"` (OpenBeken new_http.c htmlPinRoleNames).
public struct PinSetting: Sendable, Equatable, CustomStringConvertible {
    public var role: PinRole
    public var channel: Int
    public var channel2: Int?

    public init(_ role: PinRole, channel: Int = 0, channel2: Int? = nil) {
        self.role = role
        self.channel = channel
        self.channel2 = channel2
    }

    public var description: String {
        "\(role.rawValue);\(channel)" + (channel2.map { ";\($0)" } ?? "")
    }

    /// Parses `"Rel;1"`, `"WifiLED_n;0"`, `"PWM;1;2"`; role names case-insensitive.
    public init?(text: String) {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let role = PinRole(name: first) else { return nil }
        self.role = role
        self.channel = parts.count > 1 ? (Int(parts[1]) ?? 0) : 0
        self.channel2 = parts.count > 2 ? Int(parts[2]) : nil
    }
}

/// A device template in the JSON format of the OpenBeken device list (web app `templateParser.js`
/// template object, `schema.json`; OpenBekenIOT/webapp templateParser.js): `vendor`, `bDetailed`, `name`, `model`, `chip`, `board`,
/// optional `flags`, `keywords`, `pins` (`"PIN": "Role;channel"`), `command`, `image`, `wiki`.
public struct DeviceTemplate: Sendable, Equatable {
    public var vendor: String
    public var bDetailed: String
    public var name: String
    public var model: String
    public var chip: String
    public var board: String
    /// OBK flags as a decimal string (`devices.json` uses e.g. `"1024"`); absent unless asked for (OpenBeken user_main.c).
    public var flags: String?
    public var keywords: [String]
    /// GPIO number → role and channel.
    public var pins: [Int: PinSetting]
    /// Startup command, at most 511 characters (`schema.json`).
    public var command: String
    public var image: String
    public var wiki: String

    public static let placeholderImage = "https://obrazki.elektroda.pl/YOUR_IMAGE.jpg"
    public static let placeholderWiki = "https://www.elektroda.com/rtvforum/topic_YOUR_TOPIC.html"
    public static let maxCommandLength = 511

    public init(
        vendor: String = "Tuya", bDetailed: String = "0", name: String = "TODO", model: String = "TODO",
        chip: String, board: String = "TODO", flags: String? = nil, keywords: [String] = [],
        pins: [Int: PinSetting] = [:], command: String = "", image: String = DeviceTemplate.placeholderImage,
        wiki: String = DeviceTemplate.placeholderWiki
    ) {
        self.vendor = vendor
        self.bDetailed = bDetailed
        self.name = name
        self.model = model
        self.chip = chip
        self.board = board
        self.flags = flags
        self.keywords = keywords
        self.pins = pins
        self.command = command
        self.image = image
        self.wiki = wiki
    }

    /// Pretty JSON in the device list's field order; `pins` ordered by GPIO number (JS object order).
    public var jsonText: String {
        var lines = ["{"]
        func field(_ name: String, _ value: String) { lines.append(" \(JSONText.quote(name)): \(value),") }
        field("vendor", JSONText.quote(vendor))
        field("bDetailed", JSONText.quote(bDetailed))
        field("name", JSONText.quote(name))
        field("model", JSONText.quote(model))
        field("chip", JSONText.quote(chip))
        field("board", JSONText.quote(board))
        if let flags { field("flags", JSONText.quote(flags)) }
        field("keywords", "[" + keywords.map(JSONText.quote).joined(separator: ", ") + "]")
        if pins.isEmpty {
            field("pins", "{}")
        } else {
            lines.append(" \"pins\": {")
            let sorted = pins.keys.sorted()
            for (i, pin) in sorted.enumerated() {
                let comma = i == sorted.count - 1 ? "" : ","
                lines.append("  \(JSONText.quote(String(pin))): \(JSONText.quote(pins[pin]!.description))\(comma)")
            }
            lines.append(" },")
        }
        field("command", JSONText.quote(command))
        field("image", JSONText.quote(image))
        lines.append(" \"wiki\": \(JSONText.quote(wiki))")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// Reads a template (strict or loose JSON). Unknown role names make it fail.
    public static func parse(_ text: String) throws(DeviceTemplateError) -> DeviceTemplate {
        guard let value = try? LooseJSONParser.parse(text) else { throw .notJSON }
        guard let chip = value["chip"]?.scalarText, case .object(let pinMembers)? = value["pins"] else {
            throw .missingField("chip/pins")
        }
        var pins: [Int: PinSetting] = [:]
        for member in pinMembers {
            guard let pin = Int(member.key), let text = member.value.scalarText, let setting = PinSetting(text: text)
            else { throw .badPin(member.key) }
            pins[pin] = setting
        }
        var keywords: [String] = []
        if case .array(let items)? = value["keywords"] { keywords = items.compactMap(\.scalarText) }
        return DeviceTemplate(
            vendor: value["vendor"]?.scalarText ?? "Tuya", bDetailed: value["bDetailed"]?.scalarText ?? "0",
            name: value["name"]?.scalarText ?? "TODO", model: value["model"]?.scalarText ?? "TODO", chip: chip,
            board: value["board"]?.scalarText ?? "TODO", flags: value["flags"]?.scalarText, keywords: keywords,
            pins: pins, command: value["command"]?.scalarText ?? "",
            image: value["image"]?.scalarText ?? placeholderImage, wiki: value["wiki"]?.scalarText ?? placeholderWiki)
    }
}

public enum DeviceTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJSON
    case missingField(String)
    case badPin(String)

    public var description: String {
        switch self {
        case .notJSON: return "the template is not JSON"
        case .missingField(let f): return "the template lacks \(f)"
        case .badPin(let p): return "pin '\(p)' has no valid \"Role;channel\" value"
        }
    }
}
