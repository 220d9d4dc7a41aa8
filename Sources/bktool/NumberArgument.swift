import ArgumentParser

/// A flash address or length on the command line: decimal, `0x…` hex, with an optional `k`/`K` (×1024) or
/// `M` (×1024²) suffix, or `ALL` (the whole flash, resolved once the chip is known) — esptool's conventions
/// (esptool and espflash: hex or decimal everywhere, k/M size suffixes).
struct FlashNumber: ExpressibleByArgument, Equatable, Sendable, CustomStringConvertible {
    /// nil means `ALL`.
    let value: Int?

    init(_ value: Int?) { self.value = value }

    init?(argument: String) {
        guard let parsed = FlashNumber.parse(argument) else { return nil }
        self = parsed
    }

    var description: String { value.map { "0x" + String($0, radix: 16, uppercase: true) } ?? "ALL" }

    /// The number, or `whole` for `ALL`.
    func resolved(whole: Int) -> Int { value ?? whole }

    static func parse(_ text: String) -> FlashNumber? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        if trimmed.uppercased() == "ALL" { return FlashNumber(nil) }
        var digits = Substring(trimmed)
        var multiplier = 1
        if let last = digits.last, !digits.lowercased().hasPrefix("0x") || "kKmM".contains(last) {
            switch last {
            case "k", "K": multiplier = 1024; digits = digits.dropLast()
            case "m", "M": multiplier = 1024 * 1024; digits = digits.dropLast()
            default: break
            }
        }
        let number: Int?
        if digits.lowercased().hasPrefix("0x") {
            number = Int(digits.dropFirst(2), radix: 16)
        } else {
            number = Int(digits, radix: 10)
        }
        guard let number, number >= 0 else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : FlashNumber(product)
    }
}
