import BekenEmulator
import BekenFlasher
import Testing

/// Issue 18 item 4: on a line whose byte faults grow with the baud (FaultPlan `noise`, 0.1 % at 2 000 000), a write
/// notices that the sectors it writes keep arriving damaged, steps the baud down and ends verified.
struct BaudStepDownTests {
    static let range = 0x11000 ..< 0x31000

    @Test(arguments: [1, 2])
    func noisyWriteStepsDownAndEndsVerified(seed: Int) throws {
        var blank = FaultRecoveryTests.image
        for index in Self.range { blank[index] = 0xFF }
        let bench = try FaultRecoveryTests.Bench(["noise", "seed=\(seed)"], flash: blank)
        let flasher = bench.flasher(baud: 2_000_000)
        try flasher.connect()
        let report = try flasher.write(Array(FaultRecoveryTests.image[Self.range]), at: Self.range.lowerBound)
        #expect(report.verifiedRanges == [Self.range])
        #expect(bench.chip.flash == FaultRecoveryTests.image, "the flash after the noisy write is not the image")
        let stepDowns = bench.events.filter {
            if case .baudFallback(_, _, .damagedWrites) = $0 { true } else { false }
        }
        #expect(!stepDowns.isEmpty, "no step-down for damaged writes on a line noisy at 2 000 000 baud")
        #expect(bench.chip.injectedFaults.total > 0, "no fault was injected: the test proves nothing")
    }
}
