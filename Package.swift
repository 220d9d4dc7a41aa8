// swift-tools-version: 6.1
import PackageDescription

// Targets and their boundaries: see ../shared/docs/DESIGN.md ("Targets").
let package = Package(
    name: "bktool",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bktool", targets: ["bktool"]),
        .library(name: "BekenKit", targets: [
            "BekenProtocol", "BekenChips", "SerialLink", "BekenFlasher",
            "BekenImage", "TuyaConfig", "OpenBeken", "BekenEmulator", "BekenDemo", "BekenMonitor",
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
        .target(name: "BekenFlasher", dependencies: ["BekenProtocol", "BekenChips", "SerialLink"]),
        .target(name: "BekenImage", dependencies: ["BekenChips"]),
        .target(name: "TuyaConfig", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "OpenBeken", dependencies: ["TuyaConfig", "BekenChips"]),
        .target(name: "BekenEmulator", dependencies: ["BekenProtocol", "BekenChips", "SerialLink"]),
        // Reads a device's UART log as it streams (Tuya config, OpenBeken facts, boot loops, rates) and the
        // diagnosis rules shared by `monitor`, `flash` and `diagnose`.
        .target(name: "BekenMonitor", dependencies: ["TuyaConfig", "OpenBeken", "BekenImage", "BekenChips", "SerialLink"]),
        // Synthetic device and firmware images for `bktool demo` and tests (our own bytes, no real dumps).
        .target(name: "BekenDemo", dependencies: ["BekenImage", "TuyaConfig", "BekenChips", "OpenBeken"]),
        .executableTarget(name: "bktool", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "BekenProtocol", "BekenChips", "SerialLink", "BekenFlasher",
            "BekenImage", "TuyaConfig", "OpenBeken", "BekenEmulator", "BekenDemo", "BekenMonitor",
        ]),

        // bench/faults: the fault matrix (in-process paced virtual chip against the flasher).
        .executableTarget(name: "FaultBench", dependencies: ["BekenFlasher", "BekenEmulator", "SerialLink"],
                          path: "bench/FaultBench"),

        // Shared by the test targets: the ../shared/dumps locator and a seeded generator.
        .target(name: "BekenTestSupport", path: "Tests/BekenTestSupport"),
        .testTarget(name: "BekenProtocolTests", dependencies: ["BekenProtocol"]),
        .testTarget(name: "BekenChipsTests", dependencies: ["BekenTestSupport", "BekenChips"]),
        .testTarget(name: "SerialLinkTests", dependencies: ["SerialLink"]),
        .testTarget(name: "BekenFlasherTests", dependencies: ["BekenTestSupport", "BekenFlasher", "BekenEmulator"]),
        .testTarget(name: "BekenImageTests", dependencies: ["BekenTestSupport", "BekenImage"]),
        .testTarget(name: "TuyaConfigTests", dependencies: ["BekenTestSupport", "TuyaConfig"], exclude: ["Fixtures"]),
        .testTarget(name: "OpenBekenTests", dependencies: ["BekenTestSupport", "OpenBeken", "TuyaConfig"]),
        .testTarget(name: "BekenEmulatorTests", dependencies: ["BekenTestSupport", "BekenEmulator", "BekenProtocol", "SerialLink"]),
        .testTarget(name: "BekenMonitorTests", dependencies: ["BekenMonitor", "BekenImage", "BekenDemo", "OpenBeken"]),
        .testTarget(name: "BekenDemoTests", dependencies: ["BekenTestSupport", "BekenDemo", "BekenImage", "TuyaConfig", "OpenBeken"]),
        .testTarget(name: "bktoolTests", dependencies: ["BekenTestSupport",
            "bktool", "BekenEmulator", "SerialLink", "BekenDemo", "OpenBeken", "TuyaConfig", "BekenProtocol", "BekenMonitor",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
