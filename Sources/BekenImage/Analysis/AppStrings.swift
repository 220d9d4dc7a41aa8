import Foundation

/// Version and platform strings found in decrypted code (observed in the 18 real dumps; BK7231GUIFlashTool TuyaModules.cs, TuyaConfig.cs; UPK2ESPHome config.py; bk7231tools dissect_dump):
/// Tuya apps carry a project name `oem_bk7231n_plug` followed by the app version `1.1.7`, a build banner
/// `< BUILD AT:… FOR ty_iot_sdk AT bk7231n >` and an SDK banner `< TUYA IOT SDK V:… >`; OpenBeken apps carry
/// `OpenBK7231N` (OBK `DEVICENAME_PREFIX_FULL`, BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup; OpenBeken new_common.h); bootloaders carry `BK7231S_1.0.5` / `BK7231N_1.0.1`.
public struct AppStrings: Sendable, Equatable, Codable {
    /// Tuya project name, e.g. "oem_bk7231s_light_ty".
    public var project: String?
    /// The version string right after the project name, e.g. "1.3.2".
    public var version: String?
    public var buildBanner: String?
    public var sdkBanner: String?
    /// "OpenBK7231N"-style OpenBeken platform name.
    public var openBekenPlatform: String?
    /// Chip named by the strings ("bk7231n", "bk7231t", …), with the string that said so.
    public var platform: String?
    public var platformEvidence: String?

    public init() {}

    public var isEmpty: Bool { project == nil && buildBanner == nil && openBekenPlatform == nil && platform == nil }

    /// Scans decrypted app bytes.
    public static func scan(_ code: [UInt8]) -> AppStrings {
        var strings = AppStrings()
        if let offset = ByteSearch.firstOffset(of: Array("< BUILD AT:".utf8), in: code) {
            strings.buildBanner = ByteSearch.printableString(in: code, around: offset).text
        }
        if let offset = ByteSearch.firstOffset(of: Array("< TUYA IOT SDK".utf8), in: code) {
            strings.sdkBanner = ByteSearch.printableString(in: code, around: offset).text
        }
        if let offset = ByteSearch.firstOffset(of: Array("OpenBK72".utf8), in: code) {
            let text = ByteSearch.printableString(in: code, around: offset).text
            strings.openBekenPlatform = text.firstMatchOfPlatform(prefix: "OpenBK")
        }
        // The project name is a whole NUL-delimited string "oem_…" (paths contain "/oem_…" and are skipped).
        var searchFrom = 0
        while let offset = ByteSearch.firstOffset(of: Array("oem_".utf8), in: code, from: searchFrom) {
            searchFrom = offset + 4
            guard offset > 0, code[offset - 1] == 0, let name = ByteSearch.cString(in: code, at: offset),
                  !name.contains("/"), name.count > 4 else { continue }
            strings.project = name
            var next = offset + name.utf8.count
            while next < code.count, code[next] == 0 { next += 1 }
            if let version = ByteSearch.cString(in: code, at: next, limit: 24), version.isDottedVersion {
                strings.version = version
            }
            break
        }
        strings.platform = strings.derivedPlatform()
        return strings
    }

    /// The chip the strings name: banner "AT bk7231n >", then OpenBeken's name, then the project prefix
    /// (Tuya calls the T "bk7231s").
    private mutating func derivedPlatform() -> String? {
        if let banner = buildBanner, let range = banner.range(of: " AT ") {
            let name = banner[range.upperBound...].prefix { $0.isLetter || $0.isNumber }.lowercased()
            if name.hasPrefix("bk") {
                platformEvidence = "app build banner \"…AT \(name) >\""
                return name
            }
        }
        if let obk = openBekenPlatform {
            platformEvidence = "OpenBeken platform string \"\(obk)\""
            return "bk" + obk.dropFirst("OpenBK".count).lowercased()
        }
        if let project, project.hasPrefix("oem_bk") {
            let name = project.dropFirst(4).prefix { $0.isLetter || $0.isNumber }.lowercased()
            platformEvidence = "app project name \"\(project)\""
            return name == "bk7231s" ? "bk7231t" : name
        }
        return nil
    }
}

/// The bootloader's own version string, e.g. "BK7231S_1.0.5" (inside the decrypted bootloader; BK7231GUIFlashTool TuyaModules.cs; UPK2ESPHome config.py).
enum BootloaderStrings {
    static func versionString(in code: [UInt8]) -> String? {
        var from = 0
        while let offset = ByteSearch.firstOffset(of: Array("BK72".utf8), in: code, from: from) {
            from = offset + 4
            let text = ByteSearch.printableString(in: code, around: offset, limit: 40).text
            if text.hasPrefix("BK72"), text.contains("_"), text.last?.isNumber == true { return text }
        }
        return nil
    }
}

extension String {
    /// "1.2.3"-style.
    var isDottedVersion: Bool {
        let parts = split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// "OpenBK7231N" out of "…OpenBK7231N_1.2…": the prefix plus letters/digits.
    func firstMatchOfPlatform(prefix: String) -> String? {
        guard let range = range(of: prefix) else { return nil }
        let rest = self[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
        return rest.isEmpty ? nil : prefix + rest
    }
}
