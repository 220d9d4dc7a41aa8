import BekenConversion
import BekenDemo
import BekenFlasher
import BekenText
import FirmwareReleases
import Foundation
import OpenBeken
import SerialLink

/// The local web UI's server: HTTP/1.1 on 127.0.0.1 (SerialLink's `TCPListener`), one thread per connection,
/// every request through the `RequestGate`, conversions in the `JobRegistry`, their events as Server-Sent Events.
public final class UIServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Where backups, sidecars and progress records go (the same files `flash --backup-dir` uses).
        public var backupDirectory: URL
        public var tool: ToolInfo
        /// Pace the virtual chips like a real UART (else memory speed, for tests).
        public var pacedVirtualChips = true
        public var flasherOptions = Flasher.Options()
        /// How long a conversion waits for the page to review the pins before it writes the plan as it is.
        public var pinReviewLimit: TimeInterval = 600
        /// Where "fetch the latest OpenBeken" asks (GitHub's releases API, or a local stand-in) and caches.
        public var releasesBaseURL = ReleaseFinder.defaultBaseURL
        public var firmwareCache: URL

        public init(backupDirectory: URL, tool: ToolInfo) {
            self.backupDirectory = backupDirectory
            self.tool = tool
            firmwareCache = backupDirectory.appendingPathComponent("firmware-cache")
        }
    }

    public let port: Int
    public let gate: RequestGate
    public let jobs = JobRegistry()
    public let rig: VirtualChipRig
    private let listener: TCPListener
    private let configuration: Configuration
    private let stopped = NSLock()
    private var isStopped = false

    /// Listens on 127.0.0.1:`port` (0: a free one) with a fresh random token.
    public init(port: Int, configuration: Configuration, token: String = RequestGate.randomToken()) throws {
        listener = try TCPListener(port: port)
        self.port = listener.port
        gate = RequestGate(token: token, port: listener.port)
        self.configuration = configuration
        rig = VirtualChipRig(paced: configuration.pacedVirtualChips)
    }

    /// The address to open, token included.
    public var url: String { "http://127.0.0.1:\(port)/?token=\(gate.token)" }

    /// Serves on a thread of its own until `stop()`.
    public func start() {
        let thread = Thread { [self] in
            while !stopped.withLock({ isStopped }) {
                guard let client = try? listener.accept(timeout: .milliseconds(200)) else { continue }
                let worker = Thread { [self] in
                    serve(client)
                    client.close()
                }
                worker.start()
            }
        }
        thread.name = "ui-server"
        thread.start()
    }

    public func stop() {
        stopped.withLock { isStopped = true }
        listener.close()
    }

    private func serve(_ client: any Link) {
        guard let request = try? HTTPRequest.read(from: client, maxBody: 64 << 20) else {
            try? client.write(HTTPResponse.text(400, "bad request").bytes)
            return
        }
        switch gate.check(request) {
        case .foreignHost:
            try? client.write(HTTPResponse.text(421, "this server answers only to 127.0.0.1:\(port)").bytes)
            return
        case .badToken:
            try? client.write(HTTPResponse.text(403, "the token from the printed URL is missing or wrong").bytes)
            return
        case .allowed:
            break
        }
        if request.method == "GET", request.path == "/api/events" {
            streamEvents(request, to: client)
        } else {
            try? client.write(route(request).bytes)
        }
    }

    func route(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/"):
            var page = HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(PageAssets.html.utf8))
            page.extraHeaders["Content-Security-Policy"] = "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:"
            return page
        case ("GET", "/api/ports"):
            let real = PortLister.list().map { PortWire(path: $0.path, description: $0.description, virtual: false) }
            let virtual = rig.ports.map { PortWire(path: $0, description: "virtual BK7231N (try it)", virtual: true) }
            return .json(virtual + real)
        case ("POST", "/api/flash"):
            return startFlash(request)
        case ("POST", "/api/cancel"):
            guard let port = request.query["port"], let entry = jobs.entry(port: port) else { return .text(404, "no job") }
            entry.cancel()
            return .json(["cancelled": port])
        case ("GET", "/api/job"):
            guard let port = request.query["port"], let entry = jobs.entry(port: port) else { return .text(404, "no job") }
            return .json(["running": entry.isRunning])
        case ("POST", "/api/try"):
            let behaviour = VirtualChipRig.Behaviour(rawValue: request.query["behaviour"] ?? "") ?? .resets
            do { return .json(["port": try rig.start(behaviour)]) } catch { return .text(500, "\(error)") }
        case ("GET", "/api/demo-firmware"):
            guard let firmware = VirtualChipRig.firmware else { return .text(500, "no demo firmware") }
            var response = HTTPResponse(status: 200, contentType: "application/octet-stream", body: firmware.bytes)
            response.extraHeaders["Content-Disposition"] = "attachment; filename=\"\(firmware.name)\""
            return response
        case ("GET", "/api/roles"):
            return .json(PinRole.allCases.map(\.rawValue))
        case ("POST", "/api/pins"):
            return answerReview(request)
        case ("POST", "/api/inspect"):
            guard !request.body.isEmpty else { return .text(400, "drop a file to inspect") }
            return .json(FileInspection.inspect(request.body, name: request.query["name"] ?? "file",
                                                showSecrets: request.query["secrets"] == "1"))
        case ("POST", "/api/latest"):
            return latestFirmware(chip: request.query["chip"] ?? "")
        case ("GET", "/api/demo-dump"):
            // BekenDemo's made-up plug (our own bytes, no real device's secrets), for the inspect tab's "try it".
            var response = HTTPResponse(status: 200, contentType: "application/octet-stream", body: SyntheticTuyaPlug.flashImage())
            response.extraHeaders["Content-Disposition"] = "attachment; filename=\"synthetic-plug.bin\""
            return response
        case ("GET", "/api/file"):
            return backupFile(request.query["name"] ?? "")
        default:
            return .text(404, "not found")
        }
    }

    private func startFlash(_ request: HTTPRequest) -> HTTPResponse {
        guard let asked = try? JSONDecoder().decode(FlashRequest.self, from: Data(request.body)),
              let settings = asked.settings(tool: configuration.tool) else {
            return .text(400, "the request needs a port and a firmware file")
        }
        var options = configuration.flasherOptions
        if let baud = asked.baud { options.baudRate = baud }
        let directory = configuration.backupDirectory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let port = asked.port
            let review = asked.reviewPins == true
            let limit = configuration.pinReviewLimit
            try jobs.start(port: port) { entry in
                var settings = settings
                if review { settings.reviewPins = { [entry] plan in entry.review(plan, limit: limit) } }
                return ConversionJob(openLink: { try openLink(url: port) }, options: options, settings: settings,
                                     backups: DirectoryBackupStore(directory: directory),
                                     progress: FileProgressStore(directory: directory),
                                     observer: { [entry] in entry.observe($0) }, finished: { [entry] in entry.finish($0) })
            }
            return .json(202, ["started": port])
        } catch JobRegistry.StartError.busy(let port) {
            return .json(409, ["busy": port])
        } catch {
            return .text(500, "\(error)")
        }
    }

    /// The page's reviewed pins (`{"pins": {"26": "Rel;1", …}}`, OpenBeken role names) for the job waiting on them.
    private func answerReview(_ request: HTTPRequest) -> HTTPResponse {
        guard let port = request.query["port"], let entry = jobs.entry(port: port) else { return .text(404, "no job") }
        guard let asked = try? JSONDecoder().decode(PinReview.self, from: Data(request.body)) else {
            return .text(400, "the body needs {\"pins\": {\"GPIO\": \"Role;channel\"}}")
        }
        var pins: [Int: PinSetting] = [:]
        for (gpio, text) in asked.pins {
            guard let number = Int(gpio), let setting = PinSetting(text: text) else {
                return .text(400, "not a pin setting: \(gpio) = \(text)")
            }
            pins[number] = setting
        }
        return entry.answerReview(pins) ? .json(["accepted": port]) : .text(409, "the job is not waiting for pins")
    }

    /// The latest OpenBeken app image (UA) for a chip, as the firmware to flash; its name in `X-Firmware-Name`.
    private func latestFirmware(chip: String) -> HTTPResponse {
        guard !chip.isEmpty, chip.allSatisfy({ $0.isLetter || $0.isNumber }) else { return .text(400, "name a chip, e.g. bk7231n") }
        let finder = ReleaseFinder(baseURL: configuration.releasesBaseURL, cache: FirmwareCache(directory: configuration.firmwareCache))
        switch LatestFirmware(finder: finder).fetch(chip: chip) {
        case .success(let found):
            var response = HTTPResponse(status: 200, contentType: "application/octet-stream", body: found.bytes)
            response.extraHeaders["X-Firmware-Name"] = found.name
            response.extraHeaders["X-Firmware-Tag"] = found.tag
            return response
        case .failure(let error):
            let text = error.failureText(.page)
            return .json(502, ["code": error.code.rawValue, "message": text.message, "hint": text.hint])
        }
    }

    /// A backup or sidecar from the backup directory, by file name only (no paths).
    private func backupFile(_ name: String) -> HTTPResponse {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."),
              let data = FileManager.default.contents(atPath: configuration.backupDirectory.appendingPathComponent(name).path)
        else { return .text(404, "no such file") }
        var response = HTTPResponse(status: 200, contentType: "application/octet-stream", body: Array(data))
        response.extraHeaders["Content-Disposition"] = "attachment; filename=\"\(name)\""
        return response
    }

    /// Server-Sent Events: every event of the port's job from the first (replay), then live, until it ends.
    private func streamEvents(_ request: HTTPRequest, to client: any Link) {
        guard let port = request.query["port"], let entry = jobs.entry(port: port) else {
            try? client.write(HTTPResponse.text(404, "no job on this port").bytes)
            return
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        do {
            try client.write(Array(head.utf8))
            var index = 0
            while true {
                let (lines, ended) = entry.lines(from: index, timeout: 1)
                index += lines.count
                let text = lines.map { "data: \($0)\n\n" }.joined()
                try client.write(Array((text.isEmpty ? ": keep-alive\n\n" : text).utf8))
                if ended {
                    try client.write(Array("event: end\ndata: {}\n\n".utf8))
                    return
                }
            }
        } catch {
            return  // the page went away; the job goes on
        }
    }
}

struct PinReview: Codable, Sendable {
    let pins: [String: String]
}

struct PortWire: Codable, Sendable {
    let path: String
    let description: String
    let virtual: Bool
}
