import BekenChips
import BekenProtocol
import Foundation

/// What the chip is doing (bk_idk bootloader.c legacy_boot_main).
public enum ChipRunState: String, Sendable, Equatable {
    /// Just reset: listening at 115200 for a LinkCheck/StayRom during the boot window.
    case bootWindow
    /// Download mode latched: answers the protocol until reset.
    case downloadMode
    /// Running the application: ignores the download protocol until reset.
    case applicationRunning
    /// CEN held low (RTS asserted on a link that carries modem lines): silent until released.
    case heldInReset
}

extension VirtualChip {
    /// Everything that makes one virtual chip (all fields have defaults except the personality).
    public struct Configuration: Sendable {
        /// ROM (BK7231N/M, FULL protocol) or BL (BK7231T bootloader, BASIC_TUYA).
        public var personality: ChipPersonality
        /// The personality's behaviour; change fields to model a variant.
        public var traits: PersonalityTraits
        /// Initial flash contents; its length is the flash size (1 byte … 16 MiB). Default: 2 MiB erased.
        public var flash: [UInt8]
        /// JEDEC ID answered to `9F` (MID, type, capacity). Default: the personality's part (BK7238: Puya), else nil:
        /// a part from the SPI flash table whose size is the flash size (TH25Q16HB `EB 60 15` for 2 MiB,
        /// bk7231tools `flash_read_id`), so tools that size the flash by ID agree.
        public var jedecID: [UInt8]?
        /// Initial SR1/SR2 of the flash (default: the personality's).
        public var statusRegister1: UInt8
        public var statusRegister2: UInt8
        /// Pacing and flash timing.
        public var timing: TimingModel
        /// State when created: `.bootWindow` (powered on now), `.downloadMode` (already linked) or
        /// `.applicationRunning` (silent until reset).
        public var initialState: ChipRunState
        /// Models a person who resets the chip this long after a flasher starts sending to a chip that cannot hear
        /// it (application running, or download mode at another baud rate). Nil: nobody resets it.
        public var resetAfter: Duration?
        /// How long the chip listens for a LinkCheck after each reset (bk_idk bootloader.c legacy_boot_main: 0xFF × 1 ms ≈ 255 ms).
        public var bootWindow: Duration
        /// RTS asserted by the host holds CEN low; releasing it resets the chip (LibreTiny docs flashing.md, RTS wired to CEN).
        /// Only links that report the host's modem lines (in-memory) can show it; a pty cannot.
        public var rtsDrivesReset: Bool
        /// UART rate after reset (bk_idk bootloader.c; BK7231GUIFlashTool BK7231Flasher.cs getBus).
        public var resetBaudRate: Int
        /// Commands kept in `commandLog` (oldest dropped beyond this).
        public var commandLogLimit: Int
        /// A frame left incomplete this long is abandoned (bk_idk bl_tra_hcit.c drops stalled packets).
        public var frameIdleTimeout: Duration
        /// Faults of a half-working bench (none by default).
        public var faults: FaultPlan
        /// What the chip prints after each boot once its boot window closed (nil: silent; FirmwareConsole).
        public var firmware: FirmwareProgram?
        /// With `firmware`: the chip is powered (reset) this long after it was created, so a monitor opened first
        /// sees the whole boot, as when a person starts the terminal and then plugs the device in.
        public var powerOnDelay: Duration = .zero

        public static let defaultFlashSize = 0x20_0000
        public static let maximumFlashSize = 0x100_0000

        public init(
            personality: ChipPersonality,
            flash: [UInt8]? = nil,
            timing: TimingModel = .instant,
            initialState: ChipRunState = .bootWindow,
            resetAfter: Duration? = nil
        ) {
            self.personality = personality
            self.traits = personality.traits
            self.flash = flash ?? [UInt8](repeating: 0xFF, count: Self.defaultFlashSize)
            if traits.bootVersion != nil, let version = Self.tuyaBootloaderVersion(in: self.flash) {
                traits.bootVersion = version
            }
            self.jedecID = traits.jedecID
            self.statusRegister1 = traits.initialSR1
            self.statusRegister2 = traits.initialSR2
            self.timing = timing
            self.initialState = initialState
            self.resetAfter = resetAfter
            self.bootWindow = .milliseconds(255)
            self.resetBaudRate = 115_200
            self.rtsDrivesReset = true
            self.commandLogLimit = 100_000
            self.frameIdleTimeout = .milliseconds(100)
            self.faults = .none
        }

        /// Loads the flash contents from a file (a real dump) or, without a path, an erased flash of `blankSize`.
        public static func flashContents(file path: String?, blankSize: Int = defaultFlashSize) throws -> [UInt8] {
            guard let path else { return [UInt8](repeating: 0xFF, count: blankSize) }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        }

        /// "BK7231S_<version>" when the image's first 256 bytes are a known Tuya T bootloader (CRC table of
        /// bk7231tools base/enums.py BkBootloaderType), so the greeting matches the bootloader the flashers identify; nil otherwise.
        public static func tuyaBootloaderVersion(in image: [UInt8]) -> String? {
            guard image.count >= 256,
                  let info = BootloaderTable.lookup(crc: BekenCRC32.standard(image[0..<256])),
                  info.protocolVariant == .basicTuya, let version = info.version else { return nil }
            return "BK7231S_\(version)"
        }

        /// The JEDEC ID the chip answers: `jedecID`, or a table part of the flash's size.
        public var effectiveJEDECID: [UInt8] { jedecID ?? Self.defaultJEDECID(flashSize: flash.count) }

        /// A part of `flashSize` from the SPI flash table that bk7231tools can unprotect, preferring TH (0xEB, the
        /// common BK7231N part); else TH's ID pattern with the capacity byte log2(size) (bk7231tools cmd_ll_flash.py flash_read_id; bk_idk bl_bk_hci_protocol.c FLASH_SPI_OP_CMD; BK7231GUIFlashTool BKFlashList.cs).
        public static func defaultJEDECID(flashSize: Int) -> [UInt8] {
            let fitting = SPIFlashTable.all.filter { $0.size == flashSize && $0.bk7231toolsStatusRegisterSize != nil }
            if let part = fitting.first(where: { $0.jedecBytes.first == 0xEB }) ?? fitting.first { return part.jedecBytes }
            let capacity = UInt8(max(0, Int.bitWidth - 1 - max(flashSize, 1).leadingZeroBitCount))
            return [0xEB, 0x60, capacity]
        }

        /// Problems that would make the chip unusable, as sentences; empty when fine.
        public var problems: [String] {
            var found: [String] = []
            if flash.isEmpty || flash.count > Self.maximumFlashSize {
                found.append("flash size \(flash.count) bytes is outside 1 byte … 16 MiB")
            }
            if let jedecID, jedecID.count != 3 { found.append("JEDEC ID must be 3 bytes, got \(jedecID.count)") }
            if traits.efuse.count != 32 { found.append("eFuse must be 32 bytes, got \(traits.efuse.count)") }
            found += faults.problems
            return found
        }
    }
}
