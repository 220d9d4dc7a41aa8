/// Line noise that grows with the baud rate, as on long or thin wires and weak adapters: a byte-fault rate per baud
/// step (a third each lost, flipped and inserted bytes). The step with the highest baud at or below the line's rate
/// applies; below the lowest step the line is clean. A flasher that steps its rate down gets a cleaner line.
public struct BaudNoise: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var baud: Int
        /// Probability per byte of a fault.
        public var rate: Double

        public init(baud: Int, rate: Double) {
            self.baud = baud
            self.rate = rate
        }
    }

    /// Steps by falling baud.
    public private(set) var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps.sorted { $0.baud > $1.baud }
    }

    /// 0.1 % at 2 000 000, 0.02 % at 1 500 000, 0.002 % at 921 600, none below (the project's bench default: each
    /// step down cuts the noise five- to tenfold, as a marginal line's eye opens at lower rates).
    public static let typical = BaudNoise(steps: [
        Step(baud: 2_000_000, rate: 0.001), Step(baud: 1_500_000, rate: 0.000_2), Step(baud: 921_600, rate: 0.000_02),
    ])

    /// The byte-fault rate on a line running at `baud`.
    public func rate(at baud: Int) -> Double {
        steps.first { baud >= $0.baud }?.rate ?? 0
    }
}
