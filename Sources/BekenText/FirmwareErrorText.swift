import FirmwareReleases

/// Firmware-release errors as sentences and next steps (the same for the command line and the page).
extension FirmwareError {
    /// The failure in words, with the front end's names for its inputs.
    public func failureText(_ words: FrontEndWords) -> FailureText {
        switch code {
        case .offlineNothingCached:
            return .failed(code.rawValue, "the releases server is unreachable (\(facts["reason"] ?? "no answer")) and "
                + "no \(facts["chip"] ?? "") firmware is cached", hint: "connect to the internet once, or give \(words.releasesURL)")
        case .badReleaseDocument:
            return .failed(code.rawValue, "\(facts["url"] ?? "the releases URL") did not return a GitHub release document",
                           hint: "check \(words.releasesURL)")
        case .assetNotFound:
            return .failed(code.rawValue, "the release \(facts["tag"] ?? "") has no \(facts["asset"] ?? facts["url"] ?? "such file")",
                           hint: "see `bktool firmware list` for what it has\(words.variantChoice)")
        case .downloadFailed:
            return .failed(code.rawValue, "downloading \(facts["url"] ?? "") failed: \(facts["reason"] ?? "")",
                           hint: "try again later")
        case .cacheNotWritable:
            return .failed(code.rawValue, "cannot write the firmware cache \(facts["directory"] ?? ""): \(facts["reason"] ?? "")",
                           hint: "give \(words.cacheDirectory) with a writable directory")
        case .curlMissing:
            // An API address is no use in a browser: point at the releases page instead.
            let url = facts["url"] ?? ""
            let page = url.contains("/repos/") || url.isEmpty ? "https://github.com/\(ReleaseFinder.repository)/releases" : url
            return .failed(code.rawValue, "downloading firmware needs the curl program, and there is none on PATH "
                + "(nothing suitable is cached either)",
                           hint: "install curl (e.g. apt-get install curl), or download the file by hand from \(page) "
                + "and give its path")
        case .badRequest:
            return .badInput(code.rawValue, "not an http(s) URL: \(facts["url"] ?? "")", hint: "check \(words.releasesURL)")
        }
    }
}
