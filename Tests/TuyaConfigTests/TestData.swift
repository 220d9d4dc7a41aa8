import Foundation
import BekenTestSupport

/// Paths of the shared real dumps (never copied into the repo) and of this target's fixtures.
enum TestData {
    /// The package root, found from this file's path (Tests/TuyaConfigTests/TestData.swift).
    static let packageRoot = SharedDumps.packageRoot
    static let dumps = SharedDumps.directory
    static let peerOutputs = dumps.appendingPathComponent("peer-outputs")

    /// Dump file names (`*.bin`), sorted.
    static let dumpNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dumps.path)) ?? []
        return names.filter { $0.hasSuffix(".bin") }.sorted()
    }()

    static func dump(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: dumps.appendingPathComponent(name)))
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }
}

/// What the peers extracted from one dump (`shared/dumps/peer-outputs/<name>.txt` beside the package folder; docs/TESTING.md "Real data").
struct PeerOutput {
    let text: String

    init(dumpName: String) throws {
        var base = dumpName
        while base.hasSuffix(".bin") { base = String(base.dropLast(4)) }
        text = try String(contentsOf: TestData.peerOutputs.appendingPathComponent(base + ".txt"), encoding: .utf8)
    }

    private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// Keys found by the independent whole-store reader (section 3, `  key 'NAME': …`), in order.
    var readerKeys: [String] {
        lines.compactMap { line in
            guard line.hasPrefix("  key '") else { return nil }
            return String(line.dropFirst(7).prefix { $0 != "'" })
        }
    }

    /// Keys bk7231tools listed (section 1 `\t- 'NAME'`, or the API list in section 8 for region files).
    var bk7231toolsKeys: [String] {
        let listed = lines.compactMap { line -> String? in
            guard line.hasPrefix("\t- '") else { return nil }
            return String(line.dropFirst(4).prefix { $0 != "'" })
        }
        if !listed.isEmpty { return listed }
        guard let line = lines.first(where: { $0.contains("decrypt_and_unpack(find=True) keys: [") }),
            let open = line.firstIndex(of: "[")
        else { return [] }
        return line[line.index(after: open)...].split(separator: ",").map {
            $0.filter { $0 != "'" && $0 != "]" && $0 != " " }
        }
    }

    /// The key-block offset of section 3 (`key blocks (offset, device key): [('0x1ee000', …`).
    var storeOffset: Int? {
        guard let line = lines.first(where: { $0.hasPrefix("key blocks") }),
            let range = line.range(of: "('0x")
        else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isHexDigit }, radix: 16)
    }

    /// The UPK as stored (section 4 "raw (as stored, key order preserved):" next line).
    var rawUserParamKey: String? {
        guard let i = lines.firstIndex(where: { $0.hasPrefix("raw (as stored") }), i + 1 < lines.count else {
            return nil
        }
        return String(lines[i + 1])
    }

    /// Data sectors listed by the reader: (block id, generation).
    var dataBlocks: [(id: Int, generation: Int)] {
        guard let line = lines.first(where: { $0.hasPrefix("data blocks") }) else { return [] }
        return line.split(separator: " ").compactMap { field in
            let parts = field.split(separator: "/")
            guard parts.count == 4, parts[0].hasPrefix("0x"), let id = Int(parts[1]), let gen = Int(parts[2]) else {
                return nil
            }
            return (id, gen)
        }
    }
}
