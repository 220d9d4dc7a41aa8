// Chip → host frames (bk7231tools protocol.py command).
public enum FrameKind: String, Sendable, Hashable {
    case short
    case long
}

/// One decoded chip frame.
public struct ResponseFrame: Sendable, Hashable, CustomStringConvertible {
    public let kind: FrameKind
    /// Short: the echoed command code (LinkCheck answers 0x01). Long: the echoed op.
    public let code: UInt8
    /// Long frames only: the status byte (bk_idk type.h).
    public let status: UInt8?
    /// Short: bytes after the code. Long: bytes after the status.
    public let payload: [UInt8]

    public init(kind: FrameKind, code: UInt8, status: UInt8? = nil, payload: [UInt8]) {
        self.kind = kind
        self.code = code
        self.status = kind == .long ? (status ?? 0) : nil
        self.payload = payload
    }

    public static func short(code: UInt8, payload: [UInt8]) -> ResponseFrame {
        ResponseFrame(kind: .short, code: code, payload: payload)
    }

    public static func long(op: UInt8, status: UInt8, payload: [UInt8]) -> ResponseFrame {
        ResponseFrame(kind: .long, code: op, status: status, payload: payload)
    }

    /// `04 0E 05 01 E0 FC 01 00` (hid_download_py boot_protocol.py CheckRespond_LinkCheck).
    public var isLinkCheckReply: Bool { kind == .short && code == 0x01 && payload == [0x00] }

    /// A short reply carrying only UNKNOW_CMD (7), e.g. `04 0E 05 01 E0 FC 55 07` (bk_idk bl_bk_hci_protocol.c).
    public var isShortUnknownCommand: Bool { kind == .short && payload == [ChipStatus.unknownCommand.rawValue] }

    public var description: String {
        switch kind {
        case .short: "short 0x\(Hex.string([code])) [\(Hex.string(payload))]"
        case .long: "long 0x\(Hex.string([code])) status \(status ?? 0) [\(payload.count) bytes]"
        }
    }
}

/// What a host waits for after a command: a frame kind and code (bk7231tools matches (code, is_long), bk7231tools protocol.py command; hid_download_py boot_intf.py).
public struct ReplyExpectation: Sendable, Hashable {
    public let kind: FrameKind
    public let code: UInt8
    /// Waiting for a LinkCheck reply (code 0x01, one value byte), which shares its code with the WriteReg echo (bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h).
    public let isLinkCheck: Bool

    public init(kind: FrameKind, code: UInt8, isLinkCheck: Bool = false) {
        self.kind = kind
        self.code = code
        self.isLinkCheck = isLinkCheck
    }

    /// The reply to LinkCheck (hid_download_py boot_protocol.py CheckRespond_LinkCheck).
    public static let linkCheck = ReplyExpectation(kind: .short, code: 0x01, isLinkCheck: true)

    /// True when `frame` answers this expectation. Stray LinkCheck replies never answer anything but a LinkCheck
    /// (hid_download_py and bk7231tools skip them, bk7231tools protocol.py command; hid_download_py boot_intf.py); a LinkCheck expectation takes only one-byte 0x01 replies.
    public func matches(_ frame: ResponseFrame) -> Bool {
        guard frame.kind == kind, frame.code == code else { return false }
        return isLinkCheck ? frame.payload.count == 1 : !frame.isLinkCheckReply
    }
}
