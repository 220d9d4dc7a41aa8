/// A value of Tuya's loose JSON dialect (bk7231tools analysis/kvstorage.py parse_user_param_key): ordinary JSON plus unquoted keys and values,
/// trailing commas and NUL padding, e.g. `{reset_t:3,module:CB2S,jv:1.0.0,category:0505,}`.
public indirect enum TuyaValue: Sendable, Equatable {
    /// A quoted string, or an unquoted token that is not a plain number (`CB2S`, `1.0.0`, `0505`).
    case string(String)
    /// An unquoted number, kept as written: `-?(0|[1-9][0-9]*)(.[0-9]+)?` (leading zeros stay strings, bk7231tools analysis/kvstorage.py parse_user_param_key).
    case number(String)
    case bool(Bool)
    case null
    /// Members in document order.
    case object([(key: String, value: TuyaValue)])
    case array([TuyaValue])

    public static func == (lhs: TuyaValue, rhs: TuyaValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The scalar as text (`nil` for objects and arrays; `null` gives `nil`).
    public var scalarText: String? {
        switch self {
        case .string(let s), .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null, .object, .array: return nil
        }
    }

    public subscript(key: String) -> TuyaValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// Compact JSON text (strict JSON, members in document order).
    public var jsonText: String {
        switch self {
        case .string(let s): return JSONText.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONText.quote($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }
}

/// Minimal JSON string quoting shared by the report writers.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Tolerant parser for `TuyaValue` (bk7231tools analysis/kvstorage.py parse_user_param_key rules: quote bare runs of characters other than
/// `{}[]:,`; a run that is a decimal number without leading zero is a number; drop trailing commas).
public struct LooseJSONParser {
    private let chars: [Character]
    private var position = 0

    public static func parse(_ text: String) throws(LooseJSONError) -> TuyaValue {
        // Firmware pads values with NULs and 0xFF (bk7231tools analysis/kvstorage.py parse_user_param_key); they are not part of the text.
        let cleaned = text.filter { $0 != "\u{0}" && $0 != "\u{FF}" }
        var parser = LooseJSONParser(chars: Array(cleaned))
        let value = try parser.parseValue()
        parser.skipSpace()
        guard parser.position == parser.chars.count else { throw .trailingText(parser.position) }
        return value
    }

    private init(chars: [Character]) {
        self.chars = chars
    }

    private mutating func skipSpace() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    private var current: Character? { position < chars.count ? chars[position] : nil }

    private mutating func parseValue() throws(LooseJSONError) -> TuyaValue {
        skipSpace()
        switch current {
        case nil: throw .unexpectedEnd
        case "{": return try parseObject()
        case "[": return try parseArray()
        case "\"": return .string(try parseQuoted())
        default:
            let token = try parseBare()
            return Self.classify(bare: token)
        }
    }

    static func classify(bare token: String) -> TuyaValue {
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: return isPlainNumber(token) ? .number(token) : .string(token)
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` — bk7231tools analysis/kvstorage.py parse_user_param_key: `0505` stays a string, `1.0.0` stays a string.
    static func isPlainNumber(_ token: String) -> Bool {
        var s = Substring(token)
        if s.hasPrefix("-") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else {
            return false
        }
        if whole.count > 1, whole.first == "0" { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit) }
        return true
    }

    private mutating func parseObject() throws(LooseJSONError) -> TuyaValue {
        position += 1  // {
        var members: [(key: String, value: TuyaValue)] = []
        while true {
            skipSpace()
            guard let c = current else { throw .unexpectedEnd }
            if c == "}" { position += 1; return .object(members) }
            if c == "," { position += 1; continue }  // empty member / trailing comma
            let key = c == "\"" ? try parseQuoted() : try parseBare()
            skipSpace()
            guard current == ":" else { throw .expectedColon(position) }
            position += 1
            skipSpace()
            // An empty value (`key:,` or `key:}`) is an empty string.
            let value: TuyaValue = (current == "," || current == "}") ? .string("") : try parseValue()
            members.append((key, value))
            skipSpace()
            guard let after = current else { throw .unexpectedEnd }
            if after == "," { position += 1 } else if after != "}" { throw .expectedComma(position) }
        }
    }

    private mutating func parseArray() throws(LooseJSONError) -> TuyaValue {
        position += 1  // [
        var items: [TuyaValue] = []
        while true {
            skipSpace()
            guard let c = current else { throw .unexpectedEnd }
            if c == "]" { position += 1; return .array(items) }
            if c == "," { position += 1; continue }
            items.append(try parseValue())
            skipSpace()
            guard let after = current else { throw .unexpectedEnd }
            if after == "," { position += 1 } else if after != "]" { throw .expectedComma(position) }
        }
    }

    private mutating func parseQuoted() throws(LooseJSONError) -> String {
        position += 1  // "
        var out = ""
        while let c = current {
            position += 1
            switch c {
            case "\"": return out
            case "\\":
                guard let e = current else { throw .unexpectedEnd }
                position += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                case "u":
                    guard position + 4 <= chars.count,
                        let code = UInt32(String(chars[position..<position + 4]), radix: 16)
                    else { throw .badEscape(position) }
                    position += 4
                    out.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: out.append(e)  // \" \\ \/ and anything else literally
                }
            default: out.append(c)
            }
        }
        throw .unexpectedEnd
    }

    /// A bare run: everything up to one of `{}[]:,"`, trimmed.
    private mutating func parseBare() throws(LooseJSONError) -> String {
        let start = position
        while let c = current, !"{}[]:,\"".contains(c) { position += 1 }
        let token = String(chars[start..<position]).trimmingSpaces
        guard !token.isEmpty else { throw .unexpectedCharacter(position) }
        return token
    }
}

public enum LooseJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    case unexpectedEnd
    case unexpectedCharacter(Int)
    case expectedColon(Int)
    case expectedComma(Int)
    case badEscape(Int)
    case trailingText(Int)

    public var description: String {
        switch self {
        case .unexpectedEnd: return "the JSON text ends too early (missing '}' or ']'?)"
        case .unexpectedCharacter(let p): return "unexpected character at position \(p)"
        case .expectedColon(let p): return "expected ':' after a key at position \(p)"
        case .expectedComma(let p): return "expected ',' at position \(p)"
        case .badEscape(let p): return "bad \\u escape at position \(p)"
        case .trailingText(let p): return "unexpected text after the value at position \(p)"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
