import Foundation

/// Tells text from the bytes a UART makes of a log sent at another rate (seed 000: "If, instead of legible text
/// you get random characters, you may need to set a different speed").
public enum TextJudge {
    /// Bytes needed before a judgement.
    public static let sampleSize = 48

    /// Share of printable ASCII (plus tab, CR, LF) in `bytes`.
    public static func printableShare(_ bytes: some Collection<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        let printable = bytes.filter { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        return Double(printable) / Double(bytes.count)
    }

    /// Whether `bytes` read as a text log: ≥ 90 % printable. A wrong rate gives mostly 0x00, 0x80–0xFF and
    /// control bytes (each received byte mixes bits of several sent ones).
    public static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        printableShare(bytes) >= 0.9
    }
}

/// Cuts a byte stream into display lines: at LF, at an idle gap (a line still being printed stays open) or at
/// `maximumLength` characters (cut at a space where possible — seed 000's log came as one long line).
struct LineAssembler {
    static let maximumLength = 240
    private var pending: [UInt8] = []
    private(set) var pendingSince: Duration?

    var hasPending: Bool { !pending.isEmpty }

    /// Adds bytes received at `time`; returns the lines they complete.
    mutating func add(_ bytes: [UInt8], at time: Duration) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if pending.isEmpty { pendingSince = time }
            if byte == 0x0A {
                lines.append(text(pending))
                pending.removeAll(keepingCapacity: true)
                pendingSince = nil
                continue
            }
            pending.append(byte)
            if pending.count >= Self.maximumLength {
                let cut = pending.lastIndex(of: 0x20).map { $0 + 1 } ?? pending.count
                lines.append(text(Array(pending[..<cut])))
                pending.removeFirst(cut)
                pendingSince = pending.isEmpty ? nil : time
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// The open line, when nothing came for a while.
    mutating func flush() -> String? {
        guard !pending.isEmpty else { return nil }
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingSince = nil
        }
        let line = text(pending)
        return line.isEmpty ? nil : line
    }

    private func text(_ bytes: [UInt8]) -> String {
        let kept = bytes.filter { $0 != 0x0D && $0 != 0x00 }
        return String(decoding: kept, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
