import BekenChips
import BekenDemo
import BekenEmulator
import Foundation
import OpenBeken
import TuyaConfig

/// Shared pieces of the `bktool flash` end-to-end tests.
enum Conversion {
    static let wifi = "TestNet"
    static let mqttHost = "10.0.0.2"
    static let mqttPort = 1884
    static let name = "testplug"

    /// The usual inputs after `-p PORT FIRMWARE`.
    static func options(backupDir: String, json: Bool = true) -> [String] {
        ["--backup-dir", backupDir, "--wifi", wifi, "--wifi-password", "not-a-real-password",
         "--mqtt", "\(mqttHost):\(mqttPort)", "--mqtt-user", "tester", "--mqtt-password", "not-real-either",
         "--name", name] + (json ? ["--json"] : [])
    }

    /// The synthetic OpenBeken UA image for `chip`, made by the packager, saved in `directory`.
    static func firmware(for chip: ChipKind, in directory: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
        let bytes = SyntheticOpenBeken.uaImage(for: chip)!
        let path = directory.path(SyntheticOpenBeken.fileName(for: chip))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    /// The pins the dump's Tuya config maps to, as an OpenBeken config would hold them.
    static func expectedPins(in dump: [UInt8]) throws -> [OBKPin] {
        let template = TuyaTemplateBuilder.build(try TuyaConfigReader.read(dump)).template
        var config = OBKConfig()
        try config.apply(template: template)
        return config.pins
    }

    /// The config offset on a chip (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    static func configOffset(_ chip: ChipKind) -> Int { OBKConfigLocation.sectorOffset(for: chip.family)! }

    /// The last line of a `--json` run, parsed.
    static func result(_ stdout: String) -> [String: Any] {
        let last = stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }

    /// Files ending in `suffix` in `directory`.
    static func files(in directory: String, endingWith suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }
}

/// A virtual chip whose server can be stopped (the link lost) and started again on a new pty.
final class RestartableChip {
    let chip: VirtualChip
    private(set) var server: ChipServer
    var path: String { server.path! }

    init(_ personality: ChipPersonality, flash: [UInt8], timing: TimingModel) throws {
        chip = VirtualChip(configuration: .init(personality: personality, flash: flash, timing: timing,
                                                initialState: .applicationRunning, resetAfter: .milliseconds(100)))
        server = try ChipServer.onPseudoTerminal(chip)
    }

    /// Drops the link (the adapter is unplugged) and serves the same chip on a new pty.
    func reconnect() throws {
        server.stop()
        server = try ChipServer.onPseudoTerminal(chip)
    }

    func stop() { server.stop() }

    deinit { server.stop() }
}
