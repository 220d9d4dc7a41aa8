import BekenChips
import Foundation
import Testing
@testable import BekenImage
import BekenTestSupport

/// `inspect` on hostile input: random bytes (with planted magics so the parsers get deep), random truncations and
/// random byte flips of the real dumps. Fixed seeds; ≥ 10 000 cases; nothing may crash, and every report must carry
/// a coherent verdict, a JSON encoding and a write plan or a refusal.
@Suite struct FuzzTests {
    static let shards = 4
    static let casesPerShard = 2_600

    @Test func inspectNeverCrashesAndAlwaysGivesAVerdict() async throws {
        let dumps = try DumpFixtures.names.map { try DumpFixtures.bytes($0) }.filter { $0.count == 0x200000 }
        #expect(dumps.count == 17)
        let results = await withTaskGroup(of: ShardResult.self) { group in
            for shard in 0..<Self.shards {
                group.addTask {
                    var fuzz = FuzzShard(seed: 0xBEC0_0000 + UInt64(shard), dumps: dumps)
                    return fuzz.run(Self.casesPerShard)
                }
            }
            var all: [ShardResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let total = results.reduce(0) { $0 + $1.cases }
        let failures = results.flatMap { $0.failures }
        let kinds = results.reduce(into: Set<ImageKind>()) { $0.formUnion($1.kinds) }
        let verdicts = results.reduce(into: Set<BootVerdict.Boots>()) { $0.formUnion($1.verdicts) }
        #expect(total >= 10_000)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // The corpus reaches every analyser, not just "unknown".
        #expect(kinds.isSuperset(of: [ImageKind.fullDump, .qioImage, .appImage, .otaPackage, .tuyaUG, .uf2, .efuseDump,
                                      .tuyaStorage, .openBekenConfig, .blank, .unknown]), "\(kinds)")
        #expect(verdicts == [.yes, .no, .unknown])
    }
}

struct ShardResult: Sendable {
    var cases = 0
    var failures: [String] = []
    var kinds: Set<ImageKind> = []
    var verdicts: Set<BootVerdict.Boots> = []
}

struct FuzzShard {
    var random: SplitMix64
    let dumps: [[UInt8]]

    /// Structures planted at the start of random files (built once: CRC8 and friends are slow in debug builds).
    let plants: [[UInt8]]

    init(seed: UInt64, dumps: [[UInt8]]) {
        random = SplitMix64(seed: seed)
        self.dumps = dumps
        let n = dumps[0], t = dumps[dumps.count / 2]
        plants = [
            SyntheticFiles.otaPackage(), SyntheticFiles.tuyaUG(), SyntheticFiles.uf2(familyID: 0x7B3E_F230),
            SyntheticFiles.openBekenConfig(version: 5), WritePlanTests.efuse, [0x7F, 0x45, 0x4C, 0x46],
            [UInt8](repeating: 0xFF, count: 4096),
            Array(n[0..<0x2000]), Array(n[0x11000..<0x13000]), Array(n[0x1EE000..<0x1F0000]), Array(n[0x1D0000..<0x1D0100]),
            Array(t[0..<0x2000]), Array(t[0x11000..<0x13000]), Array(t[0x1E0000..<0x1E0100]),
        ]
    }

    /// 80 % random files, 10 % truncated dumps, 10 % dumps with flipped bytes.
    mutating func run(_ count: Int) -> ShardResult {
        var result = ShardResult()
        let encoder = JSONEncoder()
        for index in 0..<count {
            let roll = Int(random.next() % 10)
            let file = roll < 8 ? randomFile() : roll == 8 ? truncatedDump() : flippedDump()
            let chips: [ChipKind?] = [nil, .bk7231t, .bk7231n, .bk7231m]
            let target = chips[Int(random.next() % 4)]
            let report = DumpAnalyzer.analyze(file, target: target)
            result.cases += 1
            result.kinds.insert(report.kind)
            result.verdicts.insert(report.verdict.boots)
            if let problem = Self.check(report, file: file, target: target, encoder: encoder) {
                result.failures.append("case \(index) (\(file.count) bytes, \(report.kind)): \(problem)")
            }

        }
        return result
    }

    /// Invariants every report must keep.
    static func check(_ report: DumpReport, file: [UInt8], target: ChipKind?, encoder: JSONEncoder) -> String? {
        switch report.verdict.boots {
        case .yes: if !report.verdict.reasons.isEmpty { return "yes with reasons" }
        case .no, .unknown: if report.verdict.reasons.isEmpty { return "\(report.verdict.boots) without a reason" }
        }
        if report.fileSize != file.count { return "size" }
        guard (try? encoder.encode(report)) != nil else { return "JSON encoding failed" }
        let chip = target ?? .bk7231n
        do {
            let plan = try WritePlanner.plan(for: report, requestedOffset: nil, chip: chip)
            if plan.fileOffset + plan.length != file.count || plan.flashOffset < FileClassifier.appOffset {
                return "plan out of bounds: \(plan)"
            }
            if report.verdict.boots == .no, report.kind != .fullDump, report.kind != .qioImage {
                return "planned a write of a file that does not boot: \(report.verdict.reasons)"
            }
        } catch {
            if error.message.isEmpty { return "refusal without message" }
        }
        return nil
    }

    // MARK: corpus

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }

    mutating func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset + 8 <= count {
                buffer.storeBytes(of: random.next(), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < count {
                buffer[offset] = UInt8(truncatingIfNeeded: random.next())
                offset += 1
            }
        }
        return bytes
    }

    /// Random bytes of an interesting size, half of them starting with a planted structure.
    mutating func randomFile() -> [UInt8] {
        let sizes = [0, 1, 31, 32, 33, 68, 96, 257, 4096, 0x4000, 0x11000, 0x11044, 0x12000]
        let size = random.next() % 3 == 0 ? sizes[int(0..<sizes.count)] : int(0..<20_000)
        var file = bytes(size)
        guard random.next() % 2 == 0 else { return file }
        let plant = plants[int(0..<plants.count)]
        if file.count < plant.count && random.next() % 2 == 0 { file = bytes(plant.count) }
        let length = min(plant.count, file.count)
        file.replaceSubrange(0..<length, with: plant[0..<length])
        if random.next() % 2 == 0, !file.isEmpty {
            for _ in 0..<int(1..<4) { file[int(0..<file.count)] ^= UInt8(truncatingIfNeeded: int(1..<256)) }
        }
        return file
    }

    mutating func truncatedDump() -> [UInt8] {
        let dump = dumps[int(0..<dumps.count)]
        return Array(dump[0..<int(0..<dump.count + 1)])
    }

    /// Flips 1–8 bytes, half of them where the parsers look (headers, trailers, tables, TLV, store).
    mutating func flippedDump() -> [UInt8] {
        var dump = dumps[int(0..<dumps.count)]
        let hotspots = [0..<0x200, 0xE900..<0xF000, 0x10F00..<0x11100, 0x129E00..<0x129F70, 0x1D0000..<0x1D0100,
                        0x1E0000..<0x1E0100, 0x1EE000..<0x1EE040, 0x1EF000..<0x1EF100]
        for _ in 0..<int(1..<9) {
            let position = random.next() % 2 == 0 ? int(hotspots[int(0..<hotspots.count)]) : int(0..<dump.count)
            dump[position] ^= UInt8(truncatingIfNeeded: int(1..<256))
        }
        if random.next() % 10 == 0 { dump = RotatedDump.rotate(dump) }
        return dump
    }
}

