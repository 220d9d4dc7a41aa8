import BekenEmulator
import BekenFlasher
import Foundation
import SerialLink

/// How a trial ended.
enum Outcome: String, Sendable {
    /// The flasher reported success and the bytes/flash really are right.
    case verified
    /// The flasher reported an error, and everything it claimed verified really is right.
    case cleanFailure
    /// Wrong bytes returned, a write reported done that the flash does not hold, or a false "verified" claim.
    case silentCorruption
}

struct TrialResult: Sendable {
    let outcome: Outcome
    /// The whole flash, compared after the trial, holds something else than it must: for a read, any byte changed;
    /// for a write, any byte outside the written range (inside it, a failed write may leave anything).
    let flashChanged: Bool
    let seconds: Double
    /// The error line for failures.
    let error: String?
    /// A failure names the ranges the chip's CRC proved (and those it did not), and suggests a lower baud rate.
    let namesRanges: Bool
    let suggestsLowerRate: Bool
    /// Frames the chip received before and after the operation (the fault-free run sets reset windows).
    let framesAtStart: Int
    let framesAtEnd: Int
}

/// Sizes, rates and limits of one bench run.
struct BenchSetup: Sendable {
    var readSize = 0x20_0000
    var writeSize = 0x10_0000
    var writeBase = 0x11000
    var requestedBaud = 2_000_000
    var pacing = true
    var linkTimeout: Duration = .seconds(3)
    /// Write trials are given the device's backup, as `bktool write-flash --backup` and a conversion that kept one
    /// are (unproven: used only where the chip's CRC vouches for it, EarlierBackup); FAULTBENCH_NO_BACKUP=1 writes
    /// without one, where a garbled command outside the range can only be named, not put back.
    var writesWithBackup = ProcessInfo.processInfo.environment["FAULTBENCH_NO_BACKUP"] != "1"
    /// Recovery gives up after this (set from the fault-free time, so failing rows end).
    var timeLimit: [Operation: Duration] = [:]

    /// The chip's flash before the trial: seeded random bytes (firmware is compressed/encrypted: looks random).
    let oldFlash: [UInt8]
    /// The write's new data (differs from the old flash in every sector).
    let newData: [UInt8]

    init(readSize: Int, writeSize: Int) {
        self.readSize = readSize
        self.writeSize = writeSize
        var random = SplitMix(seed: 0xB7)
        oldFlash = (0 ..< 0x20_0000).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
        newData = (0 ..< writeSize).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
    }
}

enum Trial {
    static func run(_ operation: Operation, faults: FaultPlan, setup: BenchSetup) -> TrialResult {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: setup.oldFlash,
                                                      timing: setup.pacing ? .realistic : .instant,
                                                      initialState: .downloadMode)
        configuration.statusRegister1 = faults.statusRegisterStuck ? 0x1C : 0  // stuck SR: protected, cannot clear
        configuration.statusRegister2 = 0
        configuration.faults = faults
        let chip = VirtualChip(configuration: configuration)
        let (server, host) = ChipServer.inMemoryServer(chip)
        defer {
            host.close()
            server.stop()
        }
        var options = Flasher.Options()
        options.baudRate = setup.requestedBaud
        options.linkTimeout = setup.linkTimeout
        options.operationTimeLimit = setup.timeLimit[operation]
        let clock = ContinuousClock()
        let started = clock.now
        // FAULTBENCH_EVENTS=1 prints the flasher's events with times (debugging one cell with --only/--trials 1).
        let verbose = ProcessInfo.processInfo.environment["FAULTBENCH_EVENTS"] == "1"
        let flasher = Flasher(link: host, options: options) { event in
            guard verbose else { return }
            if case .progress = event { return }
            FileHandle.standardError.write(Data(String(format: "%7.3f %@\n", seconds(clock.now - started), "\(event)").utf8))
        }
        var framesAtStart = 0
        var outcome = Outcome.verified
        var errorLine: String?
        var namesRanges = false
        var suggestsLowerRate = false
        // Bytes the read handed out, checked against the real flash as they arrive.
        var wrongPieces: [Range<Int>] = []
        var wrongRead: Bool {
            // Compared with the real flash: a garbled request can change the flash itself (a flipped op bit turns
            // Read4K 0x09 into Erase4K 0x0B); returning what the flash really holds is not a wrong read.
            guard !wrongPieces.isEmpty else { return false }
            let flash = chip.flash
            return wrongPieces.contains { !flash[$0].elementsEqual(returned[$0.lowerBound]!) }
        }
        var returned: [Int: [UInt8]] = [:]
        do {
            try flasher.connect()
            framesAtStart = chip.framesReceived
            switch operation {
            case .read:
                try flasher.read(0 ..< setup.readSize) { address, bytes in
                    if !bytes.elementsEqual(setup.oldFlash[address ..< address + bytes.count]) {
                        wrongPieces.append(address ..< address + bytes.count)
                        returned[address] = Array(bytes)
                    }
                }
                outcome = wrongRead ? .silentCorruption : .verified
            case .write:
                if setup.writesWithBackup { flasher.rememberEarlierBackup(setup.oldFlash) }
                let report = try flasher.write(setup.newData, at: setup.writeBase)
                let range = setup.writeBase ..< setup.writeBase + setup.writeSize
                let holds = chip.flash[range].elementsEqual(setup.newData)
                outcome = holds && report.verifiedRanges == [range] ? .verified : .silentCorruption
            }
        } catch let error as FlasherError {
            errorLine = error.description
            namesRanges = error.progressSentence != nil
            // A failure suggests a lower rate when its suggestion or its next step says so.
            var nextLowersBaud = false
            if case .repeatReadThenLowerBaud? = error.nextStep { nextLowersBaud = true }
            suggestsLowerRate = error.suggestion.includesLowerBaud || nextLowersBaud
            outcome = wrongRead || falseClaim(error, operation: operation, chip: chip, setup: setup)
                ? .silentCorruption : .cleanFailure
        } catch {
            errorLine = "\(error)"
            outcome = .cleanFailure
        }
        if verbose, errorLine != nil {
            for record in chip.commandLog.suffix(12) { FileHandle.standardError.write(Data("chip: \(record)\n".utf8)) }
            FileHandle.standardError.write(Data("chip state: \(chip.runState), resets \(chip.resetCount), baud \(chip.baudRate), faults \(chip.injectedFaults)\n".utf8))
        }
        let changed = flashChanged(chip.flash, operation: operation, setup: setup)
        if let changed {
            errorLine = (errorLine ?? "") + " [flash changed outside what the \(operation.rawValue) may touch: "
                + "first at 0x\(String(changed, radix: 16, uppercase: true))]"
        }
        return TrialResult(outcome: outcome, flashChanged: changed != nil, seconds: seconds(clock.now - started),
                           error: errorLine, namesRanges: namesRanges, suggestsLowerRate: suggestsLowerRate,
                           framesAtStart: framesAtStart, framesAtEnd: chip.framesReceived)
    }

    /// The first address where the whole flash differs from what it must hold after the trial: a read leaves every
    /// byte as it was; a write may change only its own range. Nil when the flash is as it must be.
    static func flashChanged(_ flash: [UInt8], operation: Operation, setup: BenchSetup) -> Int? {
        let untouchable: [Range<Int>] = switch operation {
        case .read: [0 ..< flash.count]
        case .write: [0 ..< setup.writeBase, setup.writeBase + setup.writeSize ..< flash.count]
        }
        for range in untouchable where !flash[range].elementsEqual(setup.oldFlash[range]) {
            return range.first { flash[$0] != setup.oldFlash[$0] }
        }
        return nil
    }

    /// Whether a failed write claims a range verified that the flash does not hold.
    static func falseClaim(_ error: FlasherError, operation: Operation, chip: VirtualChip, setup: BenchSetup) -> Bool {
        guard operation == .write else { return false }
        let flash = chip.flash
        for range in error.verifiedRanges {
            let offset = range.lowerBound - setup.writeBase
            guard offset >= 0, range.upperBound <= setup.writeBase + setup.writeSize else { return true }
            if !flash[range].elementsEqual(setup.newData[offset ..< offset + range.count]) { return true }
        }
        return false
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
