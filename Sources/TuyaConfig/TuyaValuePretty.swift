extension TuyaValue {
    /// Indented JSON (one space per level, like the peers' outputs); members in document order.
    public func prettyJSONText(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 1)
        let closePad = String(repeating: " ", count: indent)
        switch self {
        case .object(let members) where !members.isEmpty:
            let body = members.map { pad + JSONText.quote($0.key) + ": " + $0.value.prettyJSONText(indent: indent + 1) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + closePad + "}"
        case .array(let items) where !items.isEmpty:
            if items.allSatisfy({ $0.isScalar }) { return jsonText }
            let body = items.map { pad + $0.prettyJSONText(indent: indent + 1) }
            return "[\n" + body.joined(separator: ",\n") + "\n" + closePad + "]"
        default:
            return jsonText
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }
}
