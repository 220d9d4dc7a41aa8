import ArgumentParser
import OpenBekenLAN

/// `bktool obk info HOST`: what the device says about itself (`/api/info`).
struct OBKInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Name, chip, build, MAC, IP, MQTT, uptime and flags of an OpenBeken device.")

    @Argument(help: "HOST[:PORT] of the device.")
    var host: String

    @OptionGroup var lan: LANOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let device: String
        let info: DeviceInfo
    }

    func run() async throws {
        let client = try lan.client(host)
        let info = try client.info()
        if output.json {
            JSONOutput.emit(Report(device: client.address.description, info: info))
            return
        }
        Terminal.writeOutput(Self.text(info))
    }

    static func text(_ info: DeviceInfo) -> String {
        let uptime = info.uptimeSeconds >= 3600
            ? "\(info.uptimeSeconds / 3600) h \(info.uptimeSeconds % 3600 / 60) min"
            : "\(info.uptimeSeconds / 60) min \(info.uptimeSeconds % 60) s"
        return """
            name:    \(info.shortName)
            chip:    \(info.chipset)
            build:   \(info.build)
            MAC:     \(info.mac)
            IP:      \(info.ip)
            MQTT:    \(info.mqttHost)\(info.mqttTopic.isEmpty ? "" : " (topic \(info.mqttTopic))")
            uptime:  \(uptime)
            flags:   \(info.flags)

            """
    }
}

/// `bktool obk cmd HOST COMMAND…`: one console command and its reply.
struct OBKCmdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmd", abstract: "Run one OpenBeken console command (e.g. `POWER TOGGLE`, `backlog a; b`) and print its reply.")

    @Argument(help: "HOST[:PORT] of the device.")
    var host: String

    @Argument(parsing: .allUnrecognized, help: "The command and its arguments.")
    var command: [String] = []

    @OptionGroup var lan: LANOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let ok = true
        let device: String
        let command: String
        let reply: String
    }

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the command to run, e.g. POWER TOGGLE") }
    }

    func run() async throws {
        let client = try lan.client(host)
        let line = command.joined(separator: " ")
        _ = try client.info()  // a clear error for Tasmota, other servers, or a missing password
        let reply = try client.command(line)
        if output.json {
            JSONOutput.emit(Report(device: client.address.description, command: line, reply: reply))
        } else {
            Terminal.writeOutput(reply.hasSuffix("\n") ? reply : reply + "\n")
        }
    }
}
