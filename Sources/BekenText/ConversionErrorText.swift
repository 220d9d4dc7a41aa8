import BekenChips
import BekenConversion
import BekenFlasher
import BekenImage
import Foundation
import FirmwareReleases

// A conversion's typed failure in words for people, shared by the CLI (the same lines `flash` has always printed:
// exit 1 for a failed operation, 2 for bad input, 130 after Ctrl-C) and the web page: what is verified and how
// to resume.

extension ConversionError {
    public func failureText(_ words: FrontEndWords) -> FailureText {
        switch self {
        case .firmwareUnavailable(let error, _):
            return error.failureText(words)
        case .refused(let refusal, let chip, let forcible):
            return .badInput(code, "refusing to flash this file on the \(chip.displayName): \(refusal.message)",
                             hint: refusal.hintText(words) + (forcible ? words.forceOverride : ""))
        case .fullDumpRefused(let chip):
            return .badInput(code, "refusing to flash this file on the \(chip.displayName): it is a full flash dump, which would overwrite this device's RF calibration, MAC and Tuya keys with the dumped device's",
                             hint: "flash an OpenBeken UA or QIO image; to restore a backup of this very device use bktool write-flash 0x0 FILE")
        case .noOpenBekenConfig(let chip):
            return .badInput(code, "bktool does not know where OpenBeken keeps its config on a \(chip.displayName)",
                             hint: "flash the firmware with bktool write-flash and configure it in the web UI")
        case .backupUnreadable(let path, .missing):
            return .badInput("input-not-found", "\(path) does not exist", hint: "check the file name")
        case .backupUnreadable(let path, .unreadable):
            return .badInput("input-not-readable", "cannot read \(path)", hint: "check that it is a readable file")
        case .backupUnreadable(let path, .empty):
            return .badInput("input-empty", "\(path) is empty", hint: "pick the firmware image file")
        case .backupNotThisChip(let path, let why):
            return .badInput(code, "\(path) is not a verified backup of this chip: \(Self.text(why))",
                             hint: words.dropGivenBackup)
        case .backupDirectoryIsFile(let path):
            return .badInput(code, "\(words.backupDirectory) \(path) is a file", hint: "name a directory (it is created when missing)")
        case .backupDirectoryNotWritable(let path):
            return .badInput(code, "cannot create \(words.backupDirectory) \(path)", hint: "choose a directory you can write to")
        case .configInvalid(let error):
            return error.failureText(words)
        case .nameTooLong(let bytes, let limit):
            return .badInput(code, "\(words.name) is \(bytes) bytes; the short name and MQTT topic hold at most \(limit)",
                             hint: words.shortNameHint(limit))
        case .verifyFailed(let what, let address, let sectors, let progress):
            return Self.resumable(.failed(code, "\(sectors.count) sectors of the \(what) at \(hexAddress(address)) do not match after writing",
                                          hint: "use a strong 3.3 V supply and \(words.repeatCommand)"), progress, words)
        case .macNotProven(let proof, let found, let progress):
            let holds = found.map { "MAC \(macText($0))" } ?? "no MAC"
            return Self.resumable(.failed(code, "the RF calibration at \(hexAddress(proof.offset)) holds \(holds) after writing, not the chip's MAC \(macText(proof.mac)); the device would lose its MAC and calibration",
                                          hint: "do not reboot yet: \(words.repeatCommand) (the backup holds the original RF calibration)"), progress, words)
        case .flasher(let error, let progress):
            return Self.resumable(error.failureText(words), progress, words)
        case .storage(let error, let progress):
            let failure: FailureText = (error as? BackupFileError)?.failureText
                ?? .failed(code, "saving failed: \(error)", hint: "check free disk space")
            return Self.resumable(failure, progress, words)
        case .cancelled(let progress):
            guard let progress else {
                return FailureText(.interrupted, code: code, "interrupted before anything was written to the chip",
                                  hint: words.repeatCommandPlain)
            }
            return FailureText(.interrupted, code: code,
                              "interrupted while writing; \(Self.sentence(progress)); \(Self.ranges(progress))",
                              hint: "\(words.repeatCommand) to resume at the first unverified sector")
        }
    }

    /// A failure in the write phase, with where the progress is and how to resume.
    static func resumable(_ failure: FailureText, _ progress: ConversionProgress?, _ words: FrontEndWords) -> FailureText {
        guard failure.kind == .operationFailed, let progress else { return failure }
        return FailureText(failure.kind, code: failure.code, "\(failure.message); \(sentence(progress))",
                          hint: "\(words.repeatCommand) to resume at the first unverified sector (\(failure.hint))")
    }

    /// "progress is saved in FILE (12 of 290 sectors verified)".
    public static func sentence(_ progress: ConversionProgress) -> String {
        "progress is saved in \(progress.location) (\(progress.verifiedSectors) of \(progress.totalSectors) sectors verified)"
    }

    /// "verified by chip CRC: 0x11000–0x90000; not verified: 0x90000–0x12A000, 0x1D1000–0x1D2000".
    public static func ranges(_ progress: ConversionProgress) -> String {
        func list(_ ranges: [Range<Int>]) -> String {
            ranges.isEmpty ? "none" : ranges.map { "\(hexAddress($0.lowerBound))–\(hexAddress($0.upperBound))" }.joined(separator: ", ")
        }
        return "verified by chip CRC: \(list(progress.verified)); not verified: \(list(progress.unverified))"
    }

    public static func text(_ mismatch: BackupMismatch) -> String {
        switch mismatch {
        case .noSidecar(let sidecar): "it has no sidecar \(sidecar) saying which chip it came from"
        case .sidecarUnreadable(let sidecar): "its sidecar \(sidecar) is not a bktool backup sidecar"
        case .otherChip(let backup, let chip): "it was read from a \(backup), this chip is a \(chip)"
        case .notWholeFlash(let size): "it does not cover the whole \(size >> 10) KiB flash"
        case .otherFlashID(let backup, let chip): "its flash ID is \(backup ?? "unknown"), this chip's is \(chip)"
        case .chipHasNoMAC: "this chip has no MAC in its RF calibration sector, so the backup cannot be matched to it"
        case .otherMAC(let backup, let chip): "it was read from the chip with MAC \(backup ?? "unknown"), this one is \(chip)"
        case .changed(let crc, let recorded): "its CRC-32 is \(crc), the sidecar recorded \(recorded) (the file changed)"
        }
    }
}

extension BackupFileError {
    public var failureText: FailureText {
        switch self {
        case .isDirectory(let path):
            .badInput("output-is-directory", "\(path) is a directory",
                      hint: "give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")backup.bin")
        case .notWritable(let path, let directory, let exists):
            .badInput("output-not-writable",
                      "cannot write \(path): " + (exists ? "cannot create files in \(directory)" : "directory \(directory) does not exist"),
                      hint: "choose a path in a directory you can write to")
        case .writeFailed(let path, let reason):
            .failed("output-write-failed", "writing \(path) failed: \(reason)", hint: "check free disk space")
        }
    }
}

extension ConversionWarning {
    /// One line for a warning the conversion reports as it goes.
    public var text: String {
        switch self {
        case .plan(let text): "warning: \(text)"
        case .configInsideFirmware(let offset):
            "note: the image covers the config sector at \(hexAddress(offset)); the new config replaces that part of it"
        case .otherRunRecorded(let location):
            "note: the interrupted run recorded in \(URL(fileURLWithPath: location).lastPathComponent) wrote other firmware or settings; starting over (sectors already identical are still skipped)"
        case .recordedSectorsDiffer(let what, let count): "\(count) \(what) sectors differ from the record; rewriting them"
        }
    }
}
