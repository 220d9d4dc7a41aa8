import BekenText

/// The shared wording (BekenText) with the page's names for its inputs: the page has fields, not options.
extension FrontEndWords {
    static let page = FrontEndWords(
        interrupted: "cancelled", repeatCommand: "press \"Back up and flash\" again",
        repeatCommandPlain: "press \"Back up and flash\" again", baud: "baud", forceOverride: "", forceBootloader: "",
        backupDirectory: "the backup directory", dropGivenBackup: "start again without the given backup",
        name: "the device name", shortNameHint: { "choose a device name of at most \($0) bytes" },
        nameChip: "name the chip on the command line", acceptDetectedChip: "name no chip",
        unrotate: "bktool inspect FILE with its un-rotate option writing OUT",
        configOptionsHelp: "check the Wi-Fi, MQTT and name fields",
        configOffsetChoice: "the chip decides the offset")
}
