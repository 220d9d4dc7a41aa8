import Foundation

/// JSON on stdout for `--json`: one compact document per line (progress events as JSON lines, then the result).
enum JSONOutput {
    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The compact JSON text of `value`.
    static func text<T: Encodable>(_ value: T) -> String {
        guard let data = try? makeEncoder().encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints `value` as one line on stdout.
    static func emit<T: Encodable>(_ value: T) {
        Terminal.writeOutput(text(value) + "\n")
    }
}

/// The last line of every `--json` run: `{"ok":false,"error":{...}}` on failure.
struct JSONFailure: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let hint: String
        let exitCode: Int32
    }
    let ok = false
    let error: Detail
}
