/// `0x0EAB98F5`: a 32-bit value with a fixed width.
func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// Parses `0x…` (hex) or decimal text, as sidecars record start addresses.
func parseAddress(_ text: String) -> Int? {
    if text.lowercased().hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
    return Int(text)
}
