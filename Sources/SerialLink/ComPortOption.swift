/// RFC 2217 COM-PORT-OPTION commands a client sends (the server answers each with the code + 100) and the values
/// this client uses. Numbers from RFC 2217 bk7231tools protocol.py; bk_idk bl_bk_hci_protocol.h (also in pyserial's rfc2217.py).
enum ComPortOption {
    enum Command: UInt8 {
        case signature = 0
        case setBaudRate = 1
        case setDataSize = 2
        case setParity = 3
        case setStopSize = 4
        case setControl = 5
        case purgeData = 12

        /// The code of the server's answer to this command.
        var replyCode: UInt8 { rawValue + ComPortOption.serverOffset }
    }

    static let serverOffset: UInt8 = 100

    /// SET-CONTROL values.
    enum Control: UInt8 {
        case noFlowControl = 1
        case dtrOn = 8
        case dtrOff = 9
        case rtsOn = 11
        case rtsOff = 12
    }

    static let dataSize8: UInt8 = 8
    static let parityNone: UInt8 = 1
    static let stopBits1: UInt8 = 1
    /// PURGE-DATA: the access server's receive buffer (bytes from the device not yet sent to us).
    static let purgeReceiveBuffer: UInt8 = 1

    /// `IAC SB COM-PORT-OPTION command value… IAC SE`.
    static func message(_ command: Command, _ value: [UInt8]) -> [UInt8] {
        Telnet.subnegotiation(Telnet.comPortOption, [command.rawValue] + value)
    }

    /// SET-BAUDRATE carries the rate as 4 bytes, network order.
    static func baudValue(_ baud: Int) -> [UInt8] {
        let rate = UInt32(truncatingIfNeeded: baud)
        return [UInt8(rate >> 24), UInt8((rate >> 16) & 0xFF), UInt8((rate >> 8) & 0xFF), UInt8(rate & 0xFF)]
    }

    static func baud(from value: [UInt8]) -> Int? {
        guard value.count == 4 else { return nil }
        return value.reduce(0) { $0 << 8 | Int($1) }
    }
}

/// The Telnet option negotiation of an RFC 2217 client (RFC 1143's rule in short: answer only requests that change
/// a state, so the two ends cannot loop). Says what to send back for each negotiation the server sends.
struct TelnetNegotiator {
    /// Options we do (WILL) and that we let the server do (DO). No remote ECHO: our commands must not come back.
    static let acceptedLocal: Set<UInt8> = [Telnet.binary, Telnet.suppressGoAhead, Telnet.comPortOption]
    static let acceptedRemote: Set<UInt8> = [Telnet.binary, Telnet.suppressGoAhead]

    private(set) var local: Set<UInt8> = []
    private(set) var remote: Set<UInt8> = []
    private var requestedLocal: Set<UInt8> = []
    private var requestedRemote: Set<UInt8> = []
    /// Options the server refused us (DONT after our WILL).
    private(set) var refusedLocal: Set<UInt8> = []

    /// What a client sends first: WILL/DO BINARY and SGA, WILL COM-PORT-OPTION (pyserial's rfc2217.py opens alike).
    mutating func opening() -> [UInt8] {
        var bytes: [UInt8] = []
        for option in [Telnet.binary, Telnet.suppressGoAhead, Telnet.comPortOption] {
            requestedLocal.insert(option)
            bytes += Telnet.negotiation(Telnet.will, option)
        }
        for option in [Telnet.binary, Telnet.suppressGoAhead] {
            requestedRemote.insert(option)
            bytes += Telnet.negotiation(Telnet.do, option)
        }
        return bytes
    }

    /// The answer to one negotiation from the server (possibly nothing).
    mutating func answer(verb: UInt8, option: UInt8) -> [UInt8] {
        switch verb {
        case Telnet.do:
            if requestedLocal.remove(option) != nil { local.insert(option); return [] }
            guard Self.acceptedLocal.contains(option) else { return Telnet.negotiation(Telnet.wont, option) }
            return local.insert(option).inserted ? Telnet.negotiation(Telnet.will, option) : []
        case Telnet.dont:
            if requestedLocal.remove(option) != nil { refusedLocal.insert(option); return [] }
            return local.remove(option) != nil ? Telnet.negotiation(Telnet.wont, option) : []
        case Telnet.will:
            if requestedRemote.remove(option) != nil { remote.insert(option); return [] }
            guard Self.acceptedRemote.contains(option) else { return Telnet.negotiation(Telnet.dont, option) }
            return remote.insert(option).inserted ? Telnet.negotiation(Telnet.do, option) : []
        case Telnet.wont:
            if requestedRemote.remove(option) != nil { return [] }
            return remote.remove(option) != nil ? Telnet.negotiation(Telnet.dont, option) : []
        default:
            return []
        }
    }
}
