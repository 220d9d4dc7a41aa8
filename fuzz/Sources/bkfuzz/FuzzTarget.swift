import BekenChips
import BekenDemo
import BekenImage
import BekenProtocol
import Foundation
import OpenBeken
import TuyaConfig

/// One parser of untrusted bytes each: what `bktool inspect`, `tuya-config`, `obk-config`, `flash --template` read
/// from user files, and what the flasher reads from a chip. A target must never crash or hang; where a parser
/// promises something checkable (a frame lies inside its input, a decoded config re-encodes), it is checked too and
/// a broken promise is a crash libFuzzer reports.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `inspect FILE`: classification, the dump report, the write plan (BekenImage), at the input's own size.
    case inspect
    /// `inspect` of a whole 2 MiB dump: the input is a patch (3-byte offset, then bytes) over the synthetic plug.
    case inspectDump = "inspect-dump"
    /// `tuya-config FILE`: the Tuya KV store (TuyaStoreReader) and detection by content (TuyaConfigReader).
    case tuyaStore = "tuya-store"
    /// A UART boot log (BootLogParser).
    case bootLog = "boot-log"
    /// `--template FILE` / user_param_key JSON: LooseJSON and the OpenBeken template (DeviceTemplate).
    case template
    /// `obk-config` reading a config sector (OBKConfig decoding).
    case obkConfig = "obk-config"
    /// Chip replies: the streaming ResponseDecoder with typed decoding, and ReplyScan over a burst.
    case replies

    /// The target named by BKFUZZ_TARGET (read once).
    static let selected: FuzzTarget = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["BKFUZZ_TARGET"] ?? "")
        ?? .inspect

    func run(_ bytes: [UInt8]) {
        switch self {
        case .inspect: Self.inspect(bytes)
        case .inspectDump: Self.inspectDump(bytes)
        case .tuyaStore: Self.tuyaStore(bytes)
        case .bootLog: _ = BootLogParser.parse(bytes)
        case .template: Self.template(bytes)
        case .obkConfig: Self.obkConfig(bytes)
        case .replies: Self.replies(bytes)
        }
    }

    static func inspect(_ bytes: [UInt8]) {
        _ = FileClassifier.classify(bytes)
        let report = DumpAnalyzer.analyze(bytes)
        _ = try? JSONEncoder().encode(report)
        if let chip = report.chip.chip { _ = try? WritePlanner.plan(for: report, requestedOffset: nil, chip: chip) }
    }

    /// The synthetic plug's flash (our own bytes), built once.
    static let baseDump = SyntheticTuyaPlug.flashImage()

    static func inspectDump(_ bytes: [UInt8]) {
        guard bytes.count > 3 else { return }
        var dump = baseDump
        let offset = (Int(bytes[0]) << 16 | Int(bytes[1]) << 8 | Int(bytes[2])) % dump.count
        let patch = bytes[3...].prefix(dump.count - offset)
        dump.replaceSubrange(offset ..< offset + patch.count, with: patch)
        let report = DumpAnalyzer.analyze(dump)
        if let chip = report.chip.chip { _ = try? WritePlanner.plan(for: report, requestedOffset: nil, chip: chip) }
    }

    static func tuyaStore(_ bytes: [UInt8]) {
        _ = try? TuyaStoreReader.read(bytes)
        _ = try? TuyaConfigReader.read(bytes)
    }

    static func template(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? LooseJSONParser.parse(text)
        _ = try? DeviceTemplate.parse(text)
    }

    static func obkConfig(_ bytes: [UInt8]) {
        _ = try? OBKConfig(decoding: bytes)
        // Most mutations break the CRC8 and stop at the check: decode a copy with "CFG" and the right checksum too,
        // so the field decoding behind it is reached, and encode what it gives.
        guard bytes.count >= 8 else { return }
        var fixed = bytes
        fixed.replaceSubrange(0 ..< 3, with: OBKConfigLayout.ident)
        let version = Int32(fixed[4]) | Int32(fixed[5]) << 8 | Int32(fixed[6]) << 16 | Int32(fixed[7]) << 24
        guard (0 ... OBKConfigLayout.maximumVersion).contains(version), fixed.count >= OBKConfigLayout.checksummedSize(forVersion: version) else { return }
        fixed[OBKConfigLayout.crc.offset] = OBKConfig.checksum(of: fixed, version: version)
        guard let config = try? OBKConfig(decoding: fixed) else { return }
        _ = try? config.encodedSector()
    }

    static func replies(_ bytes: [UInt8]) {
        // The first byte splits the input into two chunks, as a serial read would.
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        var decoder = ResponseDecoder()
        for chunk in [bytes[..<cut], bytes[cut...]] {
            decoder.feed(chunk)
            while let frame = decoder.nextFrame() {
                for command in probeCommands { _ = try? command.decodeReply(frame) }
            }
        }
        precondition(decoder.bufferedCount <= bytes.count, "the decoder holds more bytes than it was fed")
        var announced = 0
        for reply in ReplyScan.frames(in: bytes) {
            announced += reply.body.count
            precondition(announced <= bytes.count, "ReplyScan returned more body bytes than the burst holds")
        }
    }

    /// Commands whose replies the flasher decodes (one of each shape).
    static let probeCommands: [HostCommand] = [
        .linkCheck, .readReg(address: 0x0080_0000), .setBaudRate(baud: 1_500_000, delayMs: 20),
        .checkCRC(start: 0x11000, end: 0x11FFF), .readBootVersion, .flashRead(address: 0x11000, size: 255),
        .flashRead4K(address: 0x11000), .flashErase4K(address: 0x11000), .flashReadSR(opcode: 0x05),
        .flashWriteSR(opcode: 0x01, values: [0x00, 0x00]), .getMID, .flashErase(size: .block64K, address: 0x20000),
        .flashWrite4K(address: 0x11000, data: [UInt8](repeating: 0xFF, count: 0x1000)),
    ]
}
