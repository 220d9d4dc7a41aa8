/// Reads the hardware config a stock Tuya firmware prints while booting (format strings seen in the stock apps of the real dumps; no public tool parses these logs), robust to the
/// character-level interleaving of two tasks writing one UART (seed 000).
public enum BootLogParser {
    /// Parses a UART capture; an empty `config` means it holds no Tuya configuration.
    public static func parse(_ bytes: [UInt8]) -> BootLogConfig {
        parse(text: BootLogNormalizer.decode(bytes))
    }

    public static func parse(text: String) -> BootLogConfig {
        let records = BootLogNormalizer.records(text)
        var observations: [Observation] = []
        var dropped = 0
        var absent: [String] = []
        for line in BootLogNormalizer.joinedLines(records) {
            let tokens = tokenObservations(in: line)
            observations += tokens.observations
            dropped += tokens.dropped
        }
        let perKey = perKeyObservations(in: records)
        observations += perKey.observations
        absent = perKey.absent
        let merged = merge(observations, absent: Set(absent))
        return BootLogConfig(
            config: UserParamKey(settings: merged), chipHints: chipHints(in: text), absentKeys: absent,
            droppedTokens: dropped + observations.count - observations.filter { isValid($0) }.count)
    }

    // MARK: - Observations

    enum Quality: Int, Comparable {
        case repaired = 0, garbled = 1, clean = 2
        static func < (a: Quality, b: Quality) -> Bool { a.rawValue < b.rawValue }
    }

    struct Observation {
        var key: String
        var value: String
        var quality: Quality
    }

    /// `key:value` with the limits of boot-log rule 4 (key ≤ 24 characters, value ≤ 32 of `[A-Za-z0-9_.-]`).
    static func token(_ raw: Substring) -> (key: String, value: String)? {
        // JSON-style configs quote keys and values (`"module":"CB2S"`); the quotes carry no meaning here.
        // A config's first token carries its opening brace and whatever preceded it (`kv oem cfg {module:CB2S`).
        let afterBrace = raw.lastIndex(of: "{").map { raw[raw.index(after: $0)...] } ?? raw
        let unquoted = afterBrace.contains("\"") ? Substring(afterBrace.filter { $0 != "\"" }) : afterBrace
        var s = unquoted.drop { $0 == " " || $0 == "{" }
        while let last = s.last, last == " " || last == "}" { s = s.dropLast() }
        guard let colon = s.firstIndex(of: ":") else { return nil }
        let key = s[..<colon]
        let value = s[s.index(after: colon)...]
        guard (1...24).contains(key.count), key.allSatisfy(isKeyCharacter), value.count <= 32,
            value.allSatisfy({ isKeyCharacter($0) || $0 == "." || $0 == "-" })
        else { return nil }
        return (String(key), String(value))
    }

    static func isKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_")
    }

    /// Rules 3–4: `{…}` configs and runs of ≥ 3 `key:value,` tokens. A `{…}` with `crc:` whose every token
    /// is well formed is complete (clean); any other run is interleaved output (garbled), and tokens with
    /// unknown keys get one repair attempt.
    static func tokenObservations(in line: String) -> (observations: [Observation], dropped: Int) {
        var result: [Observation] = []
        var dropped = 0
        // Complete configs first.
        var rest = Substring(line)
        var usedRanges: [Range<String.Index>] = []
        while let close = rest.firstIndex(of: "}") {
            guard let open = rest[..<close].lastIndex(of: "{") else {
                rest = rest[rest.index(after: close)...]
                continue
            }
            let body = rest[rest.index(after: open)..<close]
            let parts = body.split(separator: ",", omittingEmptySubsequences: true)
            let tokens = parts.compactMap(token)
            if tokens.count == parts.count, tokens.count >= 3, tokens.contains(where: { $0.key == "crc" }) {
                result += tokens.map { Observation(key: $0.key, value: $0.value, quality: .clean) }
                usedRanges.append(open..<rest.index(after: close))
            }
            rest = rest[rest.index(after: close)...]
        }
        var remaining = line
        for range in usedRanges.reversed() { remaining.replaceSubrange(range, with: "\n") }
        for segment in remaining.split(whereSeparator: { $0 == "\n" || $0 == BootLogNormalizer.recordSeparator }) {
            var run: [(key: String, value: String)] = []
            func flush() {
                if run.count >= 3 {
                    for t in run {
                        if TuyaKnownKeys.isKnown(t.key) {
                            result.append(Observation(key: t.key, value: t.value, quality: .garbled))
                        } else if let repaired = repair(garbledKey: t.key) {
                            result.append(Observation(key: repaired, value: t.value, quality: .repaired))
                        } else {
                            dropped += 1
                        }
                    }
                }
                run.removeAll()
            }
            for part in segment.split(separator: ",", omittingEmptySubsequences: false) {
                if let t = token(part) { run.append(t) } else { flush() }
            }
            flush()
        }
        return (result, dropped)
    }

    /// A garbled key from two interleaved copies of one string is a known key with one or two extra
    /// characters (`sel_ppin_pin` → `sel_pin_pin`, `netledd1_pin` → `netled1_pin`). Only a unique match counts.
    static func repair(garbledKey: String) -> String? {
        let g = Array(garbledKey.utf8)
        let candidates = TuyaKnownKeys.concreteNames.filter { name in
            let k = Array(name.utf8)
            return (1...2).contains(g.count - k.count) && isSubsequence(k, of: g)
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    static func isSubsequence(_ small: [UInt8], of big: [UInt8]) -> Bool {
        var i = 0
        for b in big where i < small.count && small[i] == b { i += 1 }
        return i == small.count
    }

    /// Rule 5: `,key: is value` and `,key: is not exsit` lines, also when interleaving split the key
    /// (`,sel_…garbage…pin_pin: is 26`) — then the key is pieced together from a known name.
    static func perKeyObservations(in text: String) -> (observations: [Observation], absent: [String]) {
        let chars = Array(text)
        var observations: [Observation] = []
        var absent: [String] = []
        // A linear scan for `<identifier>: is <value>` (a regex here is quadratic on megabyte logs).
        for colon in chars.indices where chars[colon] == ":" {
            guard let (value, end) = perKeyValue(chars, afterColon: colon) else { continue }
            var start = colon
            while start > 0, isKeyCharacter(chars[start - 1]) { start -= 1 }
            let suffix = String(chars[start..<colon])
            let cleanKey = !suffix.isEmpty && start > 0 && chars[start - 1] == ","
            if value == "not exsit" {
                if cleanKey { absent.append(suffix) }
                continue
            }
            // Clean value: only spaces until the end of the record (line break or a removed log header).
            var j = end
            while j < chars.count, chars[j] == " " { j += 1 }
            let cleanValue = j == chars.count || chars[j] == "\n" || chars[j] == BootLogNormalizer.recordSeparator
            if cleanKey {
                observations.append(Observation(key: suffix, value: value, quality: cleanValue ? .clean : .garbled))
            } else if let key = pieceTogether(suffix: suffix, before: chars[max(0, start - 100)..<start]) {
                observations.append(Observation(key: key, value: value, quality: .repaired))
            }
        }
        return (observations, absent)
    }

    /// After `:` expects `[ ]is +` then `not exsit` or a value of `[A-Za-z0-9_.-]`; returns it and its end.
    static func perKeyValue(_ chars: [Character], afterColon colon: Int) -> (String, Int)? {
        var j = colon + 1
        if j < chars.count, chars[j] == " " { j += 1 }
        guard j + 2 < chars.count, chars[j] == "i", chars[j + 1] == "s", chars[j + 2] == " " else { return nil }
        j += 2
        while j < chars.count, chars[j] == " " { j += 1 }
        let absentMarker = Array("not exsit")
        if chars[j...].starts(with: absentMarker) { return ("not exsit", j + absentMarker.count) }
        var end = j
        while end < chars.count, isKeyCharacter(chars[end]) || chars[end] == "." || chars[end] == "-" { end += 1 }
        return end > j ? (String(chars[j..<end]), end) : nil
    }

    /// Finds a known key K = P + T where T is the longest suffix of `suffix` that ends a known key and
    /// `,P` (broken off, not followed by `:`) appears in the preceding window. P may be empty only when
    /// T is a whole key of ≥ 5 characters (the comma was lost in the interleaving).
    static func pieceTogether(suffix: String, before window: ArraySlice<Character>) -> String? {
        let windowText = String(window)
        let s = Array(suffix)
        for cut in 0...s.count {
            let tail = String(s[cut...])
            var found: [String] = []
            for name in TuyaKnownKeys.concreteNames where name.hasSuffix(tail) {
                let prefix = String(name.dropLast(tail.count))
                if prefix.isEmpty {
                    if tail.count >= 5, tail == name { found.append(name) }
                    continue
                }
                if let r = windowText.ranges(of: "," + prefix).last {
                    let after = r.upperBound
                    if after == windowText.endIndex || windowText[after] != ":" { found.append(name) }
                }
            }
            // Prefer the key whose broken-off prefix is longest, and only an unambiguous one.
            if !found.isEmpty {
                let best = found.max { $0.count < $1.count }!
                return found.filter { $0.count == best.count }.count == 1 ? best : nil
            }
        }
        return nil
    }

    // MARK: - Merge (rules 6–7)

    static func isValid(_ o: Observation) -> Bool {
        if o.key.hasSuffix("_pin"), o.key != "bz_pin_pin" {
            guard let pin = Int(o.value), (0...31).contains(pin) else { return false }
        }
        if o.key.hasSuffix("_lv") { return o.value == "0" || o.value == "1" }
        if o.key == "module" {
            return (2...8).contains(o.value.count) && o.value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        return true
    }

    static func merge(_ all: [Observation], absent: Set<String>) -> [TuyaSetting] {
        var order: [String] = []
        var byKey: [String: [Observation]] = [:]
        for o in all where isValid(o) && !absent.contains(o.key) {
            if byKey[o.key] == nil { order.append(o.key) }
            byKey[o.key, default: []].append(o)
        }
        return order.map { key in
            let obs = byKey[key]!
            let clean = obs.filter { $0.quality == .clean }
            if !clean.isEmpty {
                return decide(key, clean.map(\.value), agreeing: .seenWhole)
            }
            // A garbled value that is the start of another candidate was cut off by interleaving
            // (`over_cur: is 2 …garbage… 5000` vs `over_cur:25000`): drop it.
            let values = obs.map(\.value)
            let kept = values.filter { v in !values.contains { $0 != v && $0.hasPrefix(v) } }
            return decide(key, kept, agreeing: .reconstructed)
        }
    }

    static func decide(_ key: String, _ values: [String], agreeing: TuyaConfidence) -> TuyaSetting {
        var counts: [(value: String, count: Int)] = []
        for v in values {
            if let i = counts.firstIndex(where: { $0.value == v }) { counts[i].count += 1 } else { counts.append((v, 1)) }
        }
        if counts.count == 1 { return TuyaSetting(key: key, value: counts[0].value, confidence: agreeing) }
        let best = counts.max { $0.count < $1.count }!  // ties: first seen
        let chosen = counts.first { $0.count == best.count }!.value
        return TuyaSetting(
            key: key, value: chosen, confidence: .conflicting,
            alternatives: counts.map(\.value).filter { $0 != chosen })
    }

    // MARK: - Chip hints (rule 8)

    static func chipHints(in text: String) -> [String] {
        var hints: [String] = []
        let patterns = [#/V:(BK72[0-9A-Z]+)_[0-9.]+/#, #/AT (bk72[0-9a-z]+) >/#, #/oem_(bk72[0-9a-z]+)/#]
        for pattern in patterns {
            for m in text.matches(of: pattern) where !hints.contains(String(m.output.1)) {
                hints.append(String(m.output.1))
            }
        }
        return hints
    }
}

/// What a boot log revealed.
public struct BootLogConfig: Sendable, Equatable {
    /// Settings with a confidence per key (`seen-whole`, `reconstructed`, `conflicting`).
    public var config: UserParamKey
    /// Chip names printed by the bootloader or the SDK banner, e.g. `BK7231N`, `bk7231n`.
    public var chipHints: [String]
    /// Keys the firmware announced as missing (`,rl_on1_pin: is not exsit`).
    public var absentKeys: [String]
    /// Tokens discarded as interleaving garbage.
    public var droppedTokens: Int
}
