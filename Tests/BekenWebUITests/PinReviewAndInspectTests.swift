import BekenConversion
import BekenDemo
import BekenWebUI
import Foundation
import OpenBeken
import OpenBekenFake
import Testing

/// The page's pin correction (the job waits, the corrected role is what the chip's config sector holds) and the
/// second tab's inspect endpoint (library facts, secrets redacted unless asked). Part of the serialized
/// `UIServerTests` suite: these tests block on loopback reads, and in parallel they starve the job's event task.
extension UIServerTests {
    @Test("a reviewed conversion waits for the pins; the corrected role is written to the chip's OpenBeken config")
    func correctedRoleIsWritten() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        let port = try server.rig.start(.resets)
        var request = try JSONDecoder().decode(FlashRequest.self, from: Data(try Self.flashBody(port: port)))
        request.reviewPins = true
        let started = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/flash?token=\(token)",
                                              body: Array(try JSONEncoder().encode(request)))
        #expect(started.status == 202)
        // Each events request replays the job from its start: ask again until the job waits for the pins.
        var waiting = LoopbackReply(status: 0, head: "", body: "")
        let deadline = ContinuousClock.now + .seconds(120)
        while !waiting.body.contains("\"kind\":\"reviewPins\""), ContinuousClock.now < deadline {
            waiting = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(port)",
                                              readFor: .seconds(5), until: "\"kind\":\"reviewPins\"")
        }
        #expect(waiting.body.contains("\"kind\":\"pinsFound\""))
        #expect(waiting.body.contains("\"module\":\"CB2S\""))
        #expect(!waiting.body.contains("\"kind\":\"written\""), "nothing is written while the pins wait")
        // The synthetic plug's relay is on P8 (Rel;1): make it inverted, and drop the button.
        let pins = #"{"pins":{"6":"BL0937CF;0","7":"BL0937CF1;0","8":"Rel_n;1","23":"WifiLED_n;0","24":"None;0","26":"BL0937SEL;0"}}"#
        let answer = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/pins?token=\(token)&port=\(port)",
                                             body: Array(pins.utf8))
        #expect(answer.status == 200, "\(answer.body)")
        let bad = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/pins?token=\(token)&port=\(port)",
                                          body: Array(#"{"pins":{"8":"NoSuchRole;1"}}"#.utf8))
        #expect(bad.status == 400)
        let end = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(port)",
                                          readFor: .seconds(120), until: "event: end")
        #expect(end.body.contains("\"kind\":\"done\""), "\(end.body.suffix(400))")
        let flash = try #require(server.rig.chip(at: port)).flash
        let written = try OBKConfigLocation.find(in: flash).config.templatePins
        #expect(written[8]?.role == .relayInverted)
        #expect(written[24] == nil)
        #expect(written[23]?.role == .wifiLEDInverted)
    }

    @Test("a dropped dump is inspected: kind, chip, write offset, module and pins; secrets only on request")
    func inspectEndpoint() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        let dump = SyntheticTuyaPlug.flashImage()
        let reply = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/inspect?token=\(token)&name=plug.bin",
                                            body: dump, readFor: .seconds(60))
        #expect(reply.status == 200)
        #expect(reply.body.contains("\"kind\":\"full-dump\""))
        #expect(reply.body.contains("\"module\":\"CB2S\""))
        #expect(reply.body.contains("\"writePlanOffset\":69632"))
        #expect(reply.body.contains("redacted"))
        let empty = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/inspect?token=\(token)")
        #expect(empty.status == 400)
        let log = Array("V:BK7231N_1.0.1\r\nkv oem cfg {module:CB2S,rl1_pin:8,bt1_pin:24,}\r\n".utf8)
        let logReply = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/inspect?token=\(token)&name=boot.log",
                                               body: log)
        #expect(logReply.status == 200)
        #expect(logReply.body.contains("\"logVerdict\""))
    }
}

extension UIServerTests {
    @Test("a refused firmware arrives as the shared sentence and next step, in the page's words (no CLI flags)")
    func refusalInWords() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        let port = try server.rig.start(.resets)
        let junk = (0..<64).flatMap { _ in (0..<256).map { UInt8($0) } }
        let body = Array(try JSONEncoder().encode(FlashRequest(port: port, firmwareName: "junk.bin", firmware: junk)))
        #expect(try LoopbackClient.send(port: server.port, method: "POST", target: "/api/flash?token=\(token)", body: body).status == 202)
        let events = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(port)",
                                             readFor: .seconds(120), until: "event: end")
        let failed = try #require(events.body.components(separatedBy: "\n").first { $0.contains("\"kind\":\"failed\"") })
        let wire = try JSONDecoder().decode(EventWire.self, from: Data(failed.dropFirst(6).utf8))
        let message = try #require(wire.message)
        #expect(message.hasPrefix("refusing to flash this file on the BK7231N"), "\(message)")
        let next = try #require(wire.next?.first)
        #expect(!next.isEmpty)
        #expect(!(message + next).contains("--"), "\(message) / \(next)")
    }
}

extension UIServerTests {
    @Test("\"fetch the latest\" hands the page the release's UA image for the chip, through FirmwareReleases")
    func latestFirmware() throws {
        let releases = try FakeReleaseServer(tag: "1.18.292")
        defer { releases.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ui-latest-\(UUID().uuidString.prefix(8))")
        var configuration = UIServer.Configuration(backupDirectory: directory, tool: ToolInfo(name: "test", version: "0"))
        configuration.releasesBaseURL = releases.baseURL
        let server = try UIServer(port: 0, configuration: configuration)
        server.start()
        defer { server.stop() }
        let token = server.gate.token
        let reply = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/latest?token=\(token)&chip=bk7231n",
                                            readFor: .seconds(60))
        #expect(reply.status == 200)
        #expect(reply.head.contains("X-Firmware-Name: OpenBK7231N_UA_1.18.292.bin"))
        let expected = try #require(releases.files["OpenBK7231N_UA_1.18.292.bin"])
        #expect(reply.body == String(decoding: expected, as: UTF8.self))
        let unknown = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/latest?token=\(token)&chip=bk9999",
                                              readFor: .seconds(60))
        #expect(unknown.status == 502)
        #expect(unknown.body.contains("asset-not-found"))
    }
}
