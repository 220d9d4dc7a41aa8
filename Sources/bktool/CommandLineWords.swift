import BekenConversion
import BekenFlasher
import BekenImage
import BekenText
import FirmwareReleases
import OpenBeken
import SerialLink

// The shared wording (BekenText) with the CLI's option names: the same sentences `bktool` has always printed.

extension FrontEndWords {
    static let commandLine: FrontEndWords = {
        var words = FrontEndWords(
        interrupted: "interrupted (Ctrl-C)", repeatCommand: "run the same command again",
        repeatCommandPlain: "run the command again", baud: "-b", forceOverride: " (or pass --force if you are sure)",
        forceBootloader: "; pass --force only with a known-good bootloader image", backupDirectory: "--backup-dir",
        dropGivenBackup: "drop --backup to make a fresh backup now", name: "--name",
        shortNameHint: { "also pass --short-name with at most \($0) bytes" }, nameChip: "pass the right --chip",
        acceptDetectedChip: "drop -c", unrotate: "bktool inspect FILE --unrotate OUT",
        configOptionsHelp: "see `bktool obk-config build --help` for what each option accepts",
        configOffsetChoice: "--chip picks the offset")
        words.releasesURL = "--releases-url"
        words.cacheDirectory = "--cache-dir"
        words.variantChoice = "; --variant picks a build variant"
        return words
    }()
}

extension FirmwareError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText(.commandLine) }
}

extension ConversionError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText(.commandLine) }
}

extension BackupFileError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText }
}

extension FlasherError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText(.commandLine) }
    var sentence: String { sentence(.commandLine) }
}

extension LinkError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText }
    var cliHint: String { frontEndHint }
}

extension OBKConfigError: CLIFailureConvertible {
    var cliFailure: CLIFailure { failureText(.commandLine) }
}

extension FlasherSuggestion {
    var text: String { text(.commandLine) }
}

extension FlasherNextStep {
    var text: String { text(.commandLine) }
}

extension WriteSuggestion {
    var text: String { text(.commandLine) }
}

extension WriteRefusal {
    var hintText: String { hintText(.commandLine) }

    /// The refusal in `--json` documents: reason, message and the hint in words.
    struct Document: Encodable {
        let reason: WriteRefusal.Reason
        let message: String
        let hint: String
    }

    var document: Document { Document(reason: reason, message: message, hint: hintText) }
}
