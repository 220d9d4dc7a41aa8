import Foundation

/// Whether the sectors written at one rate arrive damaged more often than a steady line damages them: the evidence
/// for stepping the baud down (issue 18: on long wires the byte-fault rate falls steeply with the baud).
///
/// On a line with a steady byte-fault rate a lower baud only costs time: at 0.01 % byte faults a third of the 4 KiB
/// frames arrive damaged at every rate. On a line noisy at this rate most of them do (the baud-noise line damages
/// 98 % at 2 000 000 and 56 % at 1 500 000, 8 % at 921 600). A CUSUM test of "70 % damaged" against "40 % damaged"
/// tells them apart from the recent writes: each damaged sector adds ln(0.7/0.4), each intact one ln(0.3/0.6), the
/// score never falls below zero, and crossing 4.5 steps down (nine damaged in a row, or, at 56 %, some forty
/// writes). After one step-down for damage the line has shown it is noisy, and the next rates need less: 3.0 (six
/// in a row). A plain "three damaged and more than intact" rule stepped down in 6 of 20 writes on a steady 0.01 %
/// line — twice in some, doubling their time (docs/DESIGN-NOTES.md, "baud step-down on damaged writes").
struct WriteDamageEvidence: Equatable {
    static let steadyShare = 0.4
    static let noisyShare = 0.7
    /// Where nearly every sector written arrives damaged (this share of the writes the evidence rests on) at this many
    /// rates in a row, stepping down does not help the line (its faults do not fall with the baud): the write stops
    /// rather than spending its time limit on frames that each may carry a garbled address (issue 18). The
    /// baud-noise line damages 56 % at its second rate and 8 % at its third, a steady 0.1 % line 98 % at every rate.
    static let hopelessShare = 0.9
    static let hopelessRatesInARow = 3

    /// The bar at the rate a write starts at, and at the rates a step-down for damage led to.
    static let firstThreshold = 4.5
    static let thresholdAfterStepDown = 3.0
    private static let damagedWeight = log(noisyShare / steadyShare)
    private static let intactWeight = log((1 - noisyShare) / (1 - steadyShare))

    let threshold: Double
    private(set) var score = 0.0
    /// The writes since the score last stood at zero, and how many of them arrived damaged: what the evidence rests on.
    private(set) var recentWrites = 0
    private(set) var recentDamaged = 0

    init(afterStepDown: Bool = false) {
        threshold = afterStepDown ? Self.thresholdAfterStepDown : Self.firstThreshold
    }

    /// Adds one sector write's check; true when the evidence says the line is noisy at this rate.
    mutating func note(damaged: Bool) -> Bool {
        score = max(0, score + (damaged ? Self.damagedWeight : Self.intactWeight))
        if score == 0 {
            recentWrites = 0
            recentDamaged = 0
        } else {
            recentWrites += 1
            if damaged { recentDamaged += 1 }
        }
        return score > threshold
    }
}
