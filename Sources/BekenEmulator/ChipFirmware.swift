/// The "firmware" a virtual chip runs once its boot window has closed: what it prints on its log UART.
/// A real BK72xx leaves download mode after ~255 ms without a LinkCheck and starts its application, which logs at
/// 115200 8N1 (LibreTiny `docs/flashing.md`: the log is on UART2; seed 002: "Log on TX2 should be @ 115200"); on many modules that log comes out of the
/// same pins the flasher uses (seed 000), on others only on UART2 (TX2, seed 002).
public struct FirmwareRun: Sendable {
    /// One piece of output, printed `after` the previous one ended (the first: after the app started).
    public struct Output: Sendable, Equatable {
        public var after: Duration
        public var bytes: [UInt8]

        public init(after: Duration, bytes: [UInt8]) {
            self.after = after
            self.bytes = bytes
        }

        public init(after: Duration, line: String) {
            self.init(after: after, bytes: Array((line + "\r\n").utf8))
        }
    }

    /// A line printed every `interval` once `output` is done (OpenBeken prints a status line every second);
    /// `line` gets the number of seconds since the app started.
    public struct Heartbeat: Sendable {
        public var interval: Duration
        public var line: @Sendable (Int) -> [UInt8]

        public init(interval: Duration, line: @escaping @Sendable (Int) -> [UInt8]) {
            self.interval = interval
            self.line = line
        }
    }

    /// The log UART's rate.
    public var baudRate: Int
    public var output: [Output]
    public var heartbeat: Heartbeat?

    public init(baudRate: Int = 115_200, output: [Output] = [], heartbeat: Heartbeat? = nil) {
        self.baudRate = baudRate
        self.output = output
        self.heartbeat = heartbeat
    }

    /// Prints nothing (a module that logs only on TX2, or no firmware).
    public static let silent = FirmwareRun()
}

/// What the firmware knows when it starts.
public struct FirmwareBoot: Sendable {
    /// The flash as the app starts.
    public var flash: [UInt8]
    /// 1 for the first start since the chip was created, counting up with every reset.
    public var number: Int
    /// Starts in a row that ended (by a reset) sooner than `FirmwareBoot.stableAfter` — OpenBeken's boot-failure
    /// count, which it keeps in flash and uses to enter safe mode.
    public var shortRunsInARow: Int

    /// A run this long counts as a good boot (OpenBeken's default "boot OK" time is 5 s, OBK `new_cfg.c`).
    public static let stableAfter: Duration = .seconds(5)

    public init(flash: [UInt8], number: Int, shortRunsInARow: Int) {
        self.flash = flash
        self.number = number
        self.shortRunsInARow = shortRunsInARow
    }
}

/// The firmware: called at every start of the app (power-up and after each reset).
public typealias FirmwareProgram = @Sendable (FirmwareBoot) -> FirmwareRun
