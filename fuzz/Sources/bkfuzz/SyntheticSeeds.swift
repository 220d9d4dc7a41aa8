import BekenDemo
import BekenEmulator
import BekenImage
import Foundation
import OpenBeken
import TuyaConfig

/// Seeds made of our own bytes (the demo's synthetic plug and OpenBeken image, the virtual chip's replies), written at
/// run time by `BKFUZZ_WRITE_SEEDS=DIR bkfuzz`; scripts/fuzz.sh adds slices of the real dumps beside them.
enum SyntheticSeeds {
    static func seeds(for target: FuzzTarget) -> [String: [UInt8]] {
        let plug = SyntheticTuyaPlug.flashImage()
        switch target {
        case .inspect:
            var seeds = ["plug-bootloader": Array(plug[0 ..< 0x11000]), "plug-app-head": Array(plug[0x11000 ..< 0x21000])]
            if let image = SyntheticOpenBeken.uaImage() { seeds["openbeken-ua-head"] = Array(image.prefix(0x10000)) }
            for offset in TuyaStoreLocator.keySectorOffsets(in: plug).prefix(1) {
                seeds["plug-store"] = Array(plug[offset ..< min(plug.count, offset + 0x12000)])
            }
            return seeds
        case .inspectDump:
            // Patches: a 3-byte offset, then bytes (see FuzzTarget.inspectDump).
            return ["patch-app-header": [0x01, 0x10, 0x00] + Array(plug[0x11000 ..< 0x11100]),
                    "patch-table": [0x00, 0x00, 0x00] + Array(plug[0 ..< 0x200])]
        case .tuyaStore:
            let offsets = TuyaStoreLocator.keySectorOffsets(in: plug)
            guard let first = offsets.min() else { return [:] }
            return ["plug-store": Array(plug[first ..< min(plug.count, first + 0x12000)])]
        case .bootLog:
            return ["log": Array("V:BK7231N_1.0.1 [Flash]id:0xeb6015\r\nap_ssid:demo\r\n".utf8)]
        case .template:
            let template = #"{"vendor":"Tuya","bDetailed":"0","name":"Demo plug","model":"CB2S","chip":"BK7231N","#
                + #""board":"CB2S","flags":"1024","keywords":[],"pins":{"6":"Btn;0","8":"WifiLED_n;0","24":"Rel;1"},"#
                + #""command":"","image":"","wiki":""}"#
            let params = #"{"rl1_lv":"1","netled1_pin":"8","rl1_pin":"24","bt1_pin":"6","crc":89}"#
            return ["template": Array(template.utf8), "user-param-key": Array(params.utf8)]
        case .obkConfig:
            var config = OBKConfig()
            config.pins[6] = OBKPin(role: 2, channel: 1)  // one assigned pin
            return (try? config.encodedSector()).map { ["default-sector": $0] } ?? [:]
        case .replies:
            return ["plug-replies": chipReplies(flash: plug)]
        }
    }

    /// A burst of the virtual chip's replies to every command the flasher sends, over `flash`.
    static func chipReplies(flash: [UInt8]) -> [UInt8] {
        var configuration = VirtualChip.Configuration(personality: .bk7231n, flash: flash, initialState: .downloadMode)
        configuration.statusRegister1 = 0
        configuration.statusRegister2 = 0
        let chip = VirtualChip(configuration: configuration)
        var out: [UInt8] = []
        for command in FuzzTarget.probeCommands where command != .readBootVersion {
            out += chip.respond(to: command.encoded())
        }
        return out
    }

    /// Slices of one real dump for `target` (run time only: dumps and their secrets are never committed).
    static func dumpSlices(for target: FuzzTarget, flash: [UInt8]) -> [String: [UInt8]] {
        let store = TuyaStoreLocator.keySectorOffsets(in: flash).min().map {
            Array(flash[$0 ..< min(flash.count, $0 + 0x12000)])
        }
        switch target {
        case .inspect:
            var seeds = ["bootloader": Array(flash[0 ..< 0x11000]), "app-head": Array(flash[0x11000 ..< 0x21000])]
            seeds["store"] = store
            return seeds
        case .inspectDump:
            return ["patch-app": [0x01, 0x10, 0x00] + Array(flash[0x11000 ..< 0x12000])]
        case .tuyaStore:
            return store.map { ["store": $0] } ?? [:]
        case .replies:
            return ["replies": chipReplies(flash: flash)]
        case .bootLog, .template, .obkConfig:
            return [:]
        }
    }

    /// Writes each target's seeds into DIR/TARGET/NAME.
    static func write(to directory: URL, dumps: [URL]) throws {
        let flashes = dumps.compactMap { dump -> (String, [UInt8])? in
            guard let data = FileManager.default.contents(atPath: dump.path), data.count == 0x20_0000 else { return nil }
            return (dump.deletingPathExtension().lastPathComponent, [UInt8](data))
        }
        for target in FuzzTarget.allCases {
            let folder = directory.appendingPathComponent(target.rawValue)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var seeds = seeds(for: target)
            for (name, flash) in flashes {
                for (slice, bytes) in dumpSlices(for: target, flash: flash) { seeds["\(name)-\(slice)"] = bytes }
            }
            for (name, bytes) in seeds {
                try Data(bytes).write(to: folder.appendingPathComponent(name))
            }
        }
    }
}
