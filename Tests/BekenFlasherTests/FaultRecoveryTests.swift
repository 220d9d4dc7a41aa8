import BekenEmulator
import BekenFlasher
import SerialLink
import Testing

/// Recovery inside one operation against a faulty virtual chip (FaultPlan). In-memory link (RTS drives CEN, so
/// the reset ladder can reset the chip), no pacing: these check outcomes, not speed (bench/faults measures time).
struct FaultRecoveryTests {
    final class Bench {
        let chip: VirtualChip
        let server: ChipServer
        let host: MemoryLink
        var events: [FlasherEvent] = []

        init(_ specs: [String], flash: [UInt8], statusRegister1: UInt8 = 0,
             personality: ChipPersonality = .bk7231n) throws {
            var configuration = VirtualChip.Configuration(personality: personality, flash: flash,
                                                          initialState: .downloadMode)
            configuration.statusRegister1 = statusRegister1
            configuration.statusRegister2 = 0
            configuration.faults = try FaultPlan(specs: specs)
            chip = VirtualChip(configuration: configuration)
            (server, host) = ChipServer.inMemoryServer(chip)
        }

        func flasher(baud: Int = 921_600, linkTimeout: Duration = .seconds(5)) -> Flasher {
            var options = Flasher.Options()
            options.baudRate = baud
            options.linkTimeout = linkTimeout
            return Flasher(link: host, options: options) { [unowned self] event in events.append(event) }
        }

        deinit {
            host.close()
            server.stop()
        }
    }

    /// 2 MiB with distinct bytes in every sector, so a misplaced or shifted sector cannot match.
    static let image: [UInt8] = (0 ..< 0x20_0000).map { UInt8(truncatingIfNeeded: ($0 >> 12) &* 31 &+ $0 &* 7) }
    static let appRange = 0x11000 ..< 0x51000

    @Test func readSurvivesThreeBrownOuts() throws {
        let bench = try Bench(["reset-at=25,45,65"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let bytes = try flasher.read(Self.appRange)
        expectSame(bytes, Self.image[Self.appRange], "read after brown-outs differs from the flash")
        #expect(bench.chip.injectedFaults.resets == 3)
    }

    @Test func writeSurvivesBrownOutsAndEndsVerified() throws {
        var blankApp = Self.image
        for index in Self.appRange { blankApp[index] = 0xFF }
        let bench = try Bench(["reset-at=30,50,70"], flash: blankApp)
        let flasher = bench.flasher()
        try flasher.connect()
        let report = try flasher.write(Array(Self.image[Self.appRange]), at: Self.appRange.lowerBound)
        expectSame(bench.chip.flash, Self.image, "flash after a write with brown-outs is not the image")
        #expect(report.verifiedRanges == [Self.appRange])
        #expect(bench.chip.injectedFaults.resets == 3)
    }

    @Test func baudCeilingSettlesOnAWorkingRate() throws {
        let bench = try Bench(["ceiling=921600"], flash: Self.image)
        let flasher = bench.flasher(baud: 2_000_000)
        try flasher.connect()
        #expect(flasher.baudRate <= 921_600)
        #expect(flasher.baudRate > 115_200)
        let bytes = try flasher.read(0x11000 ..< 0x31000)
        expectSame(bytes, Self.image[0x11000 ..< 0x31000], "read below the ceiling differs")
        #expect(bench.events.contains { if case .baudFallback = $0 { true } else { false } })
    }

    @Test func byteFaultsNeverYieldWrongBytes() throws {
        let bench = try Bench(["bytes=0.01%", "seed=3"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let bytes = try flasher.read(Self.appRange)
        expectSame(bytes, Self.image[Self.appRange], "read through byte faults differs")
        #expect(bench.chip.injectedFaults.droppedBytes + bench.chip.injectedFaults.flippedBytes
            + bench.chip.injectedFaults.garbageBytes > 0)
    }

    /// At 0.1 % a 4 KiB reply is intact ~2 % of the time: the careful reader (proven 510-byte pieces) must take over.
    @Test(arguments: ["flip=0.1%", "drop=0.1%", "garbage=0.1%"])
    func readThroughTenTimesMoreByteFaultsIsExact(spec: String) throws {
        let bench = try Bench([spec, "seed=11"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let bytes = try flasher.read(Self.appRange)
        expectSame(bytes, Self.image[Self.appRange], "read through \(spec) differs")
        let carefulRounds = bench.events.filter { event in
            if case .retry(let operation, _, _, _) = event { return operation == "read (careful)" }
            return false
        }
        #expect(!carefulRounds.isEmpty, "the careful reader never took over")
        #expect(bench.chip.commandLog.contains { $0.isLong && $0.code == 0x08 }, "no FlashRead (0x08) was sent")
    }

    /// Lost and inserted bytes change a reply's length, so the careful reader sees the damage without a CRC and
    /// proves most pieces eight parts (2040 bytes) per CheckCRC: far fewer CheckCRC requests than 510-byte pieces
    /// (each one a risk of a huge garbled range that only a reset ends).
    @Test(arguments: ["drop=0.1%", "garbage=0.1%"])
    func damageThatShowsIsProvenInWidePieces(spec: String) throws {
        let bench = try Bench([spec, "seed=13"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let range = 0x11000 ..< 0x91000
        let logStart = bench.chip.commandLog.count
        let bytes = try flasher.read(range)
        expectSame(bytes, Self.image[range], "read through \(spec) differs")
        let flashReads = bench.chip.commandLog.dropFirst(logStart).filter { $0.isLong && $0.code == 0x08 }.count
        let crcRequests = bench.chip.commandLog.dropFirst(logStart).filter { !$0.isLong && $0.code == 0x10 }.count
        #expect(flashReads > 0, "the careful reader never took over")
        let narrowPieces = range.count / 510
        #expect(crcRequests < narrowPieces / 2, "\(crcRequests) CheckCRC requests for \(narrowPieces) narrow pieces")
    }

    /// Fifteen brown-outs in one read: more than `maxRelinks` (12), but each relink lets work go on, so the read
    /// ends exact instead of giving up (the limit counts relinks without progress).
    @Test func readSurvivesMoreBrownOutsThanTheRelinkLimitWhenWorkGoesOn() throws {
        let resets = stride(from: 20, through: 300, by: 20).map(String.init).joined(separator: ",")
        let bench = try Bench(["reset-at=\(resets)"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let range = 0 ..< 0x10_0000
        let bytes = try flasher.read(range)
        expectSame(bytes, Self.image[range], "read after fifteen brown-outs differs")
        #expect(bench.chip.injectedFaults.resets == 15)
        #expect(flasher.options.maxRelinks < 15)
    }

    /// A chip that goes silent again and again without any sector proven in between: the read gives up with
    /// `linkLost`, and the suggestion covers both causes the host cannot tell apart (resets, a link losing bytes).
    @Test func endlessSilenceGivesUpSuggestingTheWholeLink() throws {
        let resets = stride(from: 30, through: 3000, by: 2).map(String.init).joined(separator: ",")
        let bench = try Bench(["reset-at=\(resets)"], flash: Self.image)
        var options = bench.flasher().options
        options.maxRelinks = 2
        let flasher = Flasher(link: bench.host, options: options) { _ in }
        try flasher.connect()
        let error = try #require(throws: FlasherError.self) { try flasher.read(Self.appRange) }
        #expect(error.code == .linkLost && error.description.contains("without progress"))
        #expect(error.suggestion.includesLowerBaud)
    }

    /// BL bootloaders lack FlashRead: the careful reader proves pieces from Read4K replies instead.
    @Test func carefulReadOnATBootloaderUsesRead4K() throws {
        let bench = try Bench(["flip=0.05%", "seed=12"], flash: Self.image, personality: .bk7231t)
        let flasher = bench.flasher()
        try flasher.connect()
        let range = 0x11000 ..< 0x31000
        let bytes = try flasher.read(range)
        expectSame(bytes, Self.image[range], "careful read on BK7231T differs")
        #expect(!bench.chip.commandLog.contains { $0.isLong && $0.code == 0x08 }, "FlashRead sent to a BL bootloader")
    }

    @Test func writeThroughByteFaultsEndsVerified() throws {
        var oldApp = Self.image
        for index in Self.appRange { oldApp[index] = ~oldApp[index] }
        let bench = try Bench(["bytes=0.01%", "seed=5"], flash: oldApp)
        let flasher = bench.flasher()
        try flasher.connect()
        let report = try flasher.write(Array(Self.image[Self.appRange]), at: Self.appRange.lowerBound)
        expectSame(bench.chip.flash, Self.image, "flash after a write through byte faults is not the image")
        #expect(report.verifiedRanges == [Self.appRange])
    }

    @Test func hopelessLineGivesUpWithinTheTimeLimitStatingTheRanges() throws {
        let bench = try Bench(["flip=1%", "seed=9"], flash: Self.image)
        var options = Flasher.Options()
        options.baudRate = 921_600
        options.operationTimeLimit = .seconds(2)
        let flasher = Flasher(link: bench.host, options: options)
        var caught: FlasherError?
        do {
            try flasher.connect()
            _ = try flasher.read(Self.appRange)
        } catch let error as FlasherError {
            caught = error
        }
        let error = try #require(caught, "a 1 % flip rate must not end in success")
        #expect(error.suggestion != .none)
        if error.operationRange != nil {  // failed inside the read (not while identifying)
            #expect(error.description.contains("not verified:"))
            #expect(error.nextStep != nil)
        }
    }

    @Test func silenceIsANoAnswerErrorNamingTheCauses() throws {
        let bench = try Bench(["silent"], flash: Self.image)
        let flasher = bench.flasher(linkTimeout: .seconds(1))
        #expect {
            try flasher.connect()
        } throws: { error in
            guard let error = error as? FlasherError else { return false }
            return error.code == .linkTimeout && error.message.contains("no answer")
                && error.suggestion == .checkWiringAndReset
        }
    }

    @Test func stuckStatusRegisterIsAnErrorNamingTheFlash() throws {
        let bench = try Bench(["sr-stuck"], flash: Self.image, statusRegister1: 0x1C)
        let flasher = bench.flasher()
        try flasher.connect()
        var image = Self.image
        image[0x20000] ^= 0xFF
        #expect {
            _ = try flasher.write(Array(image[0x20000 ..< 0x21000]), at: 0x20000)
        } throws: { error in
            guard let error = error as? FlasherError else { return false }
            return error.code == .unprotectFailed && error.message.contains("TH25Q16HB")
        }
        expectSame(bench.chip.flash, Self.image, "a failed unprotect changed the flash")
    }

    @Test func ignoredEraseIsAnErrorNamingTheFlashAndTheRanges() throws {
        let bench = try Bench(["erase-ignored"], flash: Self.image)
        let flasher = bench.flasher()
        try flasher.connect()
        let target = 0x20000 ..< 0x22000
        let fresh = [UInt8](repeating: 0x5A, count: target.count)
        var caught: FlasherError?
        do {
            _ = try flasher.write(fresh, at: target.lowerBound)
        } catch let error as FlasherError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.code == .eraseFailed)
        #expect(error.message.contains("TH25Q16HB"))
        #expect(error.unverifiedRanges.contains { $0.contains(0x20000) })
        #expect(error.description.contains("not verified: 0x20000"))
        #expect(error.description.contains("run the same write again"))
        #expect(!bench.events.contains(.verified(range: target)))
        #expect(Array(bench.chip.flash[target]) != fresh)
    }
}

func expectSame(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>, _ what: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
    let equal = a.elementsEqual(b)
    #expect(equal, Comment(rawValue: what), sourceLocation: sourceLocation)
}
