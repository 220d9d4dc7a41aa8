// Readable command names for logs and errors (names after bk7231tools base/enums.py BkProtocolType; bk_idk bl_bk_hci_protocol.h).
extension HostCommand: CustomStringConvertible {
    /// The command's name, e.g. "CheckCRC", "FlashWrite4K".
    public var name: String {
        switch self {
        case .linkCheck: "LinkCheck"
        case .writeReg: "WriteReg"
        case .bl2LinkCheck: "BL2LinkCheck"
        case .readReg: "ReadReg"
        case .reboot: "Reboot"
        case .setBaudRate: "SetBaudRate"
        case .checkCRC: "CheckCRC"
        case .readBootVersion: "ReadBootVersion"
        case .stayRom: "StayRom"
        case .resetSEAN: "ResetSEAN"
        case .resetOther: "Reset"
        case .short(let code, _): "Short(0x\(Hex.string([code])))"
        case .flashWrite: "FlashWrite"
        case .flashWrite4K: "FlashWrite4K"
        case .flashRead: "FlashRead"
        case .flashRead4K: "FlashRead4K"
        case .flashEraseAll: "FlashEraseAll"
        case .flashErase4K: "FlashErase4K"
        case .flashReadSR: "FlashReadSR"
        case .flashWriteSR: "FlashWriteSR"
        case .spiOperate: "SPIOperate"
        case .flashErase: "FlashErase"
        case .long(let op, _): "Long(0x\(Hex.string([op])))"
        }
    }

    /// Name plus the interesting fields, e.g. "CheckCRC(start: 0x11000, end: 0x11fff)".
    public var description: String {
        func h(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }
        return switch self {
        case .writeReg(let address, let value): "\(name)(\(h(address)) = \(h(value)))"
        case .readReg(let address): "\(name)(\(h(address)))"
        case .setBaudRate(let baud, let delay): "\(name)(\(baud), delay \(delay) ms)"
        case .checkCRC(let start, let end): "\(name)(start: \(h(start)), end: \(h(end)))"
        case .flashWrite(let address, let data), .flashWrite4K(let address, let data):
            "\(name)(\(h(address)), \(data.count) bytes)"
        case .flashRead(let address, let size): "\(name)(\(h(address)), \(size) bytes)"
        case .flashRead4K(let address), .flashErase4K(let address): "\(name)(\(h(address)))"
        case .flashErase(let size, let address): "\(name)(\(size.byteCount / 1024) KiB at \(h(address)))"
        case .flashReadSR(let opcode): "\(name)(0x\(Hex.string([opcode])))"
        case .flashWriteSR(let opcode, let values): "\(name)(0x\(Hex.string([opcode])): \(Hex.string(values)))"
        default: name
        }
    }
}
