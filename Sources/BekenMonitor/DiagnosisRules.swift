import BekenChips
import BekenImage

/// One diagnosis rule: the field report or document it comes from, and what it finds in the evidence.
public struct DiagnosisRule: Sendable {
    public var code: Finding.Code
    public var source: String
    public var evaluate: @Sendable (Evidence, _ source: String) -> [Finding]
}

/// The rules, as data: each row says where its knowledge comes from. `monitor`, `flash` and `diagnose` share them.
public enum DiagnosisRules {
    public static let all: [DiagnosisRule] = [
        DiagnosisRule(
            code: .bootLoop,
            source: "seed 004 #18 (\"power from the USB programmer is often not enough, especially when the WiFi "
                + "initialises; it may be browning out and boot looping; this would be seen in the TX2 boot log\"), "
                + "#22 (\"a decent external 3.3v PSU\")"
        ) { evidence, source in
            guard let log = evidence.log, log.kind == .bootLoop else { return [] }
            var facts = [Finding.Fact("starts", String(log.starts))]
            if let period = log.restartPeriod { facts.append(.init("periodSeconds", seconds(period))) }
            if !log.resetReasons.isEmpty { facts.append(.init("resetReasons", log.resetReasons.joined(separator: ", "))) }
            return [Finding(code: .bootLoop, facts: facts, next: .useStrongSupply, source: source)]
        },
        DiagnosisRule(
            code: .noLog,
            source: "seed 000 (\"on some devices UART1 is used for programming the MCU and debugging messages are "
                + "spat out on UART2\"), seed 002 #2 (\"Confirm CEN pin is not shorted to ground\"), #7 (\"Log on TX2 "
                + "should be @ 115200\")"
        ) { evidence, source in
            guard let log = evidence.log, log.kind == .silence else { return [] }
            var facts: [Finding.Fact] = []
            if let chip = evidence.chip { facts.append(.init("chipAnswered", chip.chip)) }
            return [Finding(code: .noLog, facts: facts, next: .checkWiringAndTX2, source: source)]
        },
        DiagnosisRule(
            code: .unreadableLog,
            source: "seed 000 (\"if, instead of legible text you get random characters, you may need to set a "
                + "different speed\"), seed 002 #6 (\"I only get garbage, I tried at 115200 baud\")"
        ) { evidence, source in
            guard let log = evidence.log, log.kind == .unreadable else { return [] }
            let rates = log.unreadableRates.map(String.init).joined(separator: ", ")
            return [Finding(code: .unreadableLog, facts: [.init("ratesTried", rates)], next: .checkGroundAndRate,
                            source: source)]
        },
        DiagnosisRule(
            code: .logAtOtherRate,
            source: "seed 000 (\"115200 baud 8N1 – but this might be different for some other devices\")"
        ) { evidence, source in
            guard let log = evidence.log, let rate = log.rate, rate != 115_200, log.bytesReceived > 0 else { return [] }
            return [Finding(code: .logAtOtherRate, facts: [.init("rate", String(rate))], next: .useFoundRate, source: source)]
        },
        DiagnosisRule(
            code: .safeMode,
            source: "seed 004 #14 (\"it also goes into safe mode and broadcasts an AP\"), #16 (\"power-cycle 5 times, "
                + "any OpenBeken access point broadcast?\")"
        ) { evidence, source in
            guard let log = evidence.log, log.openBeken.safeMode else { return [] }
            var facts: [Finding.Fact] = []
            if let count = log.openBeken.bootCount { facts.append(.init("bootCount", String(count))) }
            if let ap = log.openBeken.accessPoint { facts.append(.init("accessPoint", ap)) }
            return [Finding(code: .safeMode, facts: facts, next: .useStrongSupply, source: source)]
        },
        DiagnosisRule(
            code: .openBekenAccessPoint,
            source: "seed 000 (\"creates an open, unsecure access point with a name like OpenBK7231N_********… "
                + "http://192.168.4.1\")"
        ) { evidence, source in
            guard let log = evidence.log, log.kind != .bootLoop, let ap = log.openBeken.accessPoint else { return [] }
            return [Finding(code: .openBekenAccessPoint, facts: openBekenFacts(log) + [.init("accessPoint", ap),
                            .init("address", "192.168.4.1")], next: .joinAccessPoint, source: source)]
        },
        DiagnosisRule(
            code: .openBekenOnline,
            source: "seed 000 (\"after reboot, the device connected to my home WiFi network\")"
        ) { evidence, source in
            guard let log = evidence.log, log.kind != .bootLoop, case .joined(let ssid) = log.openBeken.wifi,
                  let ip = log.openBeken.ipAddress else { return [] }
            var facts = openBekenFacts(log) + [.init("ssid", ssid ?? ""), .init("ip", ip)]
            if case .connected(let host) = log.openBeken.mqtt { facts.append(.init("mqtt", host ?? "connected")) }
            if log.openBeken.mqtt == .notConfigured { facts.append(.init("mqtt", "not configured")) }
            return [Finding(code: .openBekenOnline, facts: facts, next: .openDeviceAddress, source: source)]
        },
        DiagnosisRule(code: .wifiJoinFailed, source: "OpenBeken's Wi-Fi status lines (OBK src/user_main.c)") { evidence, source in
            guard let log = evidence.log, case .failed(let ssid, let reason) = log.openBeken.wifi else { return [] }
            return [Finding(code: .wifiJoinFailed, facts: [.init("ssid", ssid ?? ""), .init("reason", reason)],
                            next: .checkWiFiCredentials, source: source)]
        },
        DiagnosisRule(code: .mqttFailed, source: "OpenBeken's MQTT lines (OBK src/mqtt/new_mqtt.c)") { evidence, source in
            guard let log = evidence.log, case .failed(let reason) = log.openBeken.mqtt else { return [] }
            return [Finding(code: .mqttFailed, facts: [.init("reason", reason)], next: .checkMQTTBroker, source: source)]
        },
        DiagnosisRule(
            code: .tuyaConfigInLog,
            source: "seed 000 (\"from the original bootlog … it is possible to figure out what GPIOs are used for what\")"
        ) { evidence, source in
            guard let log = evidence.log, let tuya = log.tuya else { return [] }
            let pins = tuya.template.pins.keys.sorted().map { "\($0) \(tuya.template.pins[$0]!.role.rawValue)" }
            return [Finding(code: .tuyaConfigInLog, facts: [.init("pins", pins.joined(separator: ", "))],
                            next: .flashWithTemplate, source: source)]
        },
        DiagnosisRule(
            code: .efuseFileAsFirmware,
            source: "seed 004 #2 (\"ltchiptool_bk72xx_…_efuse.bin: this is a backup of the efuse not the main firmware\")"
        ) { evidence, source in
            evidence.files.filter { $0.classification.kind == .efuseDump || $0.name.lowercased().contains("efuse") }
                .map { file in
                    var facts = [Finding.Fact("file", file.name), .init("kind", file.classification.kind.rawValue)]
                    if let start = evidence.flasherLogs.first(where: { !$0.writeStarts.isEmpty })?.writeStarts.first {
                        facts.append(.init("writtenAt", hexAddress(start)))
                    }
                    return Finding(code: .efuseFileAsFirmware, facts: facts, next: .flashOpenBeken, source: source)
                }
        },
        DiagnosisRule(
            code: .writtenAtAppOffset,
            source: "seed 004 #6 (\"your logs show you flashed from 0x11000 so your bootloader is hopefully ok\")"
        ) { evidence, source in
            evidence.flasherLogs.compactMap { log in
                guard let start = log.writeStarts.first, start == FileClassifier.appOffset else { return nil }
                return Finding(code: .writtenAtAppOffset, facts: [.init("start", hexAddress(start)),
                               .init("bootloaderTouched", "no")], next: .none, source: source)
            }
        },
        DiagnosisRule(
            code: .bootloaderDamaged,
            source: "seed 004 #12 (\"that backup doesn't even boot so I guess the bootloader was overwritten\"), "
                + "#22/#24 (\"write a full known-working BK7231N Tuya factory firmware from 0x0\")"
        ) { evidence, source in
            evidence.files.compactMap { file in
                guard let report = file.report, [.fullDump, .qioImage, .rotatedDump].contains(report.kind),
                      let bootloader = report.bootloader,
                      [.corrupt, .erased, .zeroed, .missing].contains(bootloader.state) else { return nil }
                return Finding(code: .bootloaderDamaged, facts: [.init("file", file.name),
                               .init("bootloader", bootloader.state.rawValue)],
                               next: .restoreFullFirmwareFromZero, source: source)
            }
        },
        DiagnosisRule(code: .appDamaged, source: "BekenImage's boot verdict (DumpAnalyzer: CRC16 blocks and key of the app partition)") { evidence, source in
            evidence.files.compactMap { file in
                guard let report = file.report, report.verdict.boots == .no,
                      let reason = report.verdict.reasons.first(where: {
                          [.appMissing, .appCorrupt, .appCRCErrors, .appTruncated].contains($0.code) }),
                      report.bootloader.map({ ![.corrupt, .erased, .zeroed, .missing].contains($0.state) }) ?? true
                else { return nil }
                return Finding(code: .appDamaged, facts: [.init("file", file.name), .init("reason", reason.code.rawValue)],
                               next: .flashOpenBeken, source: source)
            }
        },
        DiagnosisRule(
            code: .verifiedButNoStart,
            source: "seed 002 #1 (\"the flasher reports success at every step; now the unit powers up, the led glows "
                + "blue, but quite dim, no AP\"), #4 (\"CRC matches\"), #5 (\"are you able to get a log from Tx2 pin?\")"
        ) { evidence, source in
            guard let flashed = evidence.flasherLogs.first(where: { $0.claimsSuccess }),
                  let log = evidence.log, [.bootLoop, .silence, .unreadable].contains(log.kind) else { return [] }
            let next: Finding.NextStep = log.kind == .bootLoop ? .useStrongSupply : .checkWiringAndTX2
            return [Finding(code: .verifiedButNoStart, facts: [
                .init("verifiedByCRC", flashed.verified ? "yes" : "no"), .init("log", log.kind.rawValue),
            ], next: next, source: source)]
        },
    ]

    /// Every rule's findings, in table order.
    public static func findings(for evidence: Evidence) -> [Finding] {
        all.flatMap { $0.evaluate(evidence, $0.source) }
    }

    static func openBekenFacts(_ log: MonitorVerdict) -> [Finding.Fact] {
        var facts: [Finding.Fact] = []
        if let version = log.openBeken.version { facts.append(.init("version", version)) }
        if let chip = log.openBeken.chip { facts.append(.init("chip", chip)) }
        return facts
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String((value * 10).rounded() / 10)
    }
}
