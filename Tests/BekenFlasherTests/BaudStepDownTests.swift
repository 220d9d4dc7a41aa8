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

    /// On a line whose byte faults do not fall with the baud (a steady 0.1 %: nearly every 4 KiB frame damaged at
    /// every rate), three rates in a row that damage nearly every write stop the write: a clean failure that names
    /// what it saw and suggests the rates below, instead of spending the time limit on frames that may each carry
    /// a garbled address.
    @Test(arguments: [1, 2])
    func steadyNoiseAtEveryRateStopsAfterThreeRates(seed: Int) throws {
        let connectFrames = try ReadNeverHarmsTests.framesToConnect()
        let bench = try FaultRecoveryTests.Bench(["drop=0.1%", "seed=\(seed)", "from-frame=\(connectFrames)"],
                                                 flash: FaultRecoveryTests.image)
        let flasher = bench.flasher(baud: 2_000_000)
        try flasher.connect()
        let error = #expect(throws: FlasherError.self) {
            _ = try flasher.write([UInt8](repeating: 0xA5, count: Self.range.count), at: Self.range.lowerBound)
        }
        #expect(error?.code == .verifyFailed)
        #expect(error?.message.contains("stepping the baud rate down does not help") == true, "\(error?.message ?? "")")
        #expect(error?.suggestion.includesLowerBaud == true)
        // It stops at the third noisy rate in a row, well before the bottom of the ladder (2 000 000 … 115 200).
        let stepDowns = bench.events.filter {
            if case .baudFallback(_, _, .damagedWrites) = $0 { true } else { false }
        }
        #expect((2 ... 3).contains(stepDowns.count), "step-downs for damaged writes: \(stepDowns.count)")
    }
}
