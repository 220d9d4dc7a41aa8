// Status byte of long responses (bk_idk type.h; codes 8–10 unconfirmed, from a newer header copy).
public enum ChipStatus: UInt8, Sendable, CaseIterable, Error {
    case ok = 0
    case flashBusy = 1
    case spiTimeout = 2
    case flashTimeout = 3
    case packetLengthError = 4
    case payloadLacking = 5
    case parameterError = 6
    case unknownCommand = 7
    case internalError = 8
    case spiFlashWriteError = 9
    case protectedArea = 10

    /// The name in the Beken headers (bk_idk `type.h`).
    public var name: String {
        switch self {
        case .ok: "STATUS_OK"
        case .flashBusy: "FLASH_STATUS_BUSY"
        case .spiTimeout: "SPI_OP_T_OUT"
        case .flashTimeout: "FLASH_OP_T_OUT"
        case .packetLengthError: "PACK_LEN_ERROR"
        case .payloadLacking: "PACK_PAYLOAD_LACK"
        case .parameterError: "PARAM_ERROR"
        case .unknownCommand: "UNKNOW_CMD"
        case .internalError: "INTERNAL_ERR"
        case .spiFlashWriteError: "SPI_FLASH_WRITE_ERR"
        case .protectedArea: "OPERATE_PROTECTED_AREA"
        }
    }

    /// A sentence for users.
    public var description: String {
        switch self {
        case .ok: "success"
        case .flashBusy: "flash still busy after timeout"
        case .spiTimeout: "SPI transaction timed out"
        case .flashTimeout: "flash operation timed out"
        case .packetLengthError: "packet length not valid for this operation"
        case .payloadLacking: "fewer bytes received than announced"
        case .parameterError: "bad parameter (e.g. address refused by the bootloader)"
        case .unknownCommand: "command not supported by this chip/bootloader"
        case .internalError: "internal error"
        case .spiFlashWriteError: "SPI flash write error"
        case .protectedArea: "operation on a protected area refused"
        }
    }

    /// Text for a raw status byte, also for codes outside the table.
    public static func describe(_ code: UInt8) -> String {
        if let status = ChipStatus(rawValue: code) { return "status \(code) \(status.name): \(status.description)" }
        return "status \(code) (unknown code)"
    }
}
