/// SplitMix64: a small deterministic generator so property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
