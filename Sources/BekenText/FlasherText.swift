import BekenChips
import BekenFlasher
import BekenChips

// The flasher's typed suggestions, next steps, notices and retry reasons in words for people, shared by the CLI and
// the web page; option names come from the front end's `FrontEndWords`.

extension FlasherSuggestion {
    /// "-b 921600 or 115200" (the CLI's words).
    private static func rates(_ rates: [Int], _ words: FrontEndWords) -> String {
        words.baud + " " + rates.map(String.init).joined(separator: " or ")
    }

    public func text(_ words: FrontEndWords) -> String {
        switch self {
        case .none: ""
        case .checkWiringAndReset:
            "check that chip TX goes to adapter RX and chip RX to adapter TX, that GND is shared, that the 3.3 V supply "
                + "is strong enough (not the adapter's regulator), and reset the chip (CEN to GND briefly, or power-cycle) "
                + "while bktool is waiting"
        case .checkWiringOrLowerBaud(let rate): "check wiring and power, or try a lower baud rate with \(words.baud) \(rate)"
        case .retryOrLowerBaud: "a byte was probably lost on the wire; retry, or lower the baud rate"
        case .checkAddressAndChip: "check the address and the chip type; retry with a lower baud rate"
        case .nameTheChip: "this bootloader lacks the command; \(words.nameChip) or report the chip"
        case .acceptDetectedChip: "\(words.acceptDetectedChip) to accept the detected chip, or connect the right device"
        case .powerCycleThenLowerBaud(let rate): "power-cycle the chip, check the 3.3 V supply and wiring, then retry with \(words.baud) \(rate)"
        case .resetChipThenLowerBaud(let rates): "reset the chip and retry with a lower rate (\(Self.rates(rates, words)))"
        case .lowerBaudForDamagedReplies(let rates):
            "the link corrupts most replies: lower the baud rate (\(Self.rates(rates, words))), shorten the wires and check GND"
        case .lowerBaudForDamagedWrites(let rates):
            "the link corrupts data on its way to the chip: lower the baud rate (\(Self.rates(rates, words))), shorten the wires, use a strong 3.3 V supply, then write again"
        case .lowerBaudThenWriteAgain(let rates):
            "lower the baud rate (\(Self.rates(rates, words))), shorten the wires, use a strong 3.3 V supply, then write again"
        case .improveLinkThenRepeat(let rates):
            "shorten the wires, use a strong 3.3 V supply and a lower baud rate (\(Self.rates(rates, words))), then \(words.repeatCommand)"
        case .lowerBaudOrReportBootloader(let rate): "the link may corrupt data: retry with \(words.baud) \(rate); if it persists, report the CRC"
        case .checkWiringThenLowerBaud(let rate): "the link corrupts data: check the wiring and GND, shorten the wires, retry with \(words.baud) \(rate)"
        case .flashWriteProtected(let flash, true):
            "\(flash) is write-protected (status register or WP pin) or failing; power-cycle and retry, and report the flash ID if it persists"
        case .flashWriteProtected(let flash, false):
            "\(flash) is probably write-protected (status register or WP pin); power-cycle and retry"
        case .reportUnknownFlash: "this flash part is not in bktool's table; please report its ID. Power-cycle and retry"
        case .powerCycleAndRetry: "power-cycle the chip (a status-register write may still be pending) and retry"
        case .flashStaysProtected:
            "the flash stays protected over this bootloader: power-cycle and retry once; if it stays, write it with an SPI programmer and report the flash ID"
        case .alignToSector: "use a start address and a length that are multiples of 0x1000"
        case .stayInsideFlash(let size): "pick an address and length that end at or before \(hexAddress(size))"
        case .writeAppInsteadOrForce(let offset):
            "write the application at \(hexAddress(offset)) instead" + words.forceBootloader
        case .link(let hint): hint
        case .reconnectAdapter: "reconnect the adapter and try again"
        case .connectFirst: "call connect() first"
        }
    }
}

extension FlasherNextStep {
    public func text(_ words: FrontEndWords) -> String {
        switch self {
        case .repeatReadOnceAnswering: "run the same read again once the chip answers"
        case .repeatReadThenLowerBaud(let rates):
            "run the same read again; if it fails at the same place, lower the baud rate (" + words.baud + " "
                + rates.map(String.init).joined(separator: " or ") + ")"
        case .repeatWrite: "run the same write again: sectors already verified are skipped"
        }
    }
}

extension FlasherError {
    /// What happened, what the flash holds, what the chip's CRC proved, and what to run next.
    public func sentence(_ words: FrontEndWords) -> String {
        nextStep.map { "\(description) Next: \($0.text(words))" } ?? description
    }
}

extension FlasherNotice {
    public var text: String {
        switch self {
        case .flashUnprotected(let status): "flash unprotected (status \(hexAddress(Int(status))))"
        case .flashProtectedForRead(let status): "flash write-protected for the read (status \(hexAddress(Int(status))))"
        case .readWithoutProtection(let gap): "reading with the flash unprotected (\(gap.text)); read requests are shaped so a damaged one cannot erase"
        case .flashProtectedOutsideWrite(let range, let status):
            "flash write-protected outside the written range: \(hexAddress(range.lowerBound))…\(hexAddress(range.upperBound)) "
                + "(status \(hexAddress(Int(status))))"
        case .writeWithoutOutsideProtection:
            "the flash could not be protected outside the written range; writing with all of it unprotected"
        case .outsideProtectionLiftedForWrite:
            "lifted the protection outside the written range (the range would not erase, or a protected sector had to be restored); unprotected the whole flash"
        case .unreachableAfterBaudSwitch(let reason):
            "the chip is unreachable after a baud switch (\(reason)); resetting it to link again at 115200"
        case .answeredInBootWindow: "the chip answered in its boot window: it had reset"
        case .relinking(let baud, let attempt): "the chip stopped answering at \(baud) baud; linking again (attempt \(attempt))"
        case .recheckingAfterGarbledCommand:
            "a final CRC over sectors proven before a garbled erase or write disagrees (it changed a verified sector); checking every sector again"
        case .restoredOutsideWrite(let sectors):
            "a garbled erase or write changed flash outside the written range (\(rangeList(sectors))); restored from the bytes read before"
        case .readingNeighboursOfWrite(let sectors):
            "reading \(rangeList(sectors)) beside the written range first, "
                + "so that an erase or write garbled into it on the way can be put back"
        case .garbledCommandOutsideWrite(let sectors):
            "a garbled erase or write acted outside the written range (\(rangeList(sectors))), where nothing was read before: "
                + "those bytes may have changed; restore them from a backup"
        case .unknownChipID(let id, let assumed):
            "chip ID 0x\(String(id, radix: 16)) is not in the table; treating it as \(assumed)"
        case .flashSizeUnknown(let id, let size):
            "flash ID \(id.map { String($0, radix: 16) }) gives no size; assuming \(size >> 20) MiB"
        case .unknownBootloader(let crc, let variant):
            "unknown bootloader CRC \(hexAddress(Int(crc))); protocol \(variant.rawValue) by the CRC-range test"
        }
    }
}

extension RetryReason {
    public var text: String {
        switch self {
        case .failed(let error): error.message
        case .crcDiffersAfterWrite: "chip CRC differs after writing"
        case .crcDiffersAfterRead: "chip CRC differs from the bytes received; reading pieces proven one by one"
        case .piecesUnproven(let pieces, let size): "\(pieces) piece(s) of \(size) bytes not yet proven by the chip's CRC"
        case .silentMidBurst: "the chip stopped answering in the middle of a burst of requests"
        case .crcConventionUnclear: "the bytes read at 0x11000 matched neither CRC convention"
        }
    }
}

/// What the person at the bench is asked to do while bktool waits for the chip.
public let resetPromptText = "reset the chip now (CEN to GND briefly, or power-cycle it)"

extension ReadProtectionGap {
    public var text: String {
        switch self {
        case .noStatusRegisterCommands: "this bootloader has no status-register commands"
        case .statusRegisterQuirk: "this chip and flash pair mishandles status-register writes"
        case .writeNotTaken(let status): "the status register stays \(hexAddress(Int(status)))"
        }
    }
}

/// "0x1000–0x2000, 0x30000–0x31000".
private func rangeList(_ ranges: FlashRanges) -> String {
    ranges.map { "\(hexAddress($0.lowerBound))–\(hexAddress($0.upperBound))" }.joined(separator: ", ")
}
