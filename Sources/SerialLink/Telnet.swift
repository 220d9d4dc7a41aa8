/// Telnet framing (RFC 854 commands, RFC 855 option negotiation) as far as a serial-port client needs it: the
/// commands and options RFC 2217 rides on, IAC escaping of data, and a byte-at-a-time decoder.
enum Telnet {
    static let se: UInt8 = 240
    static let sb: UInt8 = 250
    static let will: UInt8 = 251
    static let wont: UInt8 = 252
    static let `do`: UInt8 = 253
    static let dont: UInt8 = 254
    static let iac: UInt8 = 255

    /// Options: BINARY (RFC 856), ECHO (RFC 857), SUPPRESS-GO-AHEAD (RFC 858), COM-PORT-OPTION (RFC 2217).
    static let binary: UInt8 = 0
    static let echo: UInt8 = 1
    static let suppressGoAhead: UInt8 = 3
    static let comPortOption: UInt8 = 44

    /// Data bytes as they go on the wire: every 0xFF doubled.
    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(iac) else { return bytes }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + bytes.count / 64 + 8)
        for byte in bytes {
            escaped.append(byte)
            if byte == iac { escaped.append(iac) }
        }
        return escaped
    }

    /// `IAC verb option`.
    static func negotiation(_ verb: UInt8, _ option: UInt8) -> [UInt8] { [iac, verb, option] }

    /// `IAC SB option payload… IAC SE`, with 0xFF in the payload doubled.
    static func subnegotiation(_ option: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [iac, sb, option] + escape(payload) + [iac, se]
    }
}

/// Something in the stream from a Telnet server other than data.
enum TelnetEvent: Equatable {
    /// WILL/WONT/DO/DONT and the option.
    case negotiation(verb: UInt8, option: UInt8)
    /// A subnegotiation: the option followed by its payload (IAC IAC already undone).
    case subnegotiation(option: UInt8, payload: [UInt8])
}

/// Splits a Telnet stream into data and events; keeps its state across chunks (a command may straddle reads).
struct TelnetDecoder {
    private enum State {
        case data, command, option(verb: UInt8), subnegotiation, subnegotiationCommand
    }

    private var state = State.data
    private var subnegotiationBytes: [UInt8] = []
    /// A subnegotiation longer than this is not RFC 2217: it is dropped rather than grown without end.
    static let maximumSubnegotiation = 64

    /// Appends the data bytes of `chunk` to `data` and returns the events in it, in order.
    mutating func decode(_ chunk: [UInt8], into data: inout [UInt8]) -> [TelnetEvent] {
        var events: [TelnetEvent] = []
        for byte in chunk {
            switch state {
            case .data:
                if byte == Telnet.iac { state = .command } else { data.append(byte) }
            case .command:
                switch byte {
                case Telnet.iac:
                    data.append(byte)
                    state = .data
                case Telnet.will, Telnet.wont, Telnet.do, Telnet.dont:
                    state = .option(verb: byte)
                case Telnet.sb:
                    subnegotiationBytes.removeAll(keepingCapacity: true)
                    state = .subnegotiation
                default:
                    state = .data  // NOP, GA, break and the like carry nothing for a serial port
                }
            case .option(let verb):
                events.append(.negotiation(verb: verb, option: byte))
                state = .data
            case .subnegotiation:
                if byte == Telnet.iac {
                    state = .subnegotiationCommand
                } else if subnegotiationBytes.count < Self.maximumSubnegotiation {
                    subnegotiationBytes.append(byte)
                }
            case .subnegotiationCommand:
                if byte == Telnet.se {
                    if let option = subnegotiationBytes.first {
                        events.append(.subnegotiation(option: option, payload: Array(subnegotiationBytes.dropFirst())))
                    }
                    state = .data
                } else {
                    // IAC IAC is a 0xFF in the payload; anything else is malformed and read as payload too.
                    if subnegotiationBytes.count < Self.maximumSubnegotiation { subnegotiationBytes.append(byte) }
                    state = .subnegotiation
                }
            }
        }
        return events
    }
}
