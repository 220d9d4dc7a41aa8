/// What a flasher's own log says it did: where it wrote, which file, whether it verified. Reads ltchiptool's debug
/// log (seed 004: `Erasing and writing at 0x11000`, `Verifying CRC` … `OK!`) and BK7231GUIFlashTool's (seed 002:
/// `Going to do erase, start 69632`, `Writing sector 0x11000`, `CRC matches`, `Reading file …bin`).
public struct FlasherLog: Sendable, Equatable {
    public var tool: String?
    /// Flash offsets where writing started, in order.
    public var writeStarts: [Int] = []
    /// Firmware files the log names.
    public var files: [String] = []
    /// The flasher checked the written range by CRC and it matched.
    public var verified = false
    /// The flasher said it succeeded.
    public var claimsSuccess = false

    public init() {}

    /// Whether the text looks like a flasher's log at all.
    public var isFlasherLog: Bool { tool != nil }

    public static func read(_ text: String) -> FlasherLog {
        var log = FlasherLog()
        var lastCRCLine = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = String(rawLine)
            if line.contains("BK72xx connected") || line.contains("ltchiptool") || line.contains("Erasing and writing at") {
                log.tool = log.tool ?? "ltchiptool"
            }
            if line.contains("Getting bus") || line.contains("Flasher mode:") || line.contains("Going to do erase") {
                log.tool = log.tool ?? "BK7231GUIFlashTool"
            }
            if let match = line.firstMatch(of: /Erasing and writing at 0x([0-9A-Fa-f]+)/), log.writeStarts.isEmpty {
                log.writeStarts.append(Int(match.1, radix: 16) ?? 0)
            }
            if let match = line.firstMatch(of: /Going to do erase, start ([0-9]+)/) {
                log.writeStarts.append(Int(match.1) ?? 0)
            }
            if let match = line.firstMatch(of: /Reading file ([^ ]+\.bin)/) { log.files.append(String(match.1)) }
            if line.contains("CRC matches") { log.verified = true }
            if lastCRCLine, line.contains("OK!") { log.verified = true }
            lastCRCLine = line.contains("Verifying CRC") || (lastCRCLine && line.contains("timeout"))
            let lower = line.lowercased()
            if lower.contains("write success") || lower.contains("to chip succes") { log.claimsSuccess = true }
        }
        if log.verified { log.claimsSuccess = true }
        return log
    }
}
