import BekenChips
import BekenEmulator
import BekenFlasher
import Testing

/// Issue 18: while a range is written, the flash's block protection covers what the part can protect outside it,
/// so a Write4K or FlashErase whose address a lost, inserted or flipped byte sent elsewhere changes nothing there.
/// At 1 % byte faults no 4 KiB frame arrives intact, so a restore from known bytes cannot help: only protection
/// does. The virtual BK7231N carries a TH25Q16HB (`EB 60 15`), whose layout BekenChips knows.
struct WriteProtectsOutsideTests {
    /// The top 64 KiB: the part protects everything below it (CMP = 1, BP = 1), i.e. all of the flash outside.
    static let topRange = 0x1F_0000 ..< 0x20_0000

    /// Writes `range` under `fault` from the first frame after connecting; the write may fail (a clean failure is
    /// the accepted outcome at 1 %), the flash outside `range` may not change.
    static func write(_ range: Range<Int>, under fault: String, seed: Int) throws -> (bench: FaultRecoveryTests.Bench, before: [UInt8]) {
        let connectFrames = try ReadNeverHarmsTests.framesToConnect()
        let bench = try FaultRecoveryTests.Bench([fault, "seed=\(seed)", "from-frame=\(connectFrames)"],
                                                 flash: FaultRecoveryTests.image)
        let flasher = bench.flasher()
        let before = bench.chip.flash
        try flasher.connect()
        _ = try? flasher.write([UInt8](repeating: 0xA5, count: range.count), at: range.lowerBound)
        #expect(bench.chip.injectedFaults.total > 0, "no fault was injected: the test proves nothing")
        return (bench, before)
    }

    @Test(arguments: ["garbage=1%", "drop=1%", "flip=1%"], [3, 9])
    func writeUnderHeavyByteFaultsLeavesEverythingOutsideAlone(fault: String, seed: Int) throws {
        let (bench, before) = try Self.write(Self.topRange, under: fault, seed: seed)
        let after = bench.chip.flash
        let changed = Self.firstDifference(after, before, in: 0 ..< Self.topRange.lowerBound)
        let notices = bench.events.compactMap { if case .notice(let notice) = $0 { notice } else { nil } }
        #expect(changed == nil, "the flash outside the write changed at \(changed ?? 0) under \(fault) (seed \(seed)); notices: \(notices)")
        #expect(bench.events.contains { event in
            if case .notice(.flashProtectedOutsideWrite(let protected, _)) = event { protected == 0 ..< Self.topRange.lowerBound } else { false }
        })
    }

    /// A write above the bootloader keeps the first 64 KiB (the bootloader, where a command whose address lost a
    /// byte lands) protected.
    @Test(arguments: ["garbage=1%", "drop=1%"], [3, 9])
    func writeAboveTheBootloaderLeavesItAlone(fault: String, seed: Int) throws {
        let range = 0x11000 ..< 0x31000
        let (bench, before) = try Self.write(range, under: fault, seed: seed)
        let changed = Self.firstDifference(bench.chip.flash, before, in: 0 ..< 0x10000)
        #expect(changed == nil, "the bootloader changed at \(changed ?? 0) during a write under \(fault) (seed \(seed))")
    }

    /// Before the write changes anything, the sectors beside the range that one flipped address bit reaches are
    /// read (here 0x10000, between the protected bootloader block and the range), so a garbled erase or write there
    /// is put back; one hit before that read is named. Nothing there changes silently, whatever the write's outcome.
    @Test(arguments: ["flip=1%", "flip=0.1%", "garbage=0.1%"], [3, 9])
    func neighboursOfANoisyWriteAreReadFirst(fault: String, seed: Int) throws {
        let range = 0x11000 ..< 0x31000
        let (bench, before) = try Self.write(range, under: fault, seed: seed)
        let notices = bench.events.compactMap { if case .notice(let notice) = $0 { notice } else { nil } }
        #expect(notices.contains { if case .readingNeighboursOfWrite(let spans) = $0 { spans.contains(0x10000) } else { false } },
                "the sector at 0x10000 was not read (\(fault), seed \(seed))")
        var named = FlashRanges()
        for case .garbledCommandOutsideWrite(let sectors) in notices { named.formUnion(sectors) }
        let silent = (0x10000 ..< range.lowerBound).first { address in
            !named.contains(address) && bench.chip.flash[address] != before[address]
        }
        #expect(silent == nil, "0x10000 changed unannounced at \(silent ?? 0) under \(fault) (seed \(seed))")
    }

    /// The first address in `range` where `after` differs from `before` (never the bytes: dumps may hold secrets,
    /// and a 2 MiB array in a failure message helps nobody).
    static func firstDifference(_ after: [UInt8], _ before: [UInt8], in range: Range<Int>) -> Int? {
        range.first { after[$0] != before[$0] }
    }

    /// A write reads the sectors one flipped address bit reaches beside its range once, before its first erase
    /// (FlashGeometry.neighbourSectors), and leaves them as they were; writing the same data again changes nothing
    /// and reads nothing more.
    @Test func aWriteReadsItsNeighboursBeforeItsFirstEraseAndARewriteDoesNot() throws {
        let bench = try FaultRecoveryTests.Bench([], flash: FaultRecoveryTests.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let data = [UInt8](repeating: 0xA5, count: 0x20000)
        _ = try flasher.write(data, at: 0x11000)
        func neighbourReads() -> [FlashRanges] {
            bench.events.compactMap { if case .notice(.readingNeighboursOfWrite(let spans)) = $0 { spans } else { nil } }
        }
        var expected = FlashRanges()
        for address in [0x10000, 0x31000, 0x32000, 0x34000, 0x38000] { expected.insert(address ..< address + 0x1000) }
        #expect(neighbourReads() == [expected])
        #expect(Array(bench.chip.flash[0x10000 ..< 0x11000]) == Array(FaultRecoveryTests.image[0x10000 ..< 0x11000]))
        _ = try flasher.write(data, at: 0x11000)
        #expect(neighbourReads().count == 1, "a rewrite of the same data read the neighbours again")
    }

    /// Without faults the protection is set below the range (the largest area holding the flash's start), the write lands, and the flash is left unprotected
    /// as every write left it before (the firmware that boots next saves its settings).
    @Test func protectionIsLiftedWhenTheWriteIsDone() throws {
        let bench = try FaultRecoveryTests.Bench([], flash: FaultRecoveryTests.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let data = [UInt8](repeating: 0x5A, count: 0x2000)
        _ = try flasher.write(data, at: 0x20000)
        #expect(Array(bench.chip.flash[0x20000 ..< 0x22000]) == data)
        #expect(bench.events.contains { event in
            if case .notice(.flashProtectedOutsideWrite(let protected, _)) = event { protected == 0 ..< 0x20000 } else { false }
        })
        #expect(bench.chip.statusRegisters.0 & 0x7C == 0 && bench.chip.statusRegisters.1 & 0x40 == 0,
                "the flash is still protected after the write")
    }
}
