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
        // The test reads before the first erase (WriteLinkProbe) or the damaged writes themselves step it down.
        let stepDowns = bench.events.filter {
            switch $0 {
            case .baudFallback(_, _, .damagedWrites), .baudFallback(_, _, .damagedTestReads): true
            default: false
            }
        }
        #expect(!stepDowns.isEmpty, "no step-down for damage on a line noisy at 2 000 000 baud")
        #expect(bench.chip.injectedFaults.total > 0, "no fault was injected: the test proves nothing")
    }

    /// On a line whose byte faults do not fall with the baud (a steady 0.1 %: nearly every 4 KiB frame damaged at
    /// every rate), three rates in a row that damage nearly every write stop the write: a clean failure that names
    /// what it saw and suggests the rates below, instead of spending the time limit on frames that may each carry
    /// a garbled address.
    /// Here the flash's bytes are known before the write (as after a backup), so nothing is read before the first
    /// erase and the link has shown no damage: the test reads do not run, and the writes themselves are the evidence.
    @Test(arguments: [1, 2])
    func steadyNoiseAtEveryRateStopsAfterThreeRates(seed: Int) throws {
        let connectFrames = try ReadNeverHarmsTests.framesToConnect()
        let bench = try FaultRecoveryTests.Bench(["drop=0.1%", "seed=\(seed)", "from-frame=\(connectFrames)"],
                                                 flash: FaultRecoveryTests.image)
        let flasher = bench.flasher(baud: 2_000_000)
        try flasher.connect()
        flasher.rememberContents(FaultRecoveryTests.image, at: 0)
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

    /// Issue 18: on a line that damages nearly every 4 KiB frame at every rate, the test reads before the first
    /// erase (WriteLinkProbe) find it out at three rates and the write stops with nothing erased.
    @Test(arguments: ["drop=0.1%", "flip=0.1%", "garbage=0.1%"], [1, 2])
    func hopelessLineStopsBeforeTheFirstErase(fault: String, seed: Int) throws {
        let connectFrames = try ReadNeverHarmsTests.framesToConnect()
        let bench = try FaultRecoveryTests.Bench([fault, "seed=\(seed)", "from-frame=\(connectFrames)"],
                                                 flash: FaultRecoveryTests.image)
        let flasher = bench.flasher(baud: 2_000_000)
        try flasher.connect()
        let error = #expect(throws: FlasherError.self) {
            _ = try flasher.write([UInt8](repeating: 0xA5, count: Self.range.count), at: Self.range.lowerBound)
        }
        #expect(error?.code == .writeFailed, "\(error?.message ?? "")")
        #expect(error?.flashState == .untouched)
        #expect(error?.suggestion.includesLowerBaud == true)
        let probeStepDowns = bench.events.filter {
            if case .baudFallback(_, _, .damagedTestReads) = $0 { true } else { false }
        }
        #expect(probeStepDowns.count == 2, "step-downs for damaged test reads: \(probeStepDowns.count)")
        // No Write4K (0x07) reached the chip (a garbled test read may arrive as another op, but the flash is
        // protected for reading while they run), and the flash is unchanged everywhere.
        let writes = bench.chip.commandLog.filter { $0.isLong && $0.code == 0x07 }
        #expect(writes.isEmpty, "Write4K commands reached the chip: \(writes.count)")
        #expect(bench.chip.flash == FaultRecoveryTests.image, "the flash changed under \(fault) (seed \(seed))")
    }
}
