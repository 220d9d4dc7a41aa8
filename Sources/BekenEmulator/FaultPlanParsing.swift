import Foundation

/// `KEY[=VALUE]` fault specs for `bktool emulate --fault` (one per option, repeatable).
extension FaultPlan {
    /// The spec keys, with what each takes (for help texts and error hints).
    public static let specHelp = [
        "drop=RATE", "flip=RATE", "garbage=RATE", "bytes=RATE (drop, flip and garbage, a third each)",
        "noise[=BAUD:RATE,…] (byte faults growing with the baud; default 2000000:0.1%,1500000:0.02%,921600:0.002%)",
        "stall=RATE", "stall-at=N,N…", "stall-ms=MS", "reset-at=N,N… (frame numbers)", "reset-at-byte=N,N…", "from-frame=N (byte faults start after N frames)",
        "ceiling=BAUD", "silent", "sr-stuck", "erase-ignored", "boot-loop=SECONDS", "seed=N",
    ]

    public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Applies one spec like `drop=0.1%`, `reset-at=200,900`, `ceiling=921600` or `silent`.
    /// Rates are fractions (0.001) or percentages (0.1%).
    public mutating func apply(_ spec: String) throws(SpecError) {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let key = parts.first?.lowercased() ?? ""
        let value = parts.count > 1 ? parts[1] : nil
        func needValue() throws(SpecError) -> String {
            guard let value, !value.isEmpty else { throw SpecError(description: "fault \(key) needs a value (\(key)=…)") }
            return value
        }
        switch key {
        case "drop": dropRate = try Self.rate(needValue(), key)
        case "flip": flipRate = try Self.rate(needValue(), key)
        case "garbage": garbageRate = try Self.rate(needValue(), key)
        case "bytes":
            let rate = try Self.rate(needValue(), key)
            (dropRate, flipRate, garbageRate) = (rate / 3, rate / 3, rate / 3)
        case "noise":
            if let value { baudNoise = try Self.noise(value) } else { baudNoise = .typical }
        case "stall": stallRate = try Self.rate(needValue(), key)
        case "stall-at": stallAtFrames = try Self.numbers(needValue(), key)
        case "stall-ms": stallDuration = .milliseconds(try Self.number(needValue(), key))
        case "reset-at": resetAtFrames = try Self.numbers(needValue(), key)
        case "reset-at-byte": resetAtReceivedBytes = try Self.numbers(needValue(), key)
        case "from-frame": byteFaultsFromFrame = try Self.number(needValue(), key)
        case "ceiling": baudCeiling = try Self.number(needValue(), key)
        case "seed": seed = UInt64(try Self.number(needValue(), key))
        case "silent": silent = true
        case "sr-stuck": statusRegisterStuck = true
        case "erase-ignored": eraseIgnored = true
        case "boot-loop":
            let text = try needValue()
            guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
                throw SpecError(description: "fault boot-loop: \"\(text)\" is not a number of seconds")
            }
            bootLoopPeriod = .milliseconds(Int((seconds * 1000).rounded()))
        default:
            throw SpecError(description: "unknown fault \"\(key)\"; known: \(Self.specHelp.joined(separator: ", "))")
        }
        if let problem = problems.first { throw SpecError(description: problem) }
    }

    /// A plan from several specs.
    public init(specs: [String]) throws(SpecError) {
        self.init()
        for spec in specs { try apply(spec) }
    }

    static func rate(_ text: String, _ key: String) throws(SpecError) -> Double {
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? String(text.dropLast()) : text), number >= 0 else {
            throw SpecError(description: "fault \(key): \"\(text)\" is not a rate (0.001 or 0.1%)")
        }
        let rate = isPercent ? number / 100 : number
        guard rate <= 1 else { throw SpecError(description: "fault \(key): rate \(text) is above 100 %") }
        return rate
    }

    /// `BAUD:RATE,BAUD:RATE…`, e.g. `2000000:0.1%,921600:0.002%`.
    static func noise(_ text: String) throws(SpecError) -> BaudNoise {
        var steps: [BaudNoise.Step] = []
        for piece in text.split(separator: ",") {
            let pair = piece.split(separator: ":", maxSplits: 1).map(String.init)
            guard pair.count == 2 else {
                throw SpecError(description: "fault noise: \"\(piece)\" is not BAUD:RATE (e.g. 2000000:0.1%)")
            }
            steps.append(BaudNoise.Step(baud: try number(pair[0], "noise"), rate: try rate(pair[1], "noise")))
        }
        guard !steps.isEmpty else { throw SpecError(description: "fault noise needs BAUD:RATE steps, or no value") }
        return BaudNoise(steps: steps)
    }

    static func number(_ text: String, _ key: String) throws(SpecError) -> Int {
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
            throw SpecError(description: "fault \(key): \"\(text)\" is not a whole number")
        }
        return number
    }

    static func numbers(_ text: String, _ key: String) throws(SpecError) -> Set<Int> {
        var result = Set<Int>()
        for piece in text.split(separator: ",") { result.insert(try number(String(piece), key)) }
        return result
    }
}
