/// One thing the diagnosis found: a stable code, the facts behind it, and the next step. Front ends word them.
public struct Finding: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case bootLoop = "boot-loop"
        case noLog = "no-log"
        case unreadableLog = "unreadable-log"
        case logAtOtherRate = "log-at-other-rate"
        case openBekenAccessPoint = "openbeken-access-point"
        case openBekenOnline = "openbeken-online"
        case safeMode = "safe-mode"
        case wifiJoinFailed = "wifi-join-failed"
        case mqttFailed = "mqtt-failed"
        case tuyaConfigInLog = "tuya-config-in-log"
        case efuseFileAsFirmware = "efuse-file-as-firmware"
        case writtenAtAppOffset = "written-at-app-offset"
        case bootloaderDamaged = "bootloader-damaged"
        case appDamaged = "app-damaged"
        case verifiedButNoStart = "verified-but-no-start"
    }

    /// What to do next.
    public enum NextStep: String, Sendable, CaseIterable {
        /// Power the module from a regulated 3.3 V supply that can give ≥ 300 mA, not the adapter's 3.3 V pin.
        case useStrongSupply = "use-strong-3v3-supply"
        /// Check GND, adapter RX to the module's TX (try TX2 = P0), CEN not held low.
        case checkWiringAndTX2 = "check-wiring-and-tx2"
        /// Common ground, then the rate list; a garbled log is wiring or rate.
        case checkGroundAndRate = "check-ground-and-rate"
        /// Set the terminal to the rate found.
        case useFoundRate = "use-found-rate"
        case joinAccessPoint = "join-access-point"
        case openDeviceAddress = "open-device-address"
        case checkWiFiCredentials = "check-wifi-credentials"
        case checkMQTTBroker = "check-mqtt-broker"
        /// Flash OpenBeken with the pins found.
        case flashWithTemplate = "flash-with-template"
        /// Write a whole known-good firmware from 0x0 (bootloader included), then flash OpenBeken.
        case restoreFullFirmwareFromZero = "restore-full-firmware-from-0x0"
        /// Write OpenBeken's app (UA) image at 0x11000 or its QIO image.
        case flashOpenBeken = "flash-openbeken"
        case none
    }

    public struct Fact: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var code: Code
    public var facts: [Fact]
    public var next: NextStep
    /// The rule's source (a field report or a public document).
    public var source: String

    public init(code: Code, facts: [Fact] = [], next: NextStep, source: String) {
        self.code = code
        self.facts = facts
        self.next = next
        self.source = source
    }

    public func fact(_ name: String) -> String? { facts.first { $0.name == name }?.value }
}
