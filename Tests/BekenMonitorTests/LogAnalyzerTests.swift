import BekenDemo
import BekenMonitor
import OpenBeken
import Testing

@Suite("LogAnalyzer: a UART log understood as it streams")
struct LogAnalyzerTests {
    /// Feeds `bytes` in pieces of `piece` bytes, `step` apart in device time; returns every event.
    func stream(_ bytes: [UInt8], into analyzer: inout LogAnalyzer, piece: Int = 97,
                step: Duration = .milliseconds(10), from start: Duration = .zero) -> [MonitorEvent] {
        var events: [MonitorEvent] = []
        var time = start
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + piece)
            events += analyzer.feed(Array(bytes[index..<end]), at: time)
            index = end
            time += step
        }
        events += analyzer.idle(at: time + .seconds(1))
        return events
    }

    @Test("seed 000's Tuya boot log, fed in pieces: the six pins of the forum's template")
    func seed000Pins() throws {
        let log = FieldReportLogs.seed000BootLog
        try #require(!log.isEmpty, "seed 000 fixture missing")
        var analyzer = LogAnalyzer()
        let events = stream(log, into: &analyzer)
        let templates = events.compactMap { event -> TuyaTemplateResult? in
            if case .tuyaTemplate(let result) = event { return result }
            return nil
        }
        let last = try #require(templates.last, "no template while streaming")
        let pins = last.template.pins.mapValues(\.description)
        #expect(pins == [6: "BL0937CF;0", 7: "BL0937CF1;0", 8: "Rel;1", 23: "WifiLED_n;0", 24: "Btn;1", 26: "BL0937SEL;0"])
        let verdict = analyzer.verdict(at: .seconds(5), rate: 115_200, unreadableRates: [])
        #expect(verdict.kind == .tuyaConfig)
        #expect(verdict.findings.map(\.code).contains(.tuyaConfigInLog))
        #expect(verdict.starts == 1, "one start: the bootloader banner and the SDK line belong together")
    }

    @Test("the virtual chip's OpenBeken boot with Wi-Fi set: version, chip, joined, IP, MQTT")
    func openBekenJoined() throws {
        var config = OBKConfig.firmwareDefaults(platform: .bk7231n, mac: [0x02, 0x42, 0x4B, 0x72, 0x31, 0x4E])
        config.wifiSSID = "HomeNet"
        config.mqttHost = "10.0.0.2"
        config.mqttPort = 1883
        var flash = [UInt8](repeating: 0xFF, count: 0x200000)
        flash.replaceSubrange(0x1D1000 ..< 0x1D2000, with: try config.encodedSector())
        let boot = SyntheticOpenBekenBoot(chip: .bk7231n, version: "1.2.3")
        let text = boot.lines(flash: flash, failedBootsInARow: 0).map { $0.text + "\r\n" }.joined()
        var analyzer = LogAnalyzer()
        _ = stream(Array(text.utf8), into: &analyzer, piece: 40, step: .milliseconds(300))
        let facts = analyzer.openBeken
        #expect(facts.version == "1.2.3" && facts.chip == "BK7231N")
        #expect(facts.wifi == .joined(ssid: "HomeNet"))
        #expect(facts.ipAddress?.hasPrefix("192.168.1.") == true)
        #expect(facts.mqtt == .connected(host: "10.0.0.2:1883"))
        #expect(facts.accessPoint == nil)
        #expect(analyzer.verdict(at: .seconds(10), rate: 115_200, unreadableRates: []).kind == .openBekenStarted)
    }

    @Test("no Wi-Fi in the config: the access point is named from the MAC")
    func openBekenAccessPoint() throws {
        let config = OBKConfig.firmwareDefaults(platform: .bk7231n, mac: [0x02, 0x42, 0x4B, 0x72, 0x31, 0x4E])
        var flash = [UInt8](repeating: 0xFF, count: 0x200000)
        flash.replaceSubrange(0x1D1000 ..< 0x1D2000, with: try config.encodedSector())
        let text = SyntheticOpenBekenBoot().lines(flash: flash, failedBootsInARow: 0).map { $0.text + "\n" }.joined()
        var analyzer = LogAnalyzer()
        _ = stream(Array(text.utf8), into: &analyzer)
        #expect(analyzer.openBeken.accessPoint == "OpenBK7231N_4B72314E")
        let verdict = analyzer.verdict(at: .seconds(10), rate: 115_200, unreadableRates: [])
        #expect(verdict.kind == .openBekenStarted)
        let finding = try #require(verdict.findings.first { $0.code == .openBekenAccessPoint })
        #expect(finding.next == .joinAccessPoint && finding.fact("address") == "192.168.4.1")
    }

    @Test("the same boot banner every 2 s: a boot loop with its period and the power advice")
    func bootLoop() throws {
        let boot = SyntheticOpenBekenBoot().lines(flash: [UInt8](repeating: 0xFF, count: 0x200000), failedBootsInARow: 0)
        let once = Array(boot.prefix(5).map { $0.text + "\n" }.joined().utf8)
        var analyzer = LogAnalyzer()
        for start in 0..<4 {
            _ = stream(once, into: &analyzer, from: .seconds(2 * start))
        }
        let verdict = analyzer.verdict(at: .seconds(7), rate: 115_200, unreadableRates: [])
        #expect(verdict.kind == .bootLoop)
        #expect(verdict.starts == 4)
        let period = try #require(verdict.restartPeriod)
        #expect(period >= .milliseconds(1900) && period <= .milliseconds(2100))
        let finding = try #require(verdict.findings.first { $0.code == .bootLoop })
        #expect(finding.next == .useStrongSupply && finding.fact("periodSeconds") == "2.0")
        #expect(analyzer.decisiveVerdict(at: .seconds(7), rate: 115_200)?.kind == .bootLoop)
    }

    @Test("five failed boots in a row: safe mode with its access point is firmware trouble, with the power advice")
    func safeMode() throws {
        let flash = [UInt8](repeating: 0xFF, count: 0x200000)
        let text = SyntheticOpenBekenBoot().lines(flash: flash, failedBootsInARow: 5).map { $0.text + "\n" }.joined()
        var analyzer = LogAnalyzer()
        _ = stream(Array(text.utf8), into: &analyzer)
        #expect(analyzer.openBeken.safeMode && analyzer.openBeken.bootCount == 6)
        let verdict = analyzer.verdict(at: .seconds(10), rate: 115_200, unreadableRates: [])
        #expect(verdict.kind == .firmwareTrouble)
        let finding = try #require(verdict.findings.first { $0.code == .safeMode })
        #expect(finding.next == .useStrongSupply && finding.fact("bootCount") == "6")
    }

    @Test("a failed Wi-Fi join and a refused MQTT connection are reported as such")
    func failures() {
        let text = """
            Info:MAIN:OpenBK7231T version 1.17.551, chip BK7231T
            Info:MAIN:Connecting to SSID [Upstairs]
            Info:MAIN:Main_OnWiFiStatusChange - WIFI_STA_AUTH_FAILED - 5
            Error:MQTT:mqtt connection refused

            """
        var analyzer = LogAnalyzer()
        _ = stream(Array(text.utf8), into: &analyzer)
        #expect(analyzer.openBeken.platform == "OpenBK7231T" && analyzer.openBeken.version == "1.17.551")
        #expect(analyzer.openBeken.wifi == .failed(ssid: "Upstairs", reason: "WIFI_STA_AUTH_FAILED"))
        let verdict = analyzer.verdict(at: .seconds(10), rate: 115_200, unreadableRates: [])
        #expect(verdict.kind == .firmwareTrouble)
        #expect(verdict.findings.map(\.code) == [.wifiJoinFailed, .mqttFailed])
    }

    @Test("nothing received: silence with the TX2 advice; garbage at every rate: the ground/rate advice")
    func silenceAndGarbage() {
        let analyzer = LogAnalyzer()
        let silent = analyzer.verdict(at: .seconds(5), rate: nil, unreadableRates: [])
        #expect(silent.kind == .silence)
        #expect(silent.findings.map(\.next) == [.checkWiringAndTX2])
        let garbled = analyzer.verdict(at: .seconds(5), rate: nil, unreadableRates: [115_200, 921_600])
        #expect(garbled.kind == .unreadable)
        #expect(garbled.findings.first?.fact("ratesTried") == "115200, 921600")
    }

    @Test("TextJudge: a log is text, bytes of a wrong rate are not")
    func textJudge() {
        #expect(TextJudge.isText(Array("Info:MAIN:Time 1, idle 0/s, free 81232\r\n".utf8)))
        #expect(!TextJudge.isText([0x00, 0xF8, 0x80, 0xE0, 0x00, 0xFC, 0x1C, 0x00, 0xF0, 0x80]))
    }
}
