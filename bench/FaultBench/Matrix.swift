import BekenEmulator

/// What one trial does to the flash.
enum Operation: String, Sendable {
    case read
    case write
}

/// What a row must show beyond what every row must (no silent corruption, no flash change) — issue 18 "Must show".
enum Expectation: Sendable, Equatable {
    /// Nothing more (rates no flasher is expected to beat: 1 % byte faults, a 460 800 ceiling).
    case nothingMore
    /// Every trial verified, the slowest within this factor of the fault-free time.
    case verified(within: Double)
    /// Every trial verified, however long it took.
    case allVerified
    /// Each trial verified, or a clean failure that names the verified ranges and suggests a lower baud rate.
    case verifiedOrNamedFailure
    /// Faults no flasher can cure: a clear error, never a success.
    case neverSucceeds
}

/// One row of the matrix: a fault at a rate (or a trigger count) for one operation.
struct Cell: Sendable {
    let operation: Operation
    /// "none", "drop", "flip", "garbage", "reset", "ceiling", "baud-noise", "silence", "sr-stuck", "erase-ignored".
    let kind: String
    /// Human label of the rate or trigger ("0.1 %", "3 per op", "921600").
    let level: String
    /// The row's must-show limit.
    let expectation: Expectation
    /// Builds the trial's plan from its seed and the fault-free run's frame window (for reset triggers).
    let plan: @Sendable (_ seed: UInt64, _ operationFrames: ClosedRange<Int>) -> FaultPlan
    /// Trials for this row (the expectation rows need one or two).
    let trials: Int
}

enum Matrix {
    static let byteRates: [(label: String, rate: Double)] = [("0.01 %", 0.0001), ("0.1 %", 0.001), ("1 %", 0.01)]

    static func cells(trials: Int, operations: [Operation]) -> [Cell] {
        var cells: [Cell] = []
        for operation in operations {
            cells.append(Cell(operation: operation, kind: "none", level: "-", expectation: .verified(within: 2),
                              plan: { seed, _ in plan(seed) }, trials: trials))
            for kind in ["drop", "flip", "garbage"] {
                for (label, rate) in byteRates {
                    // Reads must verify in 2 × up to 0.1 %; writes up to 0.01 %, and at 0.1 % (no frame carries a
                    // checksum, a 4 KiB frame rarely arrives whole) may end in a clean failure naming the ranges.
                    let expectation: Expectation = switch (operation, rate) {
                    case (.read, ...0.001), (.write, ...0.0001): .verified(within: 2)
                    case (.write, ...0.001): .verifiedOrNamedFailure
                    default: .nothingMore
                    }
                    cells.append(Cell(operation: operation, kind: kind, level: label, expectation: expectation,
                                      plan: { seed, _ in
                                          var faults = plan(seed)
                                          switch kind {
                                          case "drop": faults.dropRate = rate
                                          case "flip": faults.flipRate = rate
                                          default: faults.garbageRate = rate
                                          }
                                          return faults
                                      }, trials: trials))
                }
            }
            for count in [1, 3] {
                cells.append(Cell(operation: operation, kind: "reset", level: "\(count) per op", expectation: .verified(within: 2),
                                  plan: { seed, frames in
                                      var faults = plan(seed)
                                      var random = SplitMix(seed: seed)
                                      while faults.resetAtFrames.count < count {
                                          faults.resetAtFrames.insert(random.pick(in: frames))
                                      }
                                      return faults
                                  }, trials: trials))
            }
            for ceiling in [921_600, 460_800] {
                cells.append(Cell(operation: operation, kind: "ceiling", level: "\(ceiling)",
                                  expectation: ceiling == 921_600 ? .allVerified : .nothingMore,
                                  plan: { seed, _ in
                                      var faults = plan(seed)
                                      faults.baudCeiling = ceiling
                                      return faults
                                  }, trials: trials))
            }
            // Noise growing with the baud (BaudNoise.typical), 2 000 000 requested: the flasher must notice the
            // clustered errors and step down; every trial verified within 2.5 × the fault-free 2 000 000 run.
            cells.append(Cell(operation: operation, kind: "baud-noise", level: "2000000 req.", expectation: .verified(within: 2.5),
                              plan: { seed, _ in
                                  var faults = plan(seed)
                                  faults.baudNoise = .typical
                                  return faults
                              }, trials: trials))
        }
        // Faults no flasher can cure: they must end in a clear error, never a success.
        cells.append(Cell(operation: .read, kind: "silence", level: "always", expectation: .neverSucceeds,
                          plan: { seed, _ in var faults = plan(seed); faults.silent = true; return faults }, trials: 1))
        cells.append(Cell(operation: .write, kind: "sr-stuck", level: "always", expectation: .neverSucceeds,
                          plan: { seed, _ in var faults = plan(seed); faults.statusRegisterStuck = true; return faults },
                          trials: 1))
        cells.append(Cell(operation: .write, kind: "erase-ignored", level: "always", expectation: .neverSucceeds,
                          plan: { seed, _ in var faults = plan(seed); faults.eraseIgnored = true; return faults },
                          trials: 1))
        return cells
    }

    static func plan(_ seed: UInt64) -> FaultPlan {
        var faults = FaultPlan()
        faults.seed = seed
        return faults
    }
}

/// The bench's own seeded generator (trial seeds, reset frames, images).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
