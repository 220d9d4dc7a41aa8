import Foundation

/// The 18 real device dumps in `shared/dumps` beside the package folder (docs/TESTING.md "Real data"). Tests read them
/// from there; they are never copied into the repo.
public enum SharedDumps {
    /// The package root: the nearest folder above this file that holds Package.swift.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url
    }()

    public static let directory = packageRoot.appendingPathComponent("../shared/dumps").standardizedFileURL

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    public static func load(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }
}
