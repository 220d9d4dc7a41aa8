import ArgumentParser

/// Options shared by every command that talks to a chip (docs/ARCHITECTURE.md "Global options"; espflash's `ConnectArgs`).
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.short, .long],
            help: ArgumentHelp("Serial port: a device path (/dev/ttyUSB0, /dev/cu.usbserial-…), socket://host:port "
                + "or rfc2217://host:port (ser2net)."))
    var port: String

    @Option(name: [.short, .long],
            help: "Transfer baud rate; the link itself always starts at 115200. Falls back down a ladder on errors.")
    var baud: Int = 1_500_000

    @Option(name: [.short, .long],
            help: "Expected chip (e.g. bk7231n, bk7231t). Optional: the chip is detected and checked against it.")
    var chip: String?

    @Option(name: .long, help: "Seconds to wait for the chip to answer (it must be reset while bktool waits).")
    var linkTimeout: Double = 20

    func validate() throws {
        guard (9600...4_000_000).contains(baud) else {
            throw ValidationError("baud rate \(baud) is out of range (9600…4000000); try 1500000 or 921600")
        }
        guard linkTimeout > 0 else { throw ValidationError("--link-timeout must be positive") }
    }
}
