@testable import BekenFlasher
import Testing

/// The step-down rule for damaged writes (issue 18): a line noisy at this rate steps down soon, a steady line whose
/// frames arrive damaged a third of the time does not step down for an early run of bad luck.
struct WriteDamageEvidenceTests {
    /// Feeds `pattern` ("D" damaged, "I" intact); returns the index of the write that asks for a step-down, if any.
    private func stepDownIndex(_ pattern: String, afterStepDown: Bool = false) -> Int? {
        var evidence = WriteDamageEvidence(afterStepDown: afterStepDown)
        for (index, mark) in pattern.enumerated() where evidence.note(damaged: mark == "D") { return index }
        return nil
    }

    @Test func nineDamagedInARowStepDownEightDoNot() {
        #expect(stepDownIndex(String(repeating: "D", count: 8)) == nil)
        #expect(stepDownIndex(String(repeating: "D", count: 9)) == 8)
    }

    /// After a step-down for damage the line has shown it is noisy: six damaged in a row step down again.
    @Test func afterAStepDownSixDamagedInARowStepDownAgain() {
        #expect(stepDownIndex(String(repeating: "D", count: 5), afterStepDown: true) == nil)
        #expect(stepDownIndex(String(repeating: "D", count: 6), afterStepDown: true) == 5)
    }

    @Test func earlyBadLuckOnASteadyLineDoesNotStepDown() {
        // Three damaged first (the old rule stepped down here), then the steady line's one in three.
        #expect(stepDownIndex("DDD" + String(repeating: "IID", count: 100)) == nil)
    }

    @Test func intactWritesBetweenDamagedOnesDelayTheStepDown() {
        // 56 % damaged, as the baud-noise line at 1 500 000: "DDIDDIDDI…" climbs, slower than all-damaged.
        let index = stepDownIndex(String(repeating: "DDI", count: 40))
        #expect(index != nil && index! > 8, "stepped down at write \(String(describing: index))")
    }

    @Test func theEvidenceNamesTheWritesItRestsOn() {
        var evidence = WriteDamageEvidence()
        for mark in "IIII" + String(repeating: "D", count: 9) { _ = evidence.note(damaged: mark == "D") }
        #expect(evidence.recentDamaged == 9 && evidence.recentWrites == 9)
    }
}
