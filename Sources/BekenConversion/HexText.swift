/// Parses `0x…` (hex) or decimal text, as sidecars record start addresses.
func parseAddress(_ text: String) -> Int? {
    if text.lowercased().hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
    return Int(text)
}
