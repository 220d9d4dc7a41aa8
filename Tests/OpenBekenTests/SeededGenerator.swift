import BekenTestSupport

/// The shared SplitMix64 generator, with the byte and text helpers the OpenBeken property tests use.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    /// Text of at most `maxBytes` UTF-8 bytes, mixing ASCII and multi-byte characters, never NUL.
    mutating func text(maxBytes: Int) -> String {
        let alphabet: [Character] = Array("abcXYZ019 ;_-.:/\"") + ["é", "ß", "€", "中", "🙂"]
        let target = Int.random(in: 0...maxBytes, using: &self)
        var result = ""
        while true {
            let next = alphabet.randomElement(using: &self)!
            if result.utf8.count + String(next).utf8.count > target { break }
            result.append(next)
        }
        return result
    }
}
