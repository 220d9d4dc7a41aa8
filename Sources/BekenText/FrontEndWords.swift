/// How a front end names the inputs a next step refers to. The shared wording (`FailureText` and the suggestion
/// texts) says "lower the baud rate (\(baud) 921600 …)"; the CLI fills in its option names, the web page the
/// names of its fields — so this module holds no command-line flag itself.
public struct FrontEndWords: Sendable {
    /// Before a baud rate: the CLI's "-b", the page's "baud".
    public var baud: String
    /// Appended to a refusal the user may override; empty when the front end offers no override.
    public var forceOverride: String
    /// How to use --force only with a known-good bootloader image (empty: the front end has no such override).
    public var forceBootloader: String
    /// The backup directory input ("--backup-dir", "the backup directory").
    public var backupDirectory: String
    /// What to do when a given backup is not this chip's.
    public var dropGivenBackup: String
    /// The device-name input, and the hint when the name is too long (given the limit in bytes).
    public var name: String
    public var shortNameHint: @Sendable (Int) -> String
    /// Naming the chip: "pass the right --chip", and accepting the detected one: "drop -c".
    public var nameChip: String
    public var acceptDetectedChip: String
    /// Where a rotated dump is un-rotated ("inspect FILE --unrotate OUT").
    public var unrotate: String
    /// Where the OpenBeken config options are explained, and how the config offset is chosen.
    public var configOptionsHelp: String
    public var configOffsetChoice: String
    /// What stopped an interrupted operation ("interrupted (Ctrl-C)", "cancelled").
    public var interrupted: String
    /// How to run the operation again: "run the same command again" (a resume), "run the command again".
    public var repeatCommand: String
    public var repeatCommandPlain: String
    /// Where the releases document comes from ("--releases-url") and where downloads are cached ("--cache-dir").
    public var releasesURL = "the releases URL"
    public var cacheDirectory = "the firmware cache directory"
    /// How to pick a build variant of a release (empty: the front end offers no choice).
    public var variantChoice = ""

    public init(interrupted: String, repeatCommand: String, repeatCommandPlain: String, baud: String, forceOverride: String, forceBootloader: String, backupDirectory: String,
                dropGivenBackup: String, name: String, shortNameHint: @escaping @Sendable (Int) -> String, nameChip: String,
                acceptDetectedChip: String, unrotate: String, configOptionsHelp: String, configOffsetChoice: String) {
        self.interrupted = interrupted
        self.repeatCommand = repeatCommand
        self.repeatCommandPlain = repeatCommandPlain
        self.baud = baud
        self.forceOverride = forceOverride
        self.forceBootloader = forceBootloader
        self.backupDirectory = backupDirectory
        self.dropGivenBackup = dropGivenBackup
        self.name = name
        self.shortNameHint = shortNameHint
        self.nameChip = nameChip
        self.acceptDetectedChip = acceptDetectedChip
        self.unrotate = unrotate
        self.configOptionsHelp = configOptionsHelp
        self.configOffsetChoice = configOffsetChoice
    }
}
