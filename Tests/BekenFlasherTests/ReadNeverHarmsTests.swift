import BekenEmulator
@testable import BekenFlasher
import Testing

/// Issue 18: a read never changes the flash, whatever one lost, flipped or inserted byte does to a request.
/// The virtual chip's whole flash is compared before and after a read under 1 % byte faults of each kind; the
/// read itself may fail at that rate (a clean failure is fine), the flash may not change. Seed 9 of `bytes=1%`
/// changed the flash before reads protected it (checked with the protect step removed).
struct ReadNeverHarmsTests {
    static let range = 0x11000 ..< 0x51000

    /// Frames a clean connect takes, so the faults can start with the read (FaultPlan `from-frame`): at 1 % the
    /// identification itself rarely survives, and a test of reads must read.
    static func framesToConnect() throws -> Int {
        let probe = try FaultRecoveryTests.Bench([], flash: FaultRecoveryTests.image)
        try probe.flasher().connect()
        return probe.chip.framesReceived
    }

    @Test(arguments: ["drop=1%", "flip=1%", "garbage=1%", "bytes=1%"], [3, 9])
    func readUnderHeavyByteFaultsLeavesTheFlashAlone(fault: String, seed: Int) throws {
        let connectFrames = try Self.framesToConnect()
        let bench = try FaultRecoveryTests.Bench([fault, "seed=\(seed)", "from-frame=\(connectFrames)"],
                                                 flash: FaultRecoveryTests.image)
        let flasher = bench.flasher()
        let before = bench.chip.flash
        try flasher.connect()
        if let bytes = try? flasher.read(Self.range) {
            expectSame(bytes, before[Self.range], "a read that ended verified returned other bytes")
        }
        #expect(bench.chip.flash == before, "the flash changed during a read under \(fault) (seed \(seed))")
        #expect(bench.chip.injectedFaults.total > 0, "no fault was injected: the test proves nothing")
    }

    @Test func readProtectsTheFlashAndAWriteClearsItAgain() throws {
        let bench = try FaultRecoveryTests.Bench([], flash: FaultRecoveryTests.image)
        let flasher = bench.flasher()
        try flasher.connect()
        _ = try flasher.read(0x11000 ..< 0x12000)
        #expect(bench.chip.statusRegisters.0 & 0x7C != 0, "the flash is not protected after a read")
        #expect(bench.events.contains { if case .notice(.flashProtectedForRead) = $0 { true } else { false } })
        let sector = [UInt8](repeating: 0x5A, count: 0x1000)
        _ = try flasher.write(sector, at: 0x20000)
        #expect(Array(bench.chip.flash[0x20000 ..< 0x21000]) == sector, "the write after a protected read did not land")
    }

    @Test func readPartsNeverStartAtAModifyingOpCode() {
        for (start, size) in [(0x11000, 0x10000), (0x0, 0x2000), (0x11000, 2040), (0x11003, 5000)] {
            for maxSize in [255, 510, 2040] {
                let range = start ..< start + size
                let parts = ReadRequestShape.cut(range, maxSize: maxSize)
                #expect(parts.first?.lowerBound == range.lowerBound && parts.last?.upperBound == range.upperBound)
                #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(parts.allSatisfy { $0.count <= maxSize && !$0.isEmpty })
                #expect(parts.dropFirst().allSatisfy { !(0x06 ... 0x0F).contains($0.lowerBound & 0xFF) })
            }
        }
    }
}
