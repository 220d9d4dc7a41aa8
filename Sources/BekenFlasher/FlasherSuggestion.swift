/// What to try after a `FlasherError`, as a value: front ends turn it into words with their own option names
/// (the CLI says `-b 921600`, a UI might show a baud menu). The causes behind each are field
/// experience: wiring and power first, then the baud rate (bk7231tools and BK7231GUIFlashTool give the same advice).
public enum FlasherSuggestion: Sendable, Equatable {
    /// Nothing to suggest (e.g. the user cancelled).
    case none
    /// The chip never answered: chip TX to adapter RX and back, shared GND, a strong 3.3 V supply, and a reset
    /// (CEN to GND, or power) while the flasher waits.
    case checkWiringAndReset
    /// Check wiring and power, or use a lower rate.
    case checkWiringOrLowerBaud(to: Int)
    /// A reply arrived damaged: retry, or lower the rate.
    case retryOrLowerBaud
    /// The chip refused a command: check the address and the chip type, retry at a lower rate.
    case checkAddressAndChip
    /// The bootloader lacks the command: name the right chip, or report it.
    case nameTheChip
    /// The detected chip differs from the expected one: accept the detected chip or connect the right device.
    case acceptDetectedChip
    /// Power-cycle, check the 3.3 V supply and wiring, then retry at `to`.
    case powerCycleThenLowerBaud(to: Int)
    /// Reset the chip and retry at one of `rates`.
    case resetChipThenLowerBaud(rates: [Int])
    /// The link corrupts most replies: a lower rate (one of `rates`), shorter wires, GND.
    case lowerBaudForDamagedReplies(rates: [Int])
    /// The link corrupts data on its way to the chip: a lower rate, shorter wires, a strong supply; write again.
    case lowerBaudForDamagedWrites(rates: [Int])
    /// Each part verified but not the whole: a lower rate, shorter wires, a strong supply; write again.
    case lowerBaudThenWriteAgain(rates: [Int])
    /// The link kept failing: shorter wires, a strong supply and a lower rate, then the same operation again.
    case improveLinkThenRepeat(rates: [Int])
    /// The identification may be corrupted: retry at `to`; report the bootloader CRC if it persists.
    case lowerBaudOrReportBootloader(to: Int)
    /// Answers kept differing: check wiring and GND, shorter wires, retry at `to`.
    case checkWiringThenLowerBaud(to: Int)
    /// The flash ignores erases: write-protected (status register or WP pin) or failing; power-cycle and retry
    /// (`reportIfPersisting`: and report the flash ID).
    case flashWriteProtected(flash: String, reportIfPersisting: Bool)
    /// The flash part is not in the table: report its ID; power-cycle and retry.
    case reportUnknownFlash
    /// A status-register write may still be pending: power-cycle and retry.
    case powerCycleAndRetry
    /// The flash is known to ignore (or botch) status-register writes over this bootloader: power-cycle and retry
    /// once; if it stays protected, an SPI programmer, and report the flash ID.
    case flashStaysProtected
    /// An erase range must start and end on 4 KiB boundaries.
    case alignToSector
    /// The range must end at or before the flash's end (`flashSize`).
    case stayInsideFlash(flashSize: Int)
    /// Write the application at `appOffset` instead, or allow a known-good bootloader image explicitly.
    case writeAppInsteadOrForce(appOffset: Int)
    /// The serial link failed: its own hint.
    case link(String)
    /// The adapter failed: reconnect it and try again.
    case reconnectAdapter
    /// The API was used out of order: connect first.
    case connectFirst
}

/// What to run after a failed read or write, when the flasher knows (verified sectors are skipped then).
public enum FlasherNextStep: Sendable, Equatable {
    /// The same read once the chip answers.
    case repeatReadOnceAnswering
    /// The same read; if it fails at the same place, a lower rate (one of `rates`).
    case repeatReadThenLowerBaud(rates: [Int])
    /// The same write: sectors already verified are skipped.
    case repeatWrite
}

extension FlasherSuggestion {
    /// Whether the suggestion includes a lower baud rate (front ends and the fault bench check it).
    public var includesLowerBaud: Bool {
        switch self {
        case .checkWiringOrLowerBaud, .retryOrLowerBaud, .powerCycleThenLowerBaud, .resetChipThenLowerBaud,
             .lowerBaudForDamagedReplies, .lowerBaudForDamagedWrites, .lowerBaudThenWriteAgain, .improveLinkThenRepeat,
             .lowerBaudOrReportBootloader, .checkWiringThenLowerBaud:
            true
        default:
            false
        }
    }
}
