import Crypto
import Foundation

/// Downloaded firmware files kept on disk with their size and SHA-256, so a later call (also offline) reuses
/// them: `<directory>/<tag>/<asset>` and `<directory>/index.json`.
public struct FirmwareCache: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public let request: FirmwareRequest
        public let tag: String
        public let name: String
        public let url: String
        public let size: Int
        public let sha256: String
        public let fetched: String
        /// The file path, relative to the cache directory.
        public let file: String
    }

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `$XDG_CACHE_HOME/<app>/firmware`, else `~/.cache/<app>/firmware` (the front end names its app).
    public static func defaultDirectory(app: String,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("\(app)/firmware")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/\(app)/firmware")
    }

    var indexURL: URL { directory.appendingPathComponent("index.json") }

    public func entries() -> [Entry] {
        guard let data = try? Data(contentsOf: indexURL),
              let entries = try? JSONDecoder().decode([Entry].self, from: data) else { return [] }
        return entries
    }

    /// The cached file of `name` in `tag` if it is still there with its recorded size and SHA-256.
    public func verifiedEntry(tag: String, name: String) -> Entry? {
        guard let entry = entries().last(where: { $0.tag == tag && $0.name == name }),
              let bytes = try? Data(contentsOf: fileURL(entry)),
              bytes.count == entry.size, Self.sha256(bytes) == entry.sha256 else { return nil }
        return entry
    }

    /// The newest verified entry for `request` (same chip, kind, variant; same version if one was asked for).
    public func newestEntry(for request: FirmwareRequest) -> Entry? {
        entries()
            .filter { $0.request.chip == request.chip && $0.request.kind == request.kind
                && $0.request.variant == request.variant && (request.version == nil || $0.tag == request.version) }
            .sorted { VersionOrder.less($0.tag, $1.tag) }
            .reversed()
            .first { verifiedEntry(tag: $0.tag, name: $0.name) != nil }
    }

    public func fileURL(_ entry: Entry) -> URL { directory.appendingPathComponent(entry.file) }

    /// Stores `bytes` and records them in the index (replacing an older record of the same file).
    public func store(_ bytes: Data, request: FirmwareRequest, tag: String, name: String, url: String) throws(FirmwareError) -> Entry {
        let relative = "\(tag)/\(name)"
        let entry = Entry(request: request, tag: tag, name: name, url: url, size: bytes.count,
                          sha256: Self.sha256(bytes), fetched: ISO8601DateFormatter().string(from: Date()), file: relative)
        do {
            let target = directory.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: target, options: .atomic)
            var all = entries().filter { !($0.tag == tag && $0.name == name) }
            all.append(entry)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(all).write(to: indexURL, options: .atomic)
        } catch {
            throw FirmwareError(.cacheNotWritable, ["directory": directory.path, "reason": error.localizedDescription])
        }
        return entry
    }

    static func sha256(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// Orders dotted versions numerically ("1.18.292" < "1.18.1000"); non-numeric parts compare as text.
public enum VersionOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: "."), right = rhs.split(separator: ".")
        for (a, b) in zip(left, right) where a != b {
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        return left.count < right.count
    }
}
