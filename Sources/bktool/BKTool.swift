import ArgumentParser

/// The `bktool` command line: esptool-style verbs over the library targets (docs/ARCHITECTURE.md, "Command line").
/// Exit codes: 0 success, 1 operation failed, 2 usage or bad input (mapped in ErrorReporting.swift).
@main
struct BKTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bktool",
        abstract: "Back up, analyse, flash and configure Beken BK72xx (Tuya) devices.",
        version: BKToolVersion.full,
        subcommands: [
            ChipInfoCommand.self,
            ReadFlashCommand.self,
            WriteFlashCommand.self,
            VerifyFlashCommand.self,
            EraseRegionCommand.self,
            ListPortsCommand.self,
            EmulateCommand.self,
            TuyaConfigCommand.self,
            OBKConfigCommand.self,
            InspectCommand.self,
            PackageCommand.self,
            FlashCommand.self,
            UICommand.self,
            DemoCommand.self,
            OBKCommand.self,
            FirmwareCommand.self,
            MonitorCommand.self,
            DiagnoseCommand.self,
        ]
    )

    static func main() async {
        await ErrorReporting.run(self)
    }
}
