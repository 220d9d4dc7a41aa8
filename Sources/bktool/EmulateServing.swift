import ArgumentParser
import BekenEmulator

/// Where `bktool emulate` serves its chip: a pseudo-terminal (default) or raw TCP on 127.0.0.1 (`--tcp PORT`).
extension EmulateCommand {
    struct Serving {
        /// What a flasher opens: the pty path or `socket://127.0.0.1:PORT`.
        let port: String
        let stop: () -> Void
    }

    func validateTCP() throws {
        guard let tcp else { return }
        guard (0...65_535).contains(tcp) else { throw ValidationError("--tcp must be a port number, 0…65535") }
        if link != nil { throw ValidationError("--link makes a symlink to a pty; it does not apply with --tcp") }
    }

    func serve(_ chip: VirtualChip) throws -> Serving {
        if let tcp {
            do {
                let server = try ChipTCPServer(chip: chip, port: tcp)
                return Serving(port: server.url, stop: server.stop)
            } catch {
                throw CLIFailure.failed("tcp-failed", "could not listen on 127.0.0.1:\(tcp): \(error)",
                                        hint: "pick another port with --tcp, or 0 for any free one")
            }
        }
        do {
            let server = try ChipServer.onPseudoTerminal(chip)
            return Serving(port: server.path ?? "", stop: server.stop)
        } catch {
            throw CLIFailure.failed("pty-failed", "could not create a pseudo-terminal: \(error)",
                                    hint: "check that /dev/ptmx is available (containers may need it mounted)")
        }
    }
}
