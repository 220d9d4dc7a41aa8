import Foundation
import BekenTestSupport

/// The real dumps in `shared/dumps` beside the package folder, located from this file's path (docs/TESTING.md "Real data": never copy them into the repo).
enum DumpFixtures {
    static let directory = SharedDumps.directory

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".bin") }.sorted()
    }
}
