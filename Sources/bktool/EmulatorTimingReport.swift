import BekenEmulator

/// `bktool emulate --print-timing`: the virtual chip's timing model as one JSON line, so benchmarks compute their
/// limits from the emulator's own constants instead of a copy (docs/TESTING.md "Timing model").
struct EmulatorTimingReport: Encodable {
    let pacing: Bool
    let bitsPerByte: Int
    let turnaroundSeconds: Double
    let erase4KSeconds: Double
    let erase32KSeconds: Double
    let erase64KSeconds: Double
    let pageProgramSeconds: Double
    let crcBytesPerSecond: Int

    init(_ timing: TimingModel) {
        pacing = timing.pacing
        bitsPerByte = timing.bitsPerByte
        turnaroundSeconds = Self.seconds(timing.turnaround)
        erase4KSeconds = Self.seconds(timing.erase4K)
        erase32KSeconds = Self.seconds(timing.erase32K)
        erase64KSeconds = Self.seconds(timing.erase64K)
        pageProgramSeconds = Self.seconds(timing.pageProgram)
        crcBytesPerSecond = timing.crcBytesPerSecond
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
