// swift-tools-version: 6.1
import Foundation
import PackageDescription

// libFuzzer targets for everything that parses user files or device replies (built by scripts/fuzz.sh with
// `-sanitize=fuzzer -parse-as-library` on its own scratch path; not part of the main build).
// A path dependency's identity is its folder's name, which differs between clones: take it from this file's place.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "bktool-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "bkfuzz", dependencies: [.product(name: "BekenKit", package: rootIdentity)]),
    ],
    swiftLanguageModes: [.v6]
)
