import Foundation

/// SplitMix64: small, fast and fully determined by its seed (fault plans must repeat exactly).
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    mutating func unit() -> Double { Double(next() >> 11 &+ 1) / Double(1 << 53) }
}

/// Applies a plan's byte faults to a byte stream. The distance to the next fault is drawn from the geometric
/// distribution, so megabytes pass without a random draw per byte.
struct WireFaultInjector: Sendable {
    let plan: FaultPlan
    private var random: SeededGenerator
    /// Bytes still to pass untouched before the next fault.
    private var gap = 0
    /// The per-byte fault rates the gap was drawn for (they change with the baud under `FaultPlan.baudNoise`).
    private var rates: (drop: Double, flip: Double, garbage: Double)
    private var totalRate: Double { rates.drop + rates.flip + rates.garbage }
    private(set) var counts = FaultCounts()

    init(plan: FaultPlan, stream: UInt64) {
        self.plan = plan
        random = SeededGenerator(seed: plan.seed &* 0x2545_F491_4F6C_DD1D &+ stream)
        rates = (plan.dropRate, plan.flipRate, plan.garbageRate)
        gap = nextGap()
    }

    private mutating func nextGap() -> Int {
        let rate = totalRate
        guard rate > 0 else { return Int.max }
        if rate >= 1 { return 0 }
        return Int(min(Double(Int.max / 2), (log(random.unit()) / log1p(-rate)).rounded(.down)))
    }

    /// The bytes as they arrive at the other end of a line running at `baud`.
    mutating func pass(_ bytes: ArraySlice<UInt8>, baud: Int) -> [UInt8] {
        if let ceiling = plan.baudCeiling, baud > ceiling {
            counts.ceilingGarbledBytes += bytes.count
            return bytes.map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        let atBaud = plan.byteRates(at: baud)
        if atBaud != rates {
            // The distance to the next fault is memoryless: redrawing it at the new rate keeps the statistics right.
            rates = atBaud
            gap = nextGap()
        }
        guard totalRate > 0, gap < bytes.count else {
            if gap != Int.max { gap -= bytes.count }
            return Array(bytes)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 4)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let clean = min(gap, bytes.endIndex - index)
            out.append(contentsOf: bytes[index ..< index + clean])
            index += clean
            gap -= clean
            guard index < bytes.endIndex else { break }
            corrupt(bytes[index], into: &out)
            index += 1
            gap = nextGap()
        }
        return out
    }

    private mutating func corrupt(_ byte: UInt8, into out: inout [UInt8]) {
        let pick = random.unit() * totalRate
        if pick <= rates.drop {
            counts.droppedBytes += 1
        } else if pick <= rates.drop + rates.flip {
            counts.flippedBytes += 1
            out.append(byte ^ (1 << UInt8.random(in: 0...7, using: &random)))
        } else {
            counts.garbageBytes += 1
            out.append(byte)
            out.append(UInt8.random(in: 0...255, using: &random))
        }
    }
}
