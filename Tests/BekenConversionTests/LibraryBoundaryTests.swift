import Foundation
import Testing

/// No library target speaks to the user: none imports ArgumentParser, writes to stdout/stderr, ends the process, or
/// holds a string naming `bktool` or a command-line flag. Only the CLI (Sources/bktool) words things for people.
@Suite struct LibraryBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
    static let frontEnds: Set<String> = ["bktool", "CSerialSupport"]
    /// The web page is a front end embedded in its server's library: it words things for people.
    static let frontEndFiles: Set<String> = [
        "BekenWebUI/PageAssets.swift", "BekenWebUI/PageScript.swift", "BekenWebUI/ModuleOutlines.swift",
        "BekenWebUI/PageWords.swift",
    ]
    /// Front-end text modules: words for people shared by the CLI and the page. They may name bktool's commands
    /// (both front ends point users at them) but never a flag: each front end passes its own (`FrontEndWords`).
    static let frontEndTextTargets: Set<String> = ["BekenText"]

    @Test("library targets hold no CLI words, no console output, no ArgumentParser")
    func librariesStayFreeOfTheCommandLine() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { !Self.frontEnds.contains($0) && !$0.hasPrefix(".") }
        #expect(targets.count >= 9, "found targets: \(targets)")
        var offenders: [String] = []
        var scanned = 0
        for target in targets.sorted() {
            let root = Self.sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files.sorted() where file.hasSuffix(".swift") && !Self.frontEndFiles.contains("\(target)/\(file)") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                scanned += 1
                for finding in SourceScan.findings(in: text)
                where !(Self.frontEndTextTargets.contains(target) && finding.what.hasPrefix("names bktool")) {
                    offenders.append("Sources/\(target)/\(file):\(finding.line): \(finding.what)")
                }
            }
        }
        #expect(scanned > 100)
        #expect(offenders.isEmpty, "library code that speaks CLI:\n\(offenders.joined(separator: "\n"))")
    }

    @Test("the scanner finds what it is meant to find, and not in comments")
    func scannerCatchesEachKind() {
        let code = """
            import ArgumentParser
            // print("a comment may say --force and bktool")
            let a = "run bktool read-flash"
            let b = "pass --force"
            let c = "retry with -b 115200"
            print(a)
            FileHandle.standardError.write(Data())
            let ok = "a range 0x0-0x10 and a--b"
            exit(1)
            """
        let found = SourceScan.findings(in: code).map(\.line)
        #expect(found == [1, 3, 4, 5, 6, 7, 9])
    }
}

/// A small Swift lexer: enough to tell comments, string literals and code apart.
enum SourceScan {
    struct Finding {
        let line: Int
        let what: String
    }

    static let flag = try! NSRegularExpression(pattern: #"(^|[\s(`'"=])(--[a-z][a-z0-9-]*|-[a-zA-Z] [0-9/])"#)
    static let toolName = try! NSRegularExpression(pattern: #"\bbktool\b"#, options: [.caseInsensitive])
    static let exit = try! NSRegularExpression(pattern: #"(^|[^\w.])(exit|_exit|abort)\("#)
    static let output = try! NSRegularExpression(
        pattern: #"(^|[^\w.])(print|debugPrint|dump|fputs|puts)\(|FileHandle\.standard(Error|Output)|STD(OUT|ERR)_FILENO|\bstd(out|err)\b"#)

    static func findings(in text: String) -> [Finding] {
        var findings: [Finding] = []
        let (code, literals) = split(text)
        for (index, line) in code.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("import ArgumentParser") {
                findings.append(Finding(line: index + 1, what: "imports ArgumentParser"))
            }
            if matches(output, line) { findings.append(Finding(line: index + 1, what: "writes to the console")) }
            if matches(exit, line) { findings.append(Finding(line: index + 1, what: "ends the process")) }
        }
        for literal in literals {
            if matches(toolName, literal.text) {
                findings.append(Finding(line: literal.line, what: "names bktool: \(literal.text)"))
            } else if matches(flag, literal.text) {
                findings.append(Finding(line: literal.line, what: "names a command-line flag: \(literal.text)"))
            }
        }
        return findings.sorted { $0.line < $1.line }
    }

    static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Code lines with comments and literals blanked, and the string literals with the line they start on.
    static func split(_ text: String) -> (code: [String], literals: [(line: Int, text: String)]) {
        var code = ""
        var literals: [(line: Int, text: String)] = []
        let chars = Array(text)
        var i = 0
        var line = 1
        func at(_ offset: Int) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        while i < chars.count {
            let c = chars[i]
            if c == "/" && at(1) == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && at(1) == "*" {
                i += 2
                while i < chars.count && !(chars[i] == "*" && at(1) == "/") {
                    if chars[i] == "\n" { line += 1; code.append("\n") }
                    i += 1
                }
                i += 2
                continue
            }
            if c == "\"" {
                let multi = at(1) == "\"" && at(2) == "\""
                let start = line
                var literal = ""
                i += multi ? 3 : 1
                var depth = 0  // inside \( … ) interpolations
                while i < chars.count {
                    let d = chars[i]
                    if d == "\\" && at(1) == "(" { depth += 1; literal.append("\\("); i += 2; continue }
                    if d == "\\", let next = at(1) { literal.append(d); literal.append(next); i += 2; continue }
                    if depth > 0 && d == ")" { depth -= 1 }
                    if depth == 0 && d == "\"" && (!multi || (at(1) == "\"" && at(2) == "\"")) {
                        i += multi ? 3 : 1
                        break
                    }
                    if d == "\n" { line += 1; code.append("\n") }
                    literal.append(d)
                    i += 1
                }
                literals.append((start, literal))
                code.append("\"\"")
                continue
            }
            if c == "\n" { line += 1 }
            code.append(c)
            i += 1
        }
        return (code.components(separatedBy: "\n"), literals)
    }
}
