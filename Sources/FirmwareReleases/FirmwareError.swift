/// What can go wrong finding or fetching a release, as data for front ends.
public struct FirmwareError: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Codable {
        /// The releases server could not be reached and nothing suitable is cached.
        case offlineNothingCached = "offline-nothing-cached"
        /// The releases document is not GitHub's release JSON.
        case badReleaseDocument = "bad-release-document"
        /// The release has no asset of that name.
        case assetNotFound = "asset-not-found"
        /// The download failed or its size differs from the release's.
        case downloadFailed = "download-failed"
        /// The cache directory cannot be written.
        case cacheNotWritable = "cache-not-writable"
        case badRequest = "bad-request"
        /// No `curl` executable to download with (the release binary fetches through the system curl).
        case curlMissing = "curl-missing"
    }

    public let code: Code
    public let facts: [String: String]

    public init(_ code: Code, _ facts: [String: String] = [:]) {
        self.code = code
        self.facts = facts
    }
}
