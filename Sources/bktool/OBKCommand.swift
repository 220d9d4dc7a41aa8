import Foundation
import ArgumentParser
import OpenBekenLAN

/// `bktool obk …`: OpenBeken devices on the network, through their web server.
struct OBKCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obk",
        abstract: "Find, back up, configure and update OpenBeken devices on the network.",
        discussion: """
            HOST is a name or address with an optional :PORT (default 80). Devices with a web password need \
            --password (user admin). Every verb takes --json.
            """,
        subcommands: [
            OBKInfoCommand.self, OBKCmdCommand.self, OBKBackupCommand.self, OBKSetCommand.self,
            OBKOTACommand.self, OBKScanCommand.self,
        ]
    )
}

/// Options every `obk` verb shares.
struct LANOptions: ParsableArguments {
    @Option(help: "OpenBeken's web password (HTTP Basic auth as user admin).")
    var password: String?

    @Option(help: "Seconds for one request, from connect to the end of the reply.")
    var timeout: Double = 3

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    var requestTimeout: Duration { .milliseconds(Int(timeout * 1000)) }

    func client(_ host: String) throws -> OBKClient {
        OBKClient(address: try DeviceAddress(parsing: host), password: password, timeout: requestTimeout)
    }

    func client(_ address: DeviceAddress) -> OBKClient {
        OBKClient(address: address, password: password, timeout: requestTimeout)
    }
}

/// `HOST` or `--from FILE` (a `scan --json` document) for verbs that work on many devices.
struct DeviceTargets: ParsableArguments {
    @Option(name: .customLong("from"), help: "A device list written by `bktool obk scan --json`: run on every OpenBeken device in it.")
    var from: String?

    func addresses(host: String?) throws -> [DeviceAddress] {
        switch (host, from) {
        case (let host?, nil):
            return [try DeviceAddress(parsing: host)]
        case (nil, let path?):
            let data = Data(try InputFile.read(path))
            let list = try DeviceList.openBekenAddresses(in: data)
            guard !list.isEmpty else {
                throw CLIFailure.badInput("empty-device-list", "\(path) lists no OpenBeken device",
                                          hint: "run `bktool obk scan RANGE --json > FILE` first")
            }
            return list
        case (.some, .some):
            throw CLIFailure.badInput("usage", "give HOST or --from FILE, not both", hint: "see `bktool obk --help`")
        case (nil, nil):
            throw CLIFailure.badInput("usage", "give HOST or --from FILE", hint: "see `bktool obk --help`")
        }
    }
}
