import Foundation
import OpenBekenLAN

/// A stand-in for GitHub's releases API on loopback: `/repos/openshwprojects/OpenBK7231T_App/releases/latest`
/// and `/releases/tags/<tag>` return a release document of GitHub's shape (the fields of the REST API's
/// "Get the latest release"), assets download from `/download/<tag>/<name>`.
public final class FakeReleaseServer: @unchecked Sendable {
    public let tag: String
    /// Asset name → bytes.
    public let files: [String: [UInt8]]
    private var server: LoopbackServer!
    private let lock = NSLock()
    private var requestLog: [String] = []

    public var baseURL: String { "http://\(server.host):\(server.port)" }
    public var requests: [String] { lock.withLock { requestLog } }

    /// `replacing`: asset name → bytes served instead of (or besides) the made-up files, e.g. a flashable image.
    public init(tag: String = "1.18.292", replacing: [String: [UInt8]] = [:]) throws {
        self.tag = tag
        files = Self.makeFiles(tag: tag).merging(replacing) { _, given in given }
        let box = Box()
        server = try LoopbackServer(threadPerConnection: true) { request, connection in
            box.owner?.handle(request, connection)
        }
        box.owner = self
    }

    public func stop() { server.stop() }

    private final class Box: @unchecked Sendable { weak var owner: FakeReleaseServer? }

    private func handle(_ request: LoopbackServer.Request, _ connection: LoopbackServer.Connection) {
        lock.withLock { requestLog.append(request.path) }
        let releases = "/repos/openshwprojects/OpenBK7231T_App/releases/"
        if request.path == releases + "latest" || request.path == releases + "tags/\(tag)" {
            connection.write(OBKReplyFormat.standard(code: 200, reason: "OK", contentType: "application/json",
                                                     body: Array(document().utf8)))
        } else if request.path.hasPrefix("/download/\(tag)/"), let bytes = files[String(request.path.split(separator: "/").last ?? "")] {
            connection.write(OBKReplyFormat.standard(code: 200, reason: "OK", contentType: "application/octet-stream", body: bytes))
        } else {
            connection.write(OBKReplyFormat.standard(code: 404, reason: "Not Found", contentType: "application/json",
                                                     body: Array("{\"message\":\"Not Found\",\"status\":\"404\"}".utf8)))
        }
    }

    /// The release JSON, shaped like GitHub's (only `tag_name` and the assets' `name`, `size` and
    /// `browser_download_url` matter to bktool; the rest is there so the parser meets the real shape).
    public func document() -> String {
        let assets = files.keys.sorted().enumerated().map { index, name in
            """
            {"url":"\(baseURL)/repos/openshwprojects/OpenBK7231T_App/releases/assets/\(index + 1000)",\
            "id":\(index + 1000),"node_id":"RA_kwDO\(index)","name":"\(name)","label":"",\
            "uploader":{"login":"github-actions[bot]","id":41898282,"type":"Bot","site_admin":false},\
            "content_type":"application/octet-stream","state":"uploaded","size":\(files[name]!.count),\
            "download_count":\(index * 7),"created_at":"2026-11-30T10:00:00Z","updated_at":"2026-11-30T10:00:05Z",\
            "browser_download_url":"\(baseURL)/download/\(tag)/\(name)"}
            """
        }
        return """
        {"url":"\(baseURL)/repos/openshwprojects/OpenBK7231T_App/releases/1","assets_url":"\(baseURL)/assets",\
        "upload_url":"\(baseURL)/upload{?name,label}","html_url":"\(baseURL)/releases/tag/\(tag)","id":1,\
        "author":{"login":"github-actions[bot]","id":41898282,"type":"Bot"},"node_id":"RE_kwDO1",\
        "tag_name":"\(tag)","target_commitish":"main","name":"\(tag)","draft":false,"prerelease":false,\
        "created_at":"2026-11-30T09:50:00Z","published_at":"2026-11-30T10:00:10Z",\
        "assets":[\(assets.joined(separator: ","))],\
        "tarball_url":"\(baseURL)/tarball/\(tag)","zipball_url":"\(baseURL)/zipball/\(tag)",\
        "body":"## Changes\\n* fake release for tests"}
        """
    }

    /// Release assets named like OpenBeken's workflow makes them; the `.rbl` files are real OTA packages of a
    /// tiny app that names its platform, the others filler bytes.
    static func makeFiles(tag: String) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for platform in ["OpenBK7231N", "OpenBK7231T", "OpenBK7238"] {
            for (index, stem) in ["\(platform)_QIO_\(tag)", "\(platform)_UA_\(tag)", "\(platform)_Tuya_QIO_\(tag)",
                                  "\(platform)_QIO_\(tag)_berry"].enumerated() {
                files[stem + ".bin"] = Array((stem + " filler ").utf8) + [UInt8](repeating: UInt8(index), count: 4096)
            }
            files["\(platform)_\(tag).rbl"] = OTAPackage.make(app: syntheticApp(platform: platform, version: tag), version: tag)
            files["\(platform)_\(tag)_berry.rbl"] = OTAPackage.make(app: syntheticApp(platform: platform, version: tag + "b"),
                                                                     version: tag)
        }
        files["OpenBK7231N_ALT_QIO_\(tag).bin"] = Array("alt build".utf8)
        files["obkSimulator_\(tag).zip"] = Array("PK simulator".utf8)
        return files
    }

    /// A stand-in app: ARM-looking filler and OpenBeken's platform string (`DEVICENAME_PREFIX_FULL`).
    public static func syntheticApp(platform: String, version: String) -> [UInt8] {
        var app = [UInt8](repeating: 0, count: 64 * 1024)
        for index in app.indices { app[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 7) }
        let text = Array("\0\(platform)\0version \(version)\0".utf8)
        app.replaceSubrange(0x4000..<(0x4000 + text.count), with: text)
        return app
    }
}
