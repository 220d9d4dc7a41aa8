import BekenChips

/// Things worth telling the user that are neither progress nor failure (front ends word them).
public enum FlasherNotice: Sendable, Equatable {
    /// The flash's write protection was cleared; `status` is the status register now.
    case flashUnprotected(status: UInt32)
    /// The flash's block protection was set for a read, so a request damaged into an erase or write changes
    /// nothing; `status` is the status register now. A later write clears it again first.
    case flashProtectedForRead(status: UInt32)
    /// The flash could not be protected for a read; the read goes on with requests shaped so that one damaged
    /// byte cannot turn a FlashRead into an erase or write (Read4K's op stays one bit from Erase4K).
    case readWithoutProtection(ReadProtectionGap)
    /// While a range is written, the flash's block protection covers `protected` (the largest part outside the
    /// range the part can protect), so an erase or write whose address was garbled into it changes nothing;
    /// `status` is the status register now. Lifted again when the write is done.
    case flashProtectedOutsideWrite(protected: Range<Int>, status: UInt32)
    /// The part's protection could not be set for the range being written (the status write did not take); the
    /// write unprotects the whole flash as before and restores what garbled commands change outside it.
    case writeWithoutOutsideProtection
    /// The protection outside the range being written was lifted (the whole flash unprotected, the write goes
    /// on): the range kept refusing to erase (the part seems to protect another area than its layout says), or a
    /// sector in the protected area differed from what it held and had to be put back.
    case outsideProtectionLiftedForWrite
    /// The chip answered nothing after a baud switch; it is reset to link again at 115200.
    case unreachableAfterBaudSwitch(reason: BaudTrouble)
    /// A relink found the chip in its boot window: it had reset.
    case answeredInBootWindow
    /// The chip stopped answering at `baud`; linking again (`attempt` in a row without progress).
    case relinking(baud: Int, attempt: Int)
    /// A final CRC over sectors proven before a garbled erase or write disagreed; every sector is checked again.
    case recheckingAfterGarbledCommand
    /// An erase or write whose address was garbled on the way changed these sectors outside the range being
    /// written; they were restored from what the flash was known to hold (read or vouched for before).
    case restoredOutsideWrite(FlashRanges)
    /// An erase or write whose address was garbled on the way acted on these sectors outside the range being
    /// written; nothing read them before, so whether they changed is unknown (a backup can restore them).
    case garbledCommandOutsideWrite(FlashRanges)
    /// These sectors outside the range being written, one flipped address bit from it and neither protected nor
    /// known, are read before the write changes anything, so that an erase or write garbled into them on the way
    /// can be put back (FlashGeometry.neighbourSectors).
    case readingNeighboursOfWrite(FlashRanges)
    /// The chip ID is not in the table; the chip is treated as `assumed`.
    case unknownChipID(UInt32, assumed: String)
    /// The flash ID gives no size; `assumedSize` bytes are assumed.
    case flashSizeUnknown(flashID: [UInt8], assumedSize: Int)
    /// The bootloader's CRC is not in the table; the protocol was told by the CRC range test.
    case unknownBootloader(crc: UInt32, protocolVariant: ProtocolVariant)
}

/// Why a command is being retried.
public enum RetryReason: Sendable, Equatable {
    /// The command failed with this error.
    case failed(FlasherError)
    /// The chip's CRC differs from the bytes just written.
    case crcDiffersAfterWrite
    /// The chip's CRC differs from the bytes received; pieces are proven one by one now.
    case crcDiffersAfterRead
    /// `pieces` pieces of `pieceSize` bytes are not yet proven by the chip's CRC.
    case piecesUnproven(pieces: Int, pieceSize: Int)
    /// The chip stopped answering in the middle of a burst of requests.
    case silentMidBurst
    /// The bytes read for the CRC range test matched neither CRC convention.
    case crcConventionUnclear
}

/// Why a transfer rate was given up.
public enum BaudTrouble: Sendable, Equatable, CustomStringConvertible {
    /// The serial port cannot be set to `rate`.
    case portUnsupported(rate: Int)
    /// The chip did not answer at `rate` after switching.
    case noAnswer(rate: Int)
    /// Commands kept failing at the current rate; the last failure.
    case repeatedFailures(FlasherError)
    /// Data written at this rate kept arriving damaged: of the last `written` sector writes, `damaged` differed by
    /// their chip CRC, far more than a steady line damages (clustered errors, WriteDamageEvidence).
    case damagedWrites(damaged: Int, of: Int)
    /// Before a write's first erase, `damaged` of `of` test reads at this rate came back damaged: a 4 KiB sector
    /// write would nearly never arrive whole (WriteLinkProbe).
    case damagedTestReads(damaged: Int, of: Int)

    public var description: String {
        switch self {
        case .portUnsupported(let rate): "the serial port does not support \(rate) baud"
        case .noAnswer(let rate): "the chip did not answer at \(rate) baud"
        case .repeatedFailures(let error): error.message
        case .damagedWrites(let damaged, let written): "\(damaged) of the last \(written) sectors written at this rate arrived damaged"
        case .damagedTestReads(let damaged, let of): "\(damaged) of \(of) test reads at this rate came back damaged: a 4 KiB sector write would seldom arrive whole"
        }
    }
}

/// Why a read goes on with the flash unprotected.
public enum ReadProtectionGap: Sendable, Equatable {
    /// Flash bootloaders have no status-register commands (BekenChips `FlashUnprotect.byBootloader`).
    case noStatusRegisterCommands
    /// This chip and flash pair is known to mishandle status-register writes (`StatusRegisterQuirk`); none is sent.
    case statusRegisterQuirk
    /// The write did not take: the status register read back as `status`.
    case writeNotTaken(status: UInt32)
}
