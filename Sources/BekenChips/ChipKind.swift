// The Beken chip families bktool knows (issue 2 item 3; docs/ARCHITECTURE.md "Targets").
public enum ChipKind: String, Sendable, CaseIterable, Codable {
    case bk7231t
    case bk7231u
    case bk7231n
    case bk7231m
    case bk7231q
    case bk7238
    case bk7236
    case bk7252
    case bk7252n
    case bk7258

    /// Upper-case marketing name, e.g. "BK7231N".
    public var displayName: String { rawValue.uppercased() }

    /// The family record.
    public var family: ChipFamily { ChipFamily.table[self]! }
}
