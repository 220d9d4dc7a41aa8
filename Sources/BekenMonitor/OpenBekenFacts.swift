/// What an OpenBeken log says about the device.
public struct OpenBekenFacts: Sendable, Equatable {
    public enum WiFi: Sendable, Equatable {
        case connecting(ssid: String)
        case joined(ssid: String?)
        case failed(ssid: String?, reason: String)
    }

    public enum MQTT: Sendable, Equatable {
        case connected(host: String?)
        case failed(reason: String)
        case notConfigured
    }

    /// "OpenBK7231N".
    public var platform: String?
    public var version: String?
    public var chip: String?
    public var bootCount: Int?
    public var safeMode = false
    /// The access point it opened (no Wi-Fi configured, or safe mode).
    public var accessPoint: String?
    public var wifi: WiFi?
    public var ipAddress: String?
    public var mqtt: MQTT?

    public init() {}

    /// Whether anything marks the log as OpenBeken's.
    public var isEmpty: Bool { self == OpenBekenFacts() }

    /// True once it is known how the device can be reached: an access point, a joined network, or a failure.
    public var hasOutcome: Bool {
        if accessPoint != nil { return true }
        switch wifi {
        case .joined: return ipAddress != nil
        case .failed: return true
        default: return false
        }
    }
}

/// Reads OpenBeken's `Level:MODULE:text` lines (OBK `src/logging/logging.c`) one at a time.
enum OpenBekenLogReader {
    /// Applies one line; true when it was OpenBeken's.
    @discardableResult
    static func read(_ line: String, into facts: inout OpenBekenFacts) -> Bool {
        guard let match = line.firstMatch(of: /(Info|Warn|Error|Debug|ExtraDebug):([A-Z_0-9]+):(.*)/) else {
            return false
        }
        let module = String(match.2)
        let text = String(match.3)
        let lower = text.lowercased()
        // "OpenBK7231N version 1.17.2" or a build name "OpenBK7231N_1.17.2" (a version has a dot; the access point
        // name "OpenBK7231N_4B72314E" has none).
        if let found = text.firstMatch(of: /(OpenBK[0-9A-Z]+)(?: version |_)v?([0-9]+\.[0-9][0-9A-Za-z.\-]*)/) {
            facts.platform = String(found.1)
            facts.version = String(found.2)
            facts.chip = facts.chip ?? String(found.1.dropFirst(4))
        }
        if let chip = text.firstMatch(of: /chip (BK[0-9A-Z]+)/) { facts.chip = String(chip.1) }
        if let count = text.firstMatch(of: /[Bb]oot ?[Cc]ount:? ?([0-9]+)/) { facts.bootCount = Int(count.1) }
        if lower.contains("safe mode") { facts.safeMode = true }
        if let ap = text.firstMatch(of: /access point ([A-Za-z0-9_\-]+)/), ap.1 != "only", ap.1 != "IP" {
            facts.accessPoint = String(ap.1)
        }
        if let ssid = text.firstMatch(of: /Connecting to SSID \[([^\]]*)\]/) {
            facts.wifi = .connecting(ssid: String(ssid.1))
        }
        if lower.contains("wifi_sta_connected") || text.firstMatch(of: /Connected to [^,]+, IP/) != nil {
            let ssid = text.firstMatch(of: /Connected to ([^,]+), IP/).map { String($0.1) } ?? currentSSID(facts)
            facts.wifi = .joined(ssid: ssid)
        }
        for failure in ["WIFI_STA_AUTH_FAILED", "WIFI_STA_NO_AP_FOUND", "WIFI_STA_CONNECT_FAILED", "WIFI_STA_DISCONNECTED"]
        where text.contains(failure) {
            facts.wifi = .failed(ssid: currentSSID(facts), reason: failure)
        }
        if let ip = text.firstMatch(of: /IP:? ([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})/),
           !lower.contains("access point") {
            facts.ipAddress = String(ip.1)
        }
        if module == "MQTT" {
            if lower.contains("empty") || lower.contains("not starting") {
                facts.mqtt = .notConfigured
            } else if lower.contains("fail") || lower.contains("error") || lower.contains("refused")
                        || lower.contains("disconnected") {
                facts.mqtt = .failed(reason: text)
            } else if lower.contains("connected") {
                let host = text.firstMatch(of: /connected to ([A-Za-z0-9.\-:]+)/).map { String($0.1) }
                facts.mqtt = .connected(host: host)
            }
        }
        return true
    }

    private static func currentSSID(_ facts: OpenBekenFacts) -> String? {
        switch facts.wifi {
        case .connecting(let ssid): return ssid
        case .joined(let ssid): return ssid
        case .failed(let ssid, _): return ssid
        case nil: return nil
        }
    }
}
