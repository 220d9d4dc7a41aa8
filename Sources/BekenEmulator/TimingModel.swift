/// Wire pacing and flash timing of the virtual chip (docs/TESTING.md "Timing model"; defaults there, all configurable).
public struct TimingModel: Sendable, Equatable {
    /// When false the chip answers as fast as the host reads (only SetBaudRate's delay and the boot window remain,
    /// because they are protocol semantics, bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD, bootloader.c legacy_boot_main).
    public var pacing: Bool
    /// Bit times per byte on the wire: 8N1 UART.
    public var bitsPerByte: Int = 10
    /// Latency before each reply (USB full-speed frame, CH340/CP2102-like).
    public var turnaround: Duration = .milliseconds(1)
    /// 4 KiB sector erase (measured, seed 004).
    public var erase4K: Duration = .milliseconds(12)
    /// 32 KiB block erase (assumption, between the 4 KiB and 64 KiB figures).
    public var erase32K: Duration = .milliseconds(80)
    /// 64 KiB block erase (assumption: typical SPI NOR datasheet order).
    public var erase64K: Duration = .milliseconds(150)
    /// 256-byte page program, overlapped with reception (assumption).
    public var pageProgram: Duration = .microseconds(700)
    /// CheckCRC hashing speed in bytes per second (measured, seed 004).
    public var crcBytesPerSecond: Int = 440_000

    public init(pacing: Bool) { self.pacing = pacing }

    /// Defaults of docs/TESTING.md with pacing on.
    public static let realistic = TimingModel(pacing: true)
    /// No pacing: fast functional tests.
    public static let instant = TimingModel(pacing: false)

    /// Time one byte occupies the wire at `baud`.
    public func byteTime(baud: Int) -> Duration {
        .nanoseconds(Int64(bitsPerByte) * 1_000_000_000 / Int64(max(baud, 1)))
    }

    /// Time to send `count` bytes at `baud` (exact, not accumulated per byte).
    public func wireTime(_ count: Int, baud: Int) -> Duration {
        .nanoseconds(Int64(count) * Int64(bitsPerByte) * 1_000_000_000 / Int64(max(baud, 1)))
    }

    func eraseTime(blockSize: Int) -> Duration {
        switch blockSize {
        case ..<0x8000: erase4K
        case ..<0x10000: erase32K
        default: erase64K
        }
    }

    func crcTime(bytes: Int) -> Duration {
        .nanoseconds(Int64(bytes) * 1_000_000_000 / Int64(max(crcBytesPerSecond, 1)))
    }

    /// Chip time left after the last byte of a Write4K arrived: page k is programmed once its 256 bytes are in and
    /// page k−1 is done (programming overlaps reception, bk_idk bl_tra_hcit.c TRAhcit_Rx_Char).
    func write4KTail(baud: Int) -> Duration {
        let pageArrival = wireTime(256, baud: baud)
        var done = Duration.zero
        for page in 1...16 {
            let arrived = pageArrival * page
            done = max(done, arrived) + pageProgram
        }
        return max(.zero, done - pageArrival * 16)
    }
}
