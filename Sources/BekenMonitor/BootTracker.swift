/// Counts the chip's starts in a log: a boot banner that comes again means the chip restarted. The banners are
/// the BK7231 bootloader's `V:BK7231N_1.0.1 …` and the SDK's `bk_misc_init_start_type` (seed 000), and OpenBeken's
/// first line `Main_Init_Before_Delay`; the reset reasons are Tuya's `bk_rst:N` / `Last reset reason: N` (seed 000).
struct BootTracker {
    /// Banner patterns, each with where it comes from.
    static let banners: [(pattern: String, source: String)] = [
        ("V:BK72", "BK7231 bootloader banner, seed 000"),
        ("bk_misc_init_start_type", "Beken SDK start-type line, seed 000"),
        ("Main_Init_Before_Delay", "OpenBeken's first line (OBK src/user_main.c)"),
    ]
    /// Two banners closer than this belong to one start.
    static let sameBoot: Duration = .milliseconds(800)

    private(set) var starts: [Duration] = []
    private(set) var resetReasons: [String] = []
    /// The banner (index into `banners`) last seen in the current start: banners come in order within one start,
    /// so a banner not later than the last one begins a new start (this works for logs without times too).
    private var lastBanner: Int?

    /// Notes a line seen at `time`; true when it began a new start.
    mutating func note(_ line: String, at time: Duration) -> Bool {
        if let reason = line.firstMatch(of: /(bk_rst:[0-9]+|Last reset reason: ?[0-9]+)/) {
            resetReasons.append(String(reason.1))
        }
        guard let banner = Self.banners.firstIndex(where: { line.contains($0.pattern) }) else { return false }
        defer { lastBanner = banner }
        if let last = lastBanner, banner > last { return false }
        if let last = starts.last, time > .zero, (time - last) < Self.sameBoot { return false }
        starts.append(time)
        return true
    }

    /// Starts needed before calling it a loop: the first one is the power-up; two more make a pattern.
    static let loopStarts = 3

    /// Whether the log shows a loop: ≥ 3 starts, each gap under 60 s.
    var isLooping: Bool {
        guard starts.count >= Self.loopStarts else { return false }
        return zip(starts.dropFirst(), starts).allSatisfy { $0 - $1 < .seconds(60) }
    }

    /// Whether the loop still goes on at `time`: the last start is less than two periods (at least 5 s) ago.
    /// Without times (a saved log), any loop counts.
    func isLooping(at time: Duration) -> Bool {
        guard isLooping else { return false }
        guard let period = loopPeriod, let last = starts.last else { return true }
        return time - last < max(period * 2, .seconds(5))
    }

    /// The mean restart period of a loop (nil for a log read without times).
    var loopPeriod: Duration? {
        guard isLooping, let first = starts.first, let last = starts.last, last > first else { return nil }
        return (last - first) / (starts.count - 1)
    }
}
