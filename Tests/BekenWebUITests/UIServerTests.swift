import BekenConversion
import BekenWebUI
import Foundation
import SerialLink
import Testing

/// The UI server on loopback, against virtual chips on ptys: who is refused, one job per port, replay.
@Suite(.serialized) struct UIServerTests {
    static func makeServer() throws -> (UIServer, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ui-test-\(UUID().uuidString.prefix(8))")
        var configuration = UIServer.Configuration(backupDirectory: directory, tool: ToolInfo(name: "test", version: "0"))
        configuration.pacedVirtualChips = false
        let server = try UIServer(port: 0, configuration: configuration)
        server.start()
        return (server, directory)
    }

    static func flashBody(port: String) throws -> [UInt8] {
        let firmware = try #require(VirtualChipRig.firmware)
        var request = FlashRequest(port: port, firmwareName: firmware.name, firmware: firmware.bytes)
        request.wifiSSID = "TestNet"
        request.name = "ui-test"
        return Array(try JSONEncoder().encode(request))
    }

    @Test("requests without the token, with a wrong one or a foreign Host are refused; no CORS headers")
    func gate() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        #expect(try LoopbackClient.send(port: server.port, target: "/").status == 403)
        #expect(try LoopbackClient.send(port: server.port, target: "/api/ports?token=0000").status == 403)
        let foreign = try LoopbackClient.send(port: server.port, target: "/?token=\(token)", host: "evil.example:\(server.port)")
        #expect(foreign.status == 421)
        let otherPort = try LoopbackClient.send(port: server.port, target: "/?token=\(token)", host: "localhost:1")
        #expect(otherPort.status == 421)
        let page = try LoopbackClient.send(port: server.port, target: "/?token=\(token)")
        #expect(page.status == 200)
        #expect(page.body.contains("Back up and flash"))
        #expect(!page.head.lowercased().contains("access-control"))
        let byLocalhost = try LoopbackClient.send(port: server.port, target: "/api/ports?token=\(token)", host: "localhost:\(server.port)")
        #expect(byLocalhost.status == 200)
    }

    @Test("the server cannot be reached on a non-loopback address of this machine")
    func loopbackOnly() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let addresses = Self.nonLoopbackIPv4()
        #expect(!addresses.isEmpty, "this machine has no non-loopback IPv4 address to try")
        for address in addresses {
            #expect(throws: (any Error).self) { _ = try TCPLink(url: "socket://\(address):\(server.port)", baudRate: 115_200) }
        }
    }

    @Test("a second conversion on the same port is refused as busy while the first runs; cancel ends it")
    func busy() throws {
        let (server, _) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        let chip = try server.rig.start(.silent)  // never answers: the first job keeps trying
        let body = try Self.flashBody(port: chip)
        let first = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/flash?token=\(token)", body: body)
        #expect(first.status == 202)
        let second = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/flash?token=\(token)", body: body)
        #expect(second.status == 409)
        #expect(second.body.contains("busy"))
        _ = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/cancel?token=\(token)&port=\(chip)")
        let events = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(chip)",
                                             readFor: .seconds(60), until: "event: end")
        #expect(events.body.contains("\"kind\":\"failed\""))
        #expect(events.body.contains("event: end"))
    }

    @Test("a reattaching page replays every event of the port's job, then the end")
    func replay() throws {
        let (server, directory) = try Self.makeServer()
        defer { server.stop() }
        let token = server.gate.token
        let chip = try server.rig.start(.resets)
        let started = try LoopbackClient.send(port: server.port, method: "POST", target: "/api/flash?token=\(token)",
                                              body: try Self.flashBody(port: chip))
        #expect(started.status == 202)
        let first = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(chip)",
                                            readFor: .seconds(120), until: "event: end")
        #expect(first.body.contains("\"kind\":\"done\""), "\(first.body.suffix(400))")
        let again = try LoopbackClient.send(port: server.port, target: "/api/events?token=\(token)&port=\(chip)",
                                            readFor: .seconds(30), until: "event: end")
        let lines = { (text: String) in text.components(separatedBy: "\n").filter { $0.hasPrefix("data: {\"") } }
        #expect(lines(again.body) == lines(first.body))
        let stamps = lines(again.body).compactMap { line in
            (try? JSONDecoder().decode(EventWire.self, from: Data(line.dropFirst(6).utf8)))?.ms
        }
        #expect(stamps.count == lines(again.body).count)
        #expect(stamps == stamps.sorted())
        #expect((stamps.last ?? 0) > 0)
        #expect(lines(again.body).first?.contains("\"stepStarted\"") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let backup = try #require(files.first { $0.hasSuffix("-backup.bin") })
        let download = try LoopbackClient.send(port: server.port, target: "/api/file?token=\(token)&name=\(backup)")
        #expect(download.status == 200)
        #expect(try LoopbackClient.send(port: server.port, target: "/api/file?token=\(token)&name=..%2Fetc").status == 404)
    }

    static func nonLoopbackIPv4() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var found: [String] = []
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: 64)
            _ = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet4 in
                var raw = inet4.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &host, socklen_t(host.count))
            }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.hasPrefix("127.") { found.append(text) }
        }
        return found
    }
}
