import ArgumentParser
import SerialLink

/// `bktool list-ports [--json]`: the USB serial adapters on this machine (SerialLink's PortLister).
struct ListPortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-ports",
        abstract: "List serial ports (Linux: /dev/ttyUSB*, /dev/ttyACM*, by-id names; macOS: /dev/cu.*).")

    @OptionGroup var output: OutputOptions

    func run() throws {
        let ports = PortLister.list()
        if output.json {
            JSONOutput.emit(ListPortsResult(ports: ports))
        } else {
            Terminal.writeOutput(ListPortsCommand.text(ports))
        }
    }

    /// One port a line: path, then its name when that says more than the path.
    static func text(_ ports: [SerialPortInfo]) -> String {
        guard !ports.isEmpty else {
            return "no serial ports found: plug in the USB-UART adapter (or pass socket://HOST:PORT to -p)\n"
        }
        let width = ports.map(\.path.count).max() ?? 0
        return ports.map { port in
            let padded = port.path.padding(toLength: width, withPad: " ", startingAt: 0)
            return port.description == lastComponent(port.path) ? port.path : "\(padded)  \(port.description)"
        }.joined(separator: "\n") + "\n"
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The `--json` document of `list-ports`.
struct ListPortsResult: Encodable {
    let ok = true
    let ports: [SerialPortInfo]
}
