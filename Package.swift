// swift-tools-version: 6.1
import PackageDescription

// Targets and their boundaries: see docs/ARCHITECTURE.md ("Targets").

// scripts/release.sh passes the git commit for `bktool --version` (letters, digits and '-' only; "" when unset).
let buildCommit = String((Context.environment["BKTOOL_BUILD_COMMIT"] ?? "")
    .filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(48))

let package = Package(
    name: "bktool",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bktool", targets: ["bktool"]),
        .library(name: "BekenKit", targets: [
            "BekenProtocol", "BekenChips", "SerialLink", "BekenFlasher",
            "BekenImage", "TuyaConfig", "OpenBeken", "BekenEmulator", "BekenDemo", "BekenConversion", "BekenMonitor",
            "OpenBekenLAN", "FirmwareReleases", "BekenWebUI",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(name: "BekenProtocol"),
        .target(name: "BekenChips"),
        .target(name: "CSerialSupport"),
        .target(name: "SerialLink", dependencies: ["CSerialSupport"]),
        .target(name: "CBuildInfo", cSettings: [.define("BKTOOL_BUILD_COMMIT", to: "\"\(buildCommit)\"")]),
        .target(name: "BekenFlasher", dependencies: ["BekenProtocol", "BekenChips", "SerialLink"]),
        .target(name: "BekenImage", dependencies: ["BekenChips"]),
        .target(name: "TuyaConfig", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "OpenBeken", dependencies: ["TuyaConfig", "BekenChips"]),
        // gzip for OpenBeken OTA packages through the system zlib (see docs/DESIGN-NOTES.md).
        .target(name: "CZlibSupport", linkerSettings: [.linkedLibrary("z")]),
        // OpenBeken devices on the network: HTTP client, info/cmd/backup/config/OTA, scan.
        .target(name: "OpenBekenLAN", dependencies: [
            "OpenBeken", "BekenChips", "BekenImage", "CZlibSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // OpenBeken release assets: find, download, cache (size + SHA-256).
        .target(name: "FirmwareReleases", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "BekenEmulator", dependencies: ["BekenProtocol", "BekenChips", "SerialLink"]),
        // Reads a device's UART log as it streams (Tuya config, OpenBeken facts, boot loops, rates) and the
        // diagnosis rules shared by `monitor`, `flash` and `diagnose`.
        .target(name: "BekenMonitor", dependencies: ["TuyaConfig", "OpenBeken", "BekenImage", "BekenChips", "SerialLink"]),
        // Synthetic device and firmware images for `bktool demo` and tests (our own bytes, no real dumps).
        .target(name: "BekenDemo", dependencies: ["BekenImage", "TuyaConfig", "BekenChips", "OpenBeken"]),
        // The one-command conversion as a library: plan, runner, backup and progress stores, typed events; and the
        // saving of network backups (`NetworkBackupSaver`, beside the UART backups' files and sidecars).
        .target(name: "BekenConversion", dependencies: [
            "BekenFlasher", "BekenImage", "OpenBeken", "TuyaConfig", "BekenChips", "BekenProtocol", "SerialLink",
            "FirmwareReleases", "OpenBekenLAN",
        ]),
        // Words for people shared by the front ends (the CLI and the web page): typed failures, suggestions and
        // warnings as sentences with next steps; option names come from each front end (`FrontEndWords`).
        .target(name: "BekenText", dependencies: [
            "BekenConversion", "BekenFlasher", "BekenImage", "OpenBeken", "SerialLink", "BekenChips", "FirmwareReleases",
        ]),
        .executableTarget(name: "bktool", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"), "CBuildInfo", "BekenText",
            "BekenProtocol", "BekenChips", "SerialLink", "BekenFlasher",
            "BekenImage", "TuyaConfig", "OpenBeken", "BekenEmulator", "BekenDemo", "BekenConversion", "BekenMonitor",
            "OpenBekenLAN", "FirmwareReleases", "BekenWebUI",
        ]),
        // `bktool ui`: the local web page's server (routes, token + Host gate, one job per port, SSE with replay)
        // and the page itself, embedded.
        .target(name: "BekenWebUI", dependencies: [
            "BekenConversion", "BekenFlasher", "BekenEmulator", "BekenDemo", "SerialLink", "OpenBeken", "BekenImage",
            "BekenMonitor", "TuyaConfig", "BekenText", "FirmwareReleases",
        ]),

        // bench/faults: the fault matrix (in-process paced virtual chip against the flasher).
        .executableTarget(name: "FaultBench", dependencies: ["BekenFlasher", "BekenEmulator", "SerialLink"],
                          path: "bench/FaultBench"),

        // bench/obk-scan: times `bktool obk scan` against 20 fake devices on loopback.
        .executableTarget(name: "ScanBench", dependencies: ["OpenBekenFake"], path: "bench/ScanBench"),

        // Shared by the test targets: the real-dump locator (docs/TESTING.md "Real data") and a seeded generator.
        .target(name: "BekenTestSupport", path: "Tests/BekenTestSupport"),
        .testTarget(name: "BekenProtocolTests", dependencies: ["BekenProtocol"]),
        .testTarget(name: "BekenChipsTests", dependencies: ["BekenTestSupport", "BekenChips"]),
        .testTarget(name: "SerialLinkTests", dependencies: ["BekenTestSupport", "SerialLink"]),
        .testTarget(name: "BekenFlasherTests", dependencies: ["BekenTestSupport", "BekenFlasher", "BekenEmulator", "BekenProtocol"]),
        .testTarget(name: "BekenImageTests", dependencies: ["BekenTestSupport", "BekenImage"]),
        .testTarget(name: "TuyaConfigTests", dependencies: ["BekenTestSupport", "TuyaConfig"], exclude: ["Fixtures"]),
        .testTarget(name: "OpenBekenTests", dependencies: ["BekenTestSupport", "OpenBeken", "TuyaConfig"]),
        .testTarget(name: "BekenEmulatorTests", dependencies: ["BekenTestSupport", "BekenEmulator", "BekenProtocol", "SerialLink"]),
        .testTarget(name: "BekenMonitorTests", dependencies: ["BekenMonitor", "BekenImage", "BekenDemo", "OpenBeken"]),
        .testTarget(name: "BekenDemoTests", dependencies: ["BekenTestSupport", "BekenDemo", "BekenImage", "TuyaConfig", "OpenBeken"]),
        .testTarget(name: "BekenConversionTests", dependencies: [
            "BekenTestSupport", "BekenConversion", "BekenFlasher", "BekenEmulator", "BekenDemo", "SerialLink", "OpenBeken",
            "BekenProtocol", "OpenBekenFake", "OpenBekenLAN",
        ]),
        // Fake OpenBeken/Tasmota devices and a releases server on loopback, for the LAN tests.
        .target(name: "OpenBekenFake", dependencies: ["OpenBekenLAN", "OpenBeken", "BekenChips"],
                path: "Tests/OpenBekenFake"),
        .testTarget(name: "OpenBekenLANTests", dependencies: [
            "BekenTestSupport", "OpenBekenFake", "OpenBekenLAN", "OpenBeken", "FirmwareReleases", "BekenImage", "BekenDemo",
        ]),
        .testTarget(name: "BekenWebUITests", dependencies: [
            "BekenWebUI", "BekenConversion", "SerialLink", "OpenBeken", "BekenDemo", "BekenEmulator", "OpenBekenFake",
        ]),
        .testTarget(name: "bktoolTests", dependencies: ["BekenTestSupport", "OpenBekenFake", "OpenBekenLAN",
            "bktool", "BekenEmulator", "SerialLink", "BekenDemo", "OpenBeken", "TuyaConfig", "BekenProtocol", "BekenMonitor",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
