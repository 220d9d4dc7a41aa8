import ArgumentParser
import BekenChips
import BekenDemo
import BekenEmulator
import Foundation

/// What the virtual chip runs after each boot (`emulate --firmware/--boot-log`, `demo`): the programs are built
/// here from BekenDemo's synthetic OpenBeken boot and plain files, so the emulator stays free of OpenBeken.
enum FirmwareChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// OpenBeken's boot when the flash holds an OpenBeken config sector, else silence.
    case auto
    /// OpenBeken's boot, from the config in flash or its first-boot defaults.
    case openbeken
    /// Nothing on this UART (a module that logs on TX2 only).
    case silent

    /// The program for `chip`.
    func program(chip: ChipKind, version: String = SyntheticOpenBeken.defaultVersion) -> FirmwareProgram? {
        switch self {
        case .silent: return nil
        case .openbeken: return Self.openBeken(chip: chip, version: version, onlyWithConfig: false)
        case .auto: return Self.openBeken(chip: chip, version: version, onlyWithConfig: true)
        }
    }

    static func openBeken(chip: ChipKind, version: String, onlyWithConfig: Bool) -> FirmwareProgram {
        let boot = SyntheticOpenBekenBoot(chip: chip, version: version)
        return { start in
            if onlyWithConfig, boot.storedConfig(in: start.flash) == nil { return .silent }
            let lines = boot.lines(flash: start.flash, failedBootsInARow: start.shortRunsInARow)
            let flash = start.flash
            return FirmwareRun(
                baudRate: 115_200,
                output: lines.map { .init(after: .milliseconds($0.afterMilliseconds), line: $0.text) },
                heartbeat: .init(interval: .seconds(1)) { seconds in
                    Array((boot.statusLine(seconds: seconds, flash: flash) + "\r\n").utf8)
                })
        }
    }

    /// Replays a captured log after every boot at `baud`: line by line, long lines in pieces of at most 256 bytes,
    /// each following the previous one on the wire with a 5 ms pause between lines.
    static func replay(_ log: [UInt8], baud: Int) -> FirmwareProgram {
        var pieces: [FirmwareRun.Output] = []
        var line: [UInt8] = []
        func cut() {
            var rest = line[...]
            var first = true
            while !rest.isEmpty {
                let piece = rest.prefix(256)
                pieces.append(.init(after: .milliseconds(first ? 5 : 0), bytes: Array(piece)))
                rest = rest.dropFirst(piece.count)
                first = false
            }
            line.removeAll()
        }
        for byte in log {
            line.append(byte)
            if byte == 0x0A { cut() }
        }
        cut()
        let run = FirmwareRun(baudRate: baud, output: pieces)
        return { _ in run }
    }
}

/// `demo --fault`: the emulator's fault specs, as a usage error when wrong.
enum DemoFaults {
    static func plan(_ specs: [String]) throws -> FaultPlan {
        do {
            return try FaultPlan(specs: specs)
        } catch {
            throw CLIFailure.badInput("bad-fault", error.description, hint: "e.g. --fault boot-loop=2")
        }
    }
}
