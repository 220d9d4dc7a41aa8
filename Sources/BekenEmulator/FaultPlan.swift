/// Faults a half-working bench causes (BK7231GUIFlashTool issues #21, #51; ltchiptool issue #58: sagging 3.3 V, long wires losing bytes at high rates, an
/// adapter that cannot follow a baud switch, a reset mid-write, wrong wiring, protected flash). Every random fault
/// draws from one generator seeded with `seed`, so a run is repeatable.
public struct FaultPlan: Sendable, Equatable {
    /// Seed of the fault generator.
    public var seed: UInt64 = 1

    // MARK: byte faults on the wire (both directions), probability per byte

    /// A byte vanishes.
    public var dropRate: Double = 0
    /// One bit of a byte is inverted.
    public var flipRate: Double = 0
    /// A random extra byte appears after a byte (line noise).
    public var garbageRate: Double = 0
    /// Noise whose rate depends on the line's baud rate (on top of the flat rates above).
    public var baudNoise: BaudNoise?

    // MARK: triggered faults

    /// The reply to a frame is held back by `stallDuration` (longer than a flasher's timeout), with this probability
    /// per frame.
    public var stallRate: Double = 0
    /// Frame numbers (1-based, frames the chip received while listening) whose reply stalls.
    public var stallAtFrames: Set<Int> = []
    public var stallDuration: Duration = .milliseconds(800)
    /// Brown-out: when frame number N arrives, the chip resets instead of executing it (boot window at 115200,
    /// bk_idk bootloader.c legacy_boot_main).
    public var resetAtFrames: Set<Int> = []
    /// Brown-out at a byte count: when this many host bytes have arrived in total (heard or not), the chip resets.
    public var resetAtReceivedBytes: Set<Int> = []
    /// Byte faults (both directions) start once the chip has received this many frames: a test can let the host
    /// connect cleanly and then judge one operation under faults (ReadNeverHarmsTests).
    public var byteFaultsFromFrame = 0
    /// The adapter and wiring cannot carry rates above this: every byte is garbled in both directions.
    public var baudCeiling: Int?
    /// Wrong wiring (TX/RX swapped, no ground): the chip never hears the host.
    public var silent = false
    /// WriteSR is acknowledged but the status register keeps its value (a part that ignores WRSR).
    public var statusRegisterStuck = false
    /// Erases are acknowledged (status 0) but change nothing (protected flash, bk_idk bl_bk_hci_protocol.c FLASH_SIZE_ERRASE_CMD, bl_extflash.c; OpenBK7231T_App issue #1112).
    public var eraseIgnored = false
    /// A weak supply: the chip resets itself this long after every reset while not in download mode (seeds 002,
    /// 004: brown-out when Wi-Fi starts, a boot loop seen in the log). See `FirmwareConsole`.
    public var bootLoopPeriod: Duration?

    public init() {}

    /// No faults.
    public static let none = FaultPlan()

    /// Sum of the flat byte-fault rates.
    var byteFaultRate: Double { dropRate + flipRate + garbageRate }

    /// Lost, flipped and inserted byte rates on a line running at `baud` (flat rates plus baud noise, split evenly).
    func byteRates(at baud: Int) -> (drop: Double, flip: Double, garbage: Double) {
        let noise = (baudNoise?.rate(at: baud) ?? 0) / 3
        return (dropRate + noise, flipRate + noise, garbageRate + noise)
    }

    /// Whether the wire needs the byte injector.
    var touchesBytes: Bool { byteFaultRate > 0 || baudCeiling != nil || baudNoise != nil }

    /// Problems that make the plan meaningless, as sentences; empty when fine.
    public var problems: [String] {
        var found: [String] = []
        for (name, rate) in [("drop", dropRate), ("flip", flipRate), ("garbage", garbageRate), ("stall", stallRate)]
        where !(0...1).contains(rate) {
            found.append("\(name) rate \(rate) is outside 0…1")
        }
        if byteFaultRate > 1 { found.append("byte fault rates add up to more than 1") }
        for step in baudNoise?.steps ?? [] {
            if !(0...1).contains(step.rate) { found.append("noise rate \(step.rate) at \(step.baud) baud is outside 0…1") }
            if step.baud < 1 { found.append("noise baud rates must be positive") }
            if byteFaultRate + step.rate > 1 { found.append("byte fault rates add up to more than 1 at \(step.baud) baud") }
        }
        if let baudCeiling, baudCeiling < 1 { found.append("baud ceiling must be positive") }
        if let bootLoopPeriod, bootLoopPeriod < .milliseconds(300) {
            found.append("boot-loop period must be at least 0.3 s (the boot window alone is 0.255 s)")
        }
        if resetAtFrames.contains(where: { $0 < 1 }) || stallAtFrames.contains(where: { $0 < 1 }) {
            found.append("frame numbers start at 1")
        }
        return found
    }
}

/// How many faults a chip's server injected so far.
public struct FaultCounts: Sendable, Equatable {
    public var droppedBytes = 0
    public var flippedBytes = 0
    public var garbageBytes = 0
    /// Bytes garbled because the line ran above the baud ceiling.
    public var ceilingGarbledBytes = 0
    public var stalls = 0
    public var resets = 0
    public var ignoredStatusWrites = 0
    public var ignoredErases = 0

    public init() {}

    public var total: Int {
        droppedBytes + flippedBytes + garbageBytes + ceilingGarbledBytes + stalls + resets + ignoredStatusWrites
            + ignoredErases
    }
}
