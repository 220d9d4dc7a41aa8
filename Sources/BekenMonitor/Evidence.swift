import BekenImage

/// Everything the user has about one device, for the diagnosis rules.
public struct Evidence: Sendable {
    /// A file and what it is.
    public struct File: Sendable {
        public var name: String
        public var classification: FileClassification
        /// The analysis, for files that hold a flash image.
        public var report: DumpReport?

        public init(name: String, classification: FileClassification, report: DumpReport? = nil) {
            self.name = name
            self.classification = classification
            self.report = report
        }
    }

    /// What `chip-info` learned: the chip answered the flasher on UART1.
    public struct ChipFacts: Sendable {
        public var chip: String
        public var bootloader: String?

        public init(chip: String, bootloader: String? = nil) {
            self.chip = chip
            self.bootloader = bootloader
        }
    }

    public var log: MonitorVerdict?
    public var files: [File]
    public var flasherLogs: [FlasherLog]
    public var chip: ChipFacts?

    public init(log: MonitorVerdict? = nil, files: [File] = [], flasherLogs: [FlasherLog] = [], chip: ChipFacts? = nil) {
        self.log = log
        self.files = files
        self.flasherLogs = flasherLogs
        self.chip = chip
    }
}
