/// Steps 1–2 of the boot-log rules of `BootLogParser` (bktool's own; no public tool parses Tuya boot logs): decode, clean, and split the capture into log records.
enum BootLogNormalizer {
    /// Marks where a removed Tuya log header started a new record (distinct from the capture's own line breaks).
    static let recordSeparator: Character = "\u{1E}"

    /// Latin-1 decoding never fails; NUL and control bytes except `\n` are dropped (tabs become spaces),
    /// `\r\n`/`\r` become `\n`, ANSI escapes are stripped.
    static func decode(_ bytes: [UInt8]) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                // ANSI CSI sequence: ESC [ params final-byte(0x40…0x7E)
                i += 2
                while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                i += 1
                continue
            }
            switch b {
            case 0x0D:
                out.append("\n")
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            case 0x0A: out.append("\n")
            case 0x09: out.append(" ")
            case 0x00..<0x20, 0x7F: break
            default: out.append(Unicode.Scalar(b))
            }
            i += 1
        }
        return String(out)
    }

    /// Removes serial-tool timestamps at line start (`[12:46:55.989] - `, `12:46:55.989 -> `) and every
    /// embedded Tuya log header (`[01-01 18:12:15 TUYA N][lr:0x5c047] `, `[… TUYA Notice][file.c:12] `),
    /// anywhere in a line, replacing each header by `recordSeparator`: a header starts a new log record.
    static func records(_ text: String) -> String {
        let toolPrefix = #/(?m)^(?:\[\d{2}:\d{2}:\d{2}(?:\.\d+)?\]\s*-?>?\s*|\d{2}:\d{2}:\d{2}(?:\.\d+)?\s*-+>\s*)/#
        let tuyaHeader = #/\[\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?::\d+)? TUYA [A-Za-z]+\]\[[^\]\n]*\]\s*/#
        return text.replacing(toolPrefix, with: "").replacing(tuyaHeader, with: String(recordSeparator))
    }
}

extension BootLogNormalizer {
    /// Physical lines, with a config that a terminal wrapped (`{` … line break … `}`) joined back together:
    /// a line whose last `{` is unclosed is joined with up to two following lines when they close it
    /// (boot-log rule 3: "continue on the next line(s) until `}`").
    static func joinedLines(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var i = 0
        while i < lines.count {
            var line = lines[i]
            i += 1
            if isOpen(line) {
                for extra in 1...2 where i + extra - 1 < lines.count {
                    let candidate = lines[i..<i + extra].joined()
                    if candidate.contains("}") {
                        line += candidate
                        i += extra
                        break
                    }
                }
            }
            out.append(line)
        }
        return out
    }

    private static func isOpen(_ line: String) -> Bool {
        guard let open = line.lastIndex(of: "{") else { return false }
        return !line[open...].contains("}")
    }
}
