/// The part of GitHub's release JSON (`GET /repos/{owner}/{repo}/releases/latest` or `/releases/tags/{tag}`)
/// that finding a firmware needs: the tag (OpenBeken tags are plain versions, `1.18.292`) and the assets.
public struct ReleaseDocument: Sendable, Codable, Equatable {
    public struct Asset: Sendable, Codable, Equatable {
        public let name: String
        public let browserDownloadURL: String
        public let size: Int?

        enum CodingKeys: String, CodingKey {
            case name
            case browserDownloadURL = "browser_download_url"
            case size
        }

        public init(name: String, browserDownloadURL: String, size: Int? = nil) {
            self.name = name
            self.browserDownloadURL = browserDownloadURL
            self.size = size
        }
    }

    public let tagName: String
    public let assets: [Asset]

    enum CodingKeys: String, CodingKey {
        case tagName = "tag_name"
        case assets
    }

    public init(tagName: String, assets: [Asset]) {
        self.tagName = tagName
        self.assets = assets
    }
}

/// Which file of a release: a whole-flash image for UART (`_QIO_`), an app-only UART image (`_UA_`), or the
/// OTA package (`.rbl`).
public enum FirmwareKind: String, Sendable, Codable, CaseIterable {
    case qio
    case ua
    case ota
}

/// Names OpenBeken's release assets: `Open<PLAT>_{QIO|UA}_<ver>[_<variant>].bin` and
/// `Open<PLAT>_<ver>[_<variant>].rbl` (OpenBK7231T_App `.github/workflows/workflow.yaml`, release job).
public struct FirmwareRequest: Sendable, Hashable, Codable {
    /// bktool's chip name, e.g. "bk7231n".
    public let chip: String
    public let kind: FirmwareKind
    /// nil: the default build (no variant suffix).
    public let variant: String?
    /// nil: the latest release.
    public let version: String?

    public init(chip: String, kind: FirmwareKind = .qio, variant: String? = nil, version: String? = nil) {
        self.chip = chip.lowercased()
        self.kind = kind
        self.variant = variant.flatMap { $0.isEmpty || $0 == "default" ? nil : $0 }
        self.version = version
    }

    /// "OpenBK7231N" for "bk7231n".
    public var platform: String { "Open" + chip.uppercased() }

    /// The exact asset name in release `tag`.
    public func assetName(tag: String) -> String {
        let suffix = variant.map { "_\($0)" } ?? ""
        switch kind {
        case .qio: return "\(platform)_QIO_\(tag)\(suffix).bin"
        case .ua: return "\(platform)_UA_\(tag)\(suffix).bin"
        case .ota: return "\(platform)_\(tag)\(suffix).rbl"
        }
    }

    /// Does `name` belong to this chip (any kind, any variant) in release `tag`?
    public static func kind(of name: String, platform: String, tag: String) -> (kind: FirmwareKind, variant: String?)? {
        for kind in FirmwareKind.allCases {
            let request = FirmwareRequest(chip: String(platform.dropFirst("Open".count)), kind: kind)
            let plain = request.assetName(tag: tag)
            if name == plain { return (kind, nil) }
            let stem = String(plain.dropLast(4))
            let ext = String(plain.suffix(4))
            if name.hasPrefix(stem + "_"), name.hasSuffix(ext) {
                let variant = String(name.dropFirst(stem.count + 1).dropLast(4))
                if !variant.isEmpty { return (kind, variant) }
            }
        }
        return nil
    }
}

/// A release asset that is an OpenBeken firmware for some chip.
public struct ListedFirmware: Sendable, Codable, Equatable {
    public let name: String
    public let chip: String
    public let kind: FirmwareKind
    public let variant: String?
    public let size: Int?
    public let url: String
}

extension ReleaseDocument {
    /// The assets that are firmware files for `chip` (every chip when nil), with their kind and variant.
    public func firmware(forChip chip: String?) -> [ListedFirmware] {
        assets.compactMap { asset in
            guard asset.name.hasPrefix("Open"), let underscore = asset.name.firstIndex(of: "_") else { return nil }
            let platform = String(asset.name[..<underscore])
            let assetChip = String(platform.dropFirst("Open".count)).lowercased()
            if let chip, chip.lowercased() != assetChip { return nil }
            guard let found = FirmwareRequest.kind(of: asset.name, platform: platform, tag: tagName) else { return nil }
            return ListedFirmware(name: asset.name, chip: assetChip, kind: found.kind, variant: found.variant,
                                  size: asset.size, url: asset.browserDownloadURL)
        }
    }
}
