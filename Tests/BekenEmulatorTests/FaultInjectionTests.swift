import BekenEmulator
import SerialLink
import Testing

/// Fault injection (FaultPlan): each fault is visible on the bytes, the flash or the chip state, and repeatable.
struct FaultInjectionTests {
    func faultyChip(_ specs: [String], flash: [UInt8]? = nil, statusRegister1: UInt8 = 0) throws -> VirtualChip {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: flash, initialState: .downloadMode)
        configuration.statusRegister1 = statusRegister1
        configuration.statusRegister2 = 0
        configuration.faults = try FaultPlan(specs: specs)
        return VirtualChip(configuration: configuration)
    }

    @Test func specsParseIntoAPlan() throws {
        let plan = try FaultPlan(specs: ["drop=0.1%", "flip=0.002", "reset-at=5,9", "ceiling=921600", "seed=7",
                                         "stall-at=3", "stall-ms=700", "silent", "sr-stuck", "erase-ignored"])
        #expect(plan.dropRate == 0.001)
        #expect(plan.flipRate == 0.002)
        #expect(plan.resetAtFrames == [5, 9])
        #expect(plan.baudCeiling == 921_600)
        #expect(plan.seed == 7)
        #expect(plan.stallAtFrames == [3])
        #expect(plan.stallDuration == .milliseconds(700))
        #expect(plan.silent && plan.statusRegisterStuck && plan.eraseIgnored)
        let bytes = try FaultPlan(specs: ["bytes=0.3%"])
        #expect(abs(bytes.dropRate + bytes.flipRate + bytes.garbageRate - 0.003) < 1e-12)
    }

    @Test(arguments: ["drop=2", "drop=x", "wobble", "reset-at=0", "ceiling", "flip=150%"])
    func badSpecsAreRefused(spec: String) {
        #expect(throws: FaultPlan.SpecError.self) { try FaultPlan(specs: [spec]) }
    }

    @Test func brownOutAtAFrameResetsInsteadOfAnswering() throws {
        let chip = try faultyChip(["reset-at=3"])
        #expect(chip.respond(to: linkCheck) == linkCheckReply)
        #expect(chip.respond(to: linkCheck) == linkCheckReply)
        #expect(chip.respond(to: linkCheck).isEmpty)
        #expect(chip.runState == .bootWindow)
        #expect(chip.baudRate == 115_200)
        #expect(chip.injectedFaults.resets == 1)
        #expect(chip.respond(to: linkCheck) == linkCheckReply)  // caught in the new boot window
    }

    @Test func stuckStatusRegisterKeepsItsValue() throws {
        let chip = try faultyChip(["sr-stuck"], statusRegister1: 0x1C)
        let reply = chip.respond(to: longFrame(0x0D, [0x01, 0x00, 0x00]))  // WriteSR 01 ← 00 00
        #expect(status(of: reply) == 0)  // acknowledged
        #expect(chip.statusRegisters.0 == 0x1C)
        #expect(chip.injectedFaults.ignoredStatusWrites == 1)
    }

    @Test func ignoredEraseLeavesTheDataAndSaysOK() throws {
        var flash = [UInt8](repeating: 0xFF, count: 0x20_0000)
        for index in 0x1000 ..< 0x2000 { flash[index] = UInt8(index & 0x7F) }
        let chip = try faultyChip(["erase-ignored"], flash: flash)
        let reply = chip.respond(to: longFrame(0x0F, [0x20] + le32(0x1000)))  // FlashErase 4 KiB
        #expect(status(of: reply) == 0)
        expectSame(chip.flash[0x1000 ..< 0x2000], flash[0x1000 ..< 0x2000], "an ignored erase changed the flash")
        #expect(chip.injectedFaults.ignoredErases == 1)
    }

    /// Sends LinkCheck and collects what comes back within `wait`.
    func exchange(_ chip: VirtualChip, _ bytes: [UInt8], wait: Duration = .milliseconds(300)) throws -> [UInt8] {
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer {
            host.close()
            server.stop()
        }
        try host.write(bytes)
        var received: [UInt8] = []
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while clock.now < deadline {
            received += try host.read(upTo: 65_536, timeout: .milliseconds(20))
        }
        return received
    }

    @Test func silentChipNeverAnswers() throws {
        let chip = try faultyChip(["silent"])
        #expect(try exchange(chip, linkCheck).isEmpty)
        #expect(chip.commandLog.isEmpty)
    }

    @Test func aboveTheCeilingEveryByteIsGarbled() throws {
        let chip = try faultyChip(["ceiling=57600"])  // the chip talks at 115200
        let received = try exchange(chip, linkCheck + linkCheck)
        #expect(received != linkCheckReply && received != linkCheckReply + linkCheckReply)
        #expect(chip.injectedFaults.ceilingGarbledBytes >= linkCheck.count * 2)
    }

    @Test func byteFaultsAreRepeatableForASeed() throws {
        // Read4K replies (4 KiB each) pass a 1 % byte-fault line, chip to host; host bytes are few (rate per byte).
        let request = longFrame(0x09, le32(0x11000))
        func run(seed: Int) throws -> ([UInt8], FaultCounts) {
            let chip = try faultyChip(["bytes=1%", "seed=\(seed)"])
            let received = try exchange(chip, request + request, wait: .milliseconds(400))
            return (received, chip.injectedFaults)
        }
        let (first, counts) = try run(seed: 11)
        let (again, _) = try run(seed: 11)
        let (other, _) = try run(seed: 12)
        #expect(first == again)
        #expect(first != other)
        #expect(counts.droppedBytes + counts.flippedBytes + counts.garbageBytes > 20)
        let clean = try exchange(try faultyChip([]), request + request, wait: .milliseconds(400))
        #expect(clean.count == 2 * (15 + 0x1000))
        #expect(first != clean)
    }

    @Test func stalledReplyStillArrivesIntact() throws {
        let chip = try faultyChip(["stall-at=1", "stall-ms=200"])
        #expect(try exchange(chip, linkCheck, wait: .milliseconds(600)) == linkCheckReply)
        #expect(chip.injectedFaults.stalls == 1)
    }

    @Test func brownOutAtAByteCount() throws {
        let chip = try faultyChip(["reset-at-byte=6"])
        _ = try exchange(chip, linkCheck + linkCheck, wait: .milliseconds(100))
        #expect(chip.injectedFaults.resets == 1)
        #expect(chip.resetCount == 1)
    }
}
