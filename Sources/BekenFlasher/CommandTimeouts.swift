/// Per-command reply deadlines that scale with the bytes on the wire and the work the chip does
/// (espflash's size-scaled timeouts; facts from bk7231tools base/data.py; BK7231GUIFlashTool BK7231Flasher.cs and docs/TESTING.md's timing model).
public struct CommandTimeouts: Sendable, Equatable {
    /// Slack for OS scheduling and USB adapter latency (FTDI's default latency timer alone is 16 ms).
    public var latency: Duration = .milliseconds(150)
    /// The slowest CheckCRC hashing rate assumed: the chip hashes about 440 kB/s (docs/TESTING.md, seed 004);
    /// allow a chip three times slower.
    public var crcBytesPerSecond = 150_000
    /// 4 KiB sector erase: ~12 ms typical; SPI NOR datasheets allow up to a few hundred ms (BK7231GUIFlashTool waits 1 s, BK7231GUIFlashTool BK7231Flasher.cs).
    public var sectorErase: Duration = .seconds(1)
    /// 64 KiB block erase: ~150 ms typical, up to ~2 s in datasheets.
    public var blockErase: Duration = .seconds(3)
    /// Typical erase times (docs/TESTING.md timing model: 12 ms measured in field report 004, 150 ms assumed for a
    /// block): after these and the wire time a silent chip is more likely waiting for a lost byte than erasing.
    public static let typicalSectorErase: Duration = .milliseconds(12)
    public static let typicalBlockErase: Duration = .milliseconds(150)
    /// LinkCheck while getting the bus: a new LinkCheck every ~5 ms (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus).
    public var linkCheckInterval: Duration = .milliseconds(5)
    /// Silence inside a reply after which its missing bytes count as lost (a UART reply has no pauses; allows
    /// for USB adapter latency and a busy host).
    public var interByteGap: Duration = .milliseconds(30)

    public init() {}

    /// These timeouts widened for a link that adds `extra` latency (`Link.latencyAllowance`, e.g. a ser2net port):
    /// replies start later and may pause mid-frame.
    public func allowing(linkLatency extra: Duration) -> CommandTimeouts {
        var widened = self
        widened.latency += extra
        widened.interByteGap += extra
        return widened
    }

    /// Time for `bytes` on an 8N1 wire at `baud` (10 bit times per byte).
    public static func wireTime(bytes: Int, baud: Int) -> Duration {
        .nanoseconds(Int64(bytes) * 10 * 1_000_000_000 / Int64(max(baud, 1)))
    }

    /// Deadline for a reply of `replyBytes` after a request of `requestBytes`, plus chip work `work`.
    public func reply(requestBytes: Int, replyBytes: Int, baud: Int, work: Duration = .zero) -> Duration {
        latency + CommandTimeouts.wireTime(bytes: requestBytes + replyBytes, baud: baud) * 2 + work
    }

    /// Chip time to hash `count` bytes for CheckCRC.
    public func crcWork(bytes count: Int) -> Duration {
        .nanoseconds(Int64(count) * 1_000_000_000 / Int64(crcBytesPerSecond))
    }
}
