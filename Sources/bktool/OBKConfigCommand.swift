import ArgumentParser

/// `bktool obk-config build|read`: make or inspect the OpenBeken configuration sector (OpenBeken new_pins.h).
struct OBKConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obk-config",
        abstract: "Build or read the OpenBeken configuration sector (Wi-Fi, MQTT, names, pins, startup command).",
        subcommands: [
            OBKConfigBuildCommand.self,
            OBKConfigReadCommand.self,
        ])
}
