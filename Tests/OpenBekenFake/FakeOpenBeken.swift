import BekenChips
import Foundation
import OpenBeken
import OpenBekenLAN

/// A fake OpenBeken (or Tasmota) device on a loopback address, reproducing the server's quirks (bare-LF status
/// line, code -1 for REST errors, no Content-Length, one request per connection, sequential, Basic auth) and
/// the endpoints bktool uses: `/api/info`, `/cm`, `/api/cmnd`, `/api/flash`, `/api/ota`, `/api/reboot`,
/// `/cfg_mqtt_set`. Console commands change the config in RAM; a reboot saves it to the config sector, takes
/// the uploaded OTA package's version as the new build (unchecked, like the firmware) and resets the uptime.
public final class FakeOpenBeken: @unchecked Sendable {
    public enum Personality: Sendable { case openBeken, tasmota }

    public struct Setup: Sendable {
        public var personality: Personality = .openBeken
        public var chipset = "BK7231N"
        public var version = "1.17.100"
        public var shortName = "obk_fake"
        public var mac = "c8:47:8c:00:00:01"
        public var password: String?
        /// Seconds of uptime reported at start.
        public var uptime = 1000
        /// From the reboot request to going down, and how long it stays down.
        public var rebootDelay: Duration = .milliseconds(150)
        public var downTime: Duration = .milliseconds(400)
        /// Seed of the flash contents (seeded bytes), unless `flash` gives the 2 MiB to start from.
        public var seed: UInt64 = 1
        public var flash: [UInt8]?
        /// Faults: accept an OTA upload but keep the old build; console commands (lower-case names) that are
        /// answered but change nothing.
        public var ignoresOTA = false
        public var ignoredCommands: Set<String> = []
        public init() {}
    }

    public let setup: Setup
    private let server: LoopbackServer
    private let lock = NSLock()
    private var flash: [UInt8]
    private var config: OBKConfig
    private var version: String
    private var bootedAt: Date
    private var uptimeBase: Int
    private var downUntil: Date?
    private var pendingOTA: [UInt8]?
    /// Every console command received, in order.
    private var commandLog: [String] = []

    public var address: DeviceAddress { DeviceAddress(host: server.host, port: server.port) }

    public init(host: String = "127.0.0.1", port: UInt16 = 0, setup: Setup = Setup()) throws {
        self.setup = setup
        version = setup.version
        bootedAt = Date()
        uptimeBase = setup.uptime
        config = OBKConfig.fakeDefaults(shortName: setup.shortName)
        flash = setup.flash.map { Array($0.prefix(0x200000)) + [UInt8](repeating: 0xFF, count: max(0, 0x200000 - $0.count)) }
            ?? Self.makeFlash(seed: setup.seed)
        let box = WeakBox()
        server = try LoopbackServer(host: host, port: port) { request, connection in
            box.device?.handle(request, connection)
        }
        box.device = self
        lock.withLock { saveConfigToFlash() }
    }

    public func stop() { server.stop() }

    /// The flash as it is now.
    public var flashBytes: [UInt8] { lock.withLock { flash } }
    public var commands: [String] { lock.withLock { commandLog } }
    public var currentVersion: String { lock.withLock { version } }
    public var configOffset: Int { OBKConfigLocation.sectorOffset(forChip: setup.chipset.lowercased()) ?? 0x1D1000 }

    // MARK: requests

    private final class WeakBox: @unchecked Sendable { weak var device: FakeOpenBeken? }

    private func handle(_ request: LoopbackServer.Request, _ connection: LoopbackServer.Connection) {
        if let until = lock.withLock({ downUntil }), Date() < until {
            return  // rebooting: the connection closes without a reply
        }
        if setup.personality == .tasmota {
            connection.write(tasmotaReply(request))
            return
        }
        if let password = setup.password {
            let expected = "Basic " + Data("admin:\(password)".utf8).base64EncodedString()
            guard request.headers["authorization"] == expected else {
                connection.write(OBKReplyFormat.unauthorized)
                return
            }
        }
        connection.write(openBekenReply(request))
    }

    private func openBekenReply(_ request: LoopbackServer.Request) -> [UInt8] {
        let path = request.path
        switch (request.method, path) {
        case ("GET", "/api/info"):
            return OBKReplyFormat.json(infoJSON())
        case ("GET", "/cm"):
            return OBKReplyFormat.json(run(request.query["cmnd"] ?? ""))
        case ("POST", "/cm"):
            let form = String(decoding: request.body, as: UTF8.self)
            let value = form.hasPrefix("cmnd=") ? String(form.dropFirst(5)).removingPercentEncoding ?? "" : ""
            return OBKReplyFormat.json(run(value))
        case ("POST", "/api/cmnd"):
            let reply = run(String(decoding: request.body, as: UTF8.self))
            return OBKReplyFormat.json("{\"success\":200, \"msg\":\"OK\", \"res\":\(reply)}")
        case ("POST", "/api/reboot"):
            scheduleReboot()
            return OBKReplyFormat.json("{\"reboot\":3}")
        case ("POST", "/api/ota"):
            guard request.headers["content-length"] != nil else {
                return OBKReplyFormat.json("{\"error\":-1, \"msg\":\"no content length\"}", code: -1)
            }
            lock.withLock { pendingOTA = request.body }
            return OBKReplyFormat.json("{\"size\":\(request.body.count)}")
        case ("GET", "/cfg_mqtt_set"):
            if let port = request.query["port"].flatMap(Int32.init) { lock.withLock { config.mqttPort = port } }
            if let host = request.query["host"] { lock.withLock { config.mqttHost = host } }
            return OBKReplyFormat.reply(code: 200, contentType: "text/html", body: Array("<html>MQTT saved</html>".utf8))
        case ("GET", _) where path.hasPrefix("/api/flash/"):
            return flashReply(String(path.dropFirst("/api/flash/".count)))
        default:
            // OBK's REST layer answers unknown API paths with code -1 (`rest_interface.c`).
            return OBKReplyFormat.json("{\"error\":-1, \"msg\":\"invalid url\"}", code: -1)
        }
    }

    private func flashReply(_ range: String) -> [UInt8] {
        let parts = range.split(separator: "-").map { Int($0, radix: 16) }
        guard parts.count == 2, let start = parts[0], let length = parts[1], start >= 0, length > 0,
              start + length <= 0x200000 else {
            return OBKReplyFormat.json("{\"error\":-1, \"msg\":\"invalid url\"}", code: -1)
        }
        let bytes = lock.withLock { Array(flash[start..<(start + length)]) }
        return OBKReplyFormat.reply(code: 200, contentType: "application/octet-stream", body: bytes)
    }

    private func infoJSON() -> String {
        lock.withLock {
            let uptime = uptimeBase + Int(Date().timeIntervalSince(bootedAt))
            return """
            {"uptime_s":\(uptime),"build":"Build on Dec  4 2026 10:00:00 version \(version)","ip":"\(server.host)",\
            "mac":"\(setup.mac)","flags":"\(config.flags.rawValue & 0xFFFF_FFFF)","mqtthost":"\(config.mqttHost):\(config.mqttPort)",\
            "mqtttopic":"\(config.mqttClientID)","chipset":"\(setup.chipset)","webapp":"https://openbekeniot.github.io/webapp/",\
            "shortName":"\(config.shortDeviceName)","startcmd":"","supportsSSDP":0,"supportsClientDeviceDB":true}
            """
        }
    }

    // MARK: console

    /// Runs a console line (with `backlog a; b`) and returns the reply JSON.
    private func run(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("backlog ") {
            for part in trimmed.dropFirst(8).split(separator: ";") { _ = run(String(part)) }
            return "{}"
        }
        let words = Self.tokens(trimmed)
        guard let name = words.first?.lowercased() else { return "{}" }
        lock.withLock { commandLog.append(trimmed) }
        if setup.ignoredCommands.contains(name) { return "{}" }
        let argument = words.count > 1 ? words[1] : ""
        switch name {
        case "status":
            return lock.withLock {
                """
                {"Status":{"Module":0,"DeviceName":"\(config.longDeviceName)","Topic":"\(config.mqttClientID)"},\
                "StatusFWR":{"Version":"\(version)","BuildDateTime":"Dec  4 2026","SDK":"obk","Hardware":"\(setup.chipset)"},\
                "StatusNET":{"Hostname":"\(config.shortDeviceName)","IPAddress":"\(server.host)","Mac":"\(setup.mac)"}}
                """
            }
        case "ssid1": lock.withLock { config.wifiSSID = argument }
        case "password1": lock.withLock { config.wifiPassword = argument }
        case "mqtthost": lock.withLock { config.mqttHost = argument }
        case "mqttuser": lock.withLock { config.mqttUserName = argument }
        case "mqttpassword": lock.withLock { config.mqttPassword = argument }
        case "mqttclient": lock.withLock { config.mqttClientID = argument }
        case "shortname": lock.withLock { config.shortDeviceName = argument }
        case "friendlyname": lock.withLock { config.longDeviceName = argument }
        case "startupcommand": lock.withLock { config.startupCommand = argument }
        case "setpinrole":
            guard words.count >= 3, let gpio = Int(words[1]), (0..<32).contains(gpio),
                  let role = PinRole(name: words[2]) else { return "{\"error\":\"bad pin\"}" }
            lock.withLock { config.pins[gpio].role = UInt8(role.index) }
        case "setpinchannel":
            guard words.count >= 3, let gpio = Int(words[1]), (0..<32).contains(gpio),
                  let channel = UInt8(words[2]) else { return "{\"error\":\"bad pin\"}" }
            lock.withLock { config.pins[gpio].channel = channel }
        case "reboot", "restart":
            scheduleReboot()
        case "power":
            return "{\"POWER\":\"OFF\"}"
        default:
            return "{}"
        }
        return "{}"
    }

    /// Splits a console line into words; double quotes group words (OBK `tokenizer.c`).
    static func tokens(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    // MARK: reboot

    private func scheduleReboot() {
        let delay = setup.rebootDelay, down = setup.downTime
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.seconds(delay)) { [weak self] in
            guard let self else { return }
            lock.withLock {
                saveConfigToFlash()
                if let package = pendingOTA, !setup.ignoresOTA {
                    let otaStart = setup.chipset.uppercased() == "BK7231T" ? 0x132000 : 0x12A000
                    let end = min(flash.count, otaStart + package.count)
                    flash.replaceSubrange(otaStart..<end, with: package.prefix(end - otaStart))
                    // Like the bootloader, take the RBL header's version; the fake checks nothing else.
                    if package.count >= 0x34, package.starts(with: Array("RBL".utf8)) {
                        version = String(decoding: package[0x1C..<0x34].prefix { $0 != 0 }, as: UTF8.self)
                    }
                }
                pendingOTA = nil
                downUntil = Date() + Self.seconds(down)
                bootedAt = downUntil!
                uptimeBase = 0
            }
        }
    }

    /// Called with the lock held.
    private func saveConfigToFlash() {
        config.changeCounter &+= 1
        guard let sector = try? config.encodedSector() else { return }
        flash.replaceSubrange(configOffset..<(configOffset + sector.count), with: sector)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// 2 MiB of seeded bytes (a SplitMix64 stream), so every backup byte can be compared.
    static func makeFlash(seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: 0x200000)
        var index = 0
        while index < bytes.count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for shift in stride(from: 0, to: 64, by: 8) where index < bytes.count {
                bytes[index] = UInt8(truncatingIfNeeded: z >> UInt64(shift))
                index += 1
            }
        }
        return bytes
    }

    // MARK: Tasmota

    private func tasmotaReply(_ request: LoopbackServer.Request) -> [UInt8] {
        guard request.path == "/cm", (request.query["cmnd"] ?? "").lowercased().hasPrefix("status") else {
            return OBKReplyFormat.standard(code: 404, reason: "Not Found", contentType: "text/plain", body: Array("Not found".utf8))
        }
        let body = """
        {"Status":{"Module":1,"DeviceName":"\(setup.shortName)","FriendlyName":["\(setup.shortName)"],"Topic":"tasmota_1"},\
        "StatusFWR":{"Version":"13.2.0(tasmota)","BuildDateTime":"2023-10-20T09:30:00","Boot":31,\
        "Core":"2_7_4_9","SDK":"2.2.2-dev(38a443e)","CpuFrequency":80,"Hardware":"ESP8266EX","CR":"378/699"},\
        "StatusNET":{"Hostname":"tasmota-1","IPAddress":"\(server.host)","Mac":"\(setup.mac.uppercased())"}}
        """
        return OBKReplyFormat.standard(code: 200, reason: "OK", contentType: "application/json", body: Array(body.utf8))
    }
}

extension OBKConfig {
    /// A plausible config of a converted plug: names, MQTT, a relay on P26 and a button on P10.
    static func fakeDefaults(shortName: String) -> OBKConfig {
        var config = OBKConfig()
        config.shortDeviceName = shortName
        config.longDeviceName = "Fake \(shortName)"
        config.wifiSSID = "lab-net"
        config.wifiPassword = "not-a-real-password"
        config.mqttHost = "192.168.1.2"
        config.mqttPort = 1883
        config.mqttClientID = shortName
        config.pins[26] = OBKPin(role: UInt8(PinRole.relay.index), channel: 1)
        config.pins[10] = OBKPin(role: UInt8(PinRole.button.index), channel: 1)
        return config
    }
}
