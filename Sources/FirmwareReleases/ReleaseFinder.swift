import Foundation

/// Finds an OpenBeken release asset for a chip and brings it into the cache. The releases API base URL is
/// configurable (GitHub's by default; tests serve a document of the same shape on loopback).
public struct ReleaseFinder: Sendable {
    public static let defaultBaseURL = "https://api.github.com"
    public static let repository = "openshwprojects/OpenBK7231T_App"

    public let baseURL: String
    public let cache: FirmwareCache
    public var timeout: TimeInterval

    public init(baseURL: String = ReleaseFinder.defaultBaseURL, cache: FirmwareCache, timeout: TimeInterval = 30) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.cache = cache
        self.timeout = timeout
    }

    /// Where a fetched file came from.
    public enum Source: String, Sendable, Codable {
        case downloaded
        case cached
        /// The releases server was unreachable; the newest cached file was used.
        case cachedOffline = "cached-offline"
    }

    public struct Fetched: Sendable {
        public let entry: FirmwareCache.Entry
        public let path: URL
        public let source: Source
        /// Why the server was not used (offline reuse only).
        public let offlineReason: String?
    }

    /// The release document: latest, or the tag `version`.
    public func release(version: String?) async throws(FirmwareError) -> ReleaseDocument {
        let path = version.map { "/repos/\(Self.repository)/releases/tags/\($0)" } ?? "/repos/\(Self.repository)/releases/latest"
        let data = try await download(baseURL + path)
        do {
            return try JSONDecoder().decode(ReleaseDocument.self, from: data)
        } catch {
            throw FirmwareError(.badReleaseDocument, ["url": baseURL + path])
        }
    }

    /// The asset for `request`, from the cache when its size and SHA-256 still match, else downloaded.
    /// When the server cannot be reached, the newest matching cached file is used.
    public func fetch(_ request: FirmwareRequest) async throws(FirmwareError) -> Fetched {
        let document: ReleaseDocument
        do {
            document = try await release(version: request.version)
        } catch {
            let unreachable = error.code == .downloadFailed || error.code == .curlMissing
            guard unreachable, let entry = cache.newestEntry(for: request) else {
                if error.code == .downloadFailed {
                    throw FirmwareError(.offlineNothingCached, error.facts.merging(["chip": request.chip]) { a, _ in a })
                }
                throw error
            }
            return Fetched(entry: entry, path: cache.fileURL(entry), source: .cachedOffline,
                           offlineReason: error.facts["reason"])
        }
        let name = request.assetName(tag: document.tagName)
        guard let asset = document.assets.first(where: { $0.name == name }) else {
            throw FirmwareError(.assetNotFound, ["asset": name, "tag": document.tagName])
        }
        if let entry = cache.verifiedEntry(tag: document.tagName, name: name) {
            return Fetched(entry: entry, path: cache.fileURL(entry), source: .cached, offlineReason: nil)
        }
        let bytes = try await download(asset.browserDownloadURL)
        if let size = asset.size, size != bytes.count {
            throw FirmwareError(.downloadFailed, ["url": asset.browserDownloadURL,
                                                  "reason": "got \(bytes.count) bytes, the release says \(size)"])
        }
        let entry = try cache.store(bytes, request: request, tag: document.tagName, name: name,
                                    url: asset.browserDownloadURL)
        return Fetched(entry: entry, path: cache.fileURL(entry), source: .downloaded, offlineReason: nil)
    }

    private func download(_ text: String) async throws(FirmwareError) -> Data {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
            throw FirmwareError(.badRequest, ["url": text])
        }
        let curl = CurlDownload(timeout: timeout, headers: ["Accept: application/vnd.github+json",
                                                             "User-Agent: BekenKit-FirmwareReleases"])
        return try await curl.data(from: text)
    }
}
