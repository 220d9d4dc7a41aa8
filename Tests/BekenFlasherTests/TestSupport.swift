import Foundation
import BekenTestSupport

/// Real dumps live in `shared/dumps` next to the package folder (docs/TESTING.md "Real data"); never copied into the repo.
enum Dumps {
    static let directory = SharedDumps.directory

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// A BK7231N device (ROM personality) and a BK7231T device (BL personality), both full 2 MiB dumps.
    static let bk7231n = "Mirabella_Genio_I003632_Plug.bin"
    static let bk7231t = "Brilo_8464455_Ceiling_Light.bin"
}
