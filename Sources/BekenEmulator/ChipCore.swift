/// What the chip does in answer to one frame: chip time, an optional baud switch and hold, then the reply.
struct ChipAction: Sendable {
    /// Bytes to transmit (empty: no reply).
    var reply: [UInt8] = []
    /// Flash/CRC time before the reply (only spent when pacing is on).
    var busy: Duration = .zero
    /// Switch the UART to this rate first (SetBaudRate, bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD).
    var newBaudRate: Int?
    /// Always-honoured wait before the reply (SetBaudRate's delay_ms, bk_idk bl_bk_hci_protocol.c CHANGE_UART_SAMPRATE_CMD).
    var hold: Duration = .zero
    /// The chip reset itself (Reboot A5, "SEAN", a brown-out fault).
    var didReset = false
    /// Injected stall: the reply waits this much longer (FaultPlan).
    var stall: Duration = .zero
}

/// One command the chip received while listening.
public struct ChipCommandRecord: Sendable, Equatable {
    /// Long (0xF4 flash operate) or short frame.
    public var isLong: Bool
    /// Short command or long op code.
    public var code: UInt8
    /// The address field, for commands that carry one.
    public var address: UInt32?
    /// Payload bytes after the code.
    public var payloadLength: Int
    /// Status sent back for long ops (nil: short, or no reply).
    public var status: UInt8?
    /// Time since the chip was created.
    public var time: Duration
}

/// The chip's state and command semantics (bk_idk bl_bk_hci_protocol.c). Pure: time is passed in; no I/O, no locks.
struct ChipCore: Sendable {
    /// CheckCRC ranges above this (16 MiB: over 30 s of hashing at the modelled rate) are only timed, not computed:
    /// no host waits for their answer (see `checkCRC`).
    static let largestComputedCRC = 16 << 20

    let configuration: VirtualChip.Configuration
    var traits: PersonalityTraits { configuration.traits }
    var timing: TimingModel { configuration.timing }
    let created: ContinuousClock.Instant

    var flash: NORFlash
    var parser = ChipFrameParser()
    private(set) var baudRate: Int
    private(set) var runState: ChipRunState
    private(set) var bootWindowEnd: ContinuousClock.Instant
    private(set) var lastReset: ContinuousClock.Instant
    private(set) var resetCount = 0
    var scheduledReset: ContinuousClock.Instant?
    /// BL protect-lock: the flash is "marked" protected, so the next erase unprotects it (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py).
    var protectMarked = false
    var registers: [UInt32: UInt32] = [:]
    var efuseControl: UInt32 = 0
    var efuseResult: UInt32 = 0
    private(set) var log: [ChipCommandRecord] = []
    /// Frames received while listening since creation (fault triggers count these).
    private(set) var framesReceived = 0
    /// Host bytes arrived since creation, heard or not (brown-out at a byte count).
    private(set) var bytesReceived = 0
    /// Triggered faults injected so far (wire faults are counted by the server).
    var faultCounts = FaultCounts()
    var faultRandom: SeededGenerator

    init(configuration: VirtualChip.Configuration, now: ContinuousClock.Instant) {
        self.configuration = configuration
        created = now
        flash = NORFlash(
            contents: configuration.flash, jedecID: configuration.effectiveJEDECID,
            sr1: configuration.statusRegister1, sr2: configuration.statusRegister2)
        baudRate = configuration.resetBaudRate
        runState = configuration.initialState
        bootWindowEnd = now + configuration.bootWindow
        lastReset = now
        faultRandom = SeededGenerator(seed: configuration.faults.seed ^ 0xC0FF_EE00_D15E_A5E5)
        flash.ignoresErase = configuration.faults.eraseIgnored
        if configuration.traits.crcProtectLock { flash.protectAll() }
    }

    /// Counts host bytes; a brown-out planned at a byte count resets the chip. True when it reset.
    mutating func noteArrival(of count: Int, at time: ContinuousClock.Instant) -> Bool {
        let before = bytesReceived
        bytesReceived += count
        guard configuration.faults.resetAtReceivedBytes.contains(where: { $0 > before && $0 <= bytesReceived })
        else { return false }
        faultCounts.resets += 1
        reset(at: time)
        return true
    }

    /// Reset (power-on, CEN, Reboot A5): 115200, parser cleared, boot window opens (bk_idk bootloader.c legacy_boot_main).
    mutating func reset(at time: ContinuousClock.Instant) {
        baudRate = configuration.resetBaudRate
        parser.reset()
        runState = .bootWindow
        bootWindowEnd = time + configuration.bootWindow
        lastReset = time
        resetCount += 1
        scheduledReset = nil
        protectMarked = false
        if traits.crcProtectLock { flash.protectAll() }  // the bootloader guards its flash (bk7231tools base/enums.py crc_flash_protect_lock, cmd_ll_chip.py)
        if flash.statusRegisterLocked {
            // A locked-down status register comes back at power-up as it was before the bad write (PR #29:
            // "breaks flashing until the chip is reset").
            flash.statusRegisterLocked = false
            flash.sr1 = configuration.statusRegister1
            flash.sr2 = configuration.statusRegister2
        }
    }

    /// CEN driven by the host's RTS (LibreTiny docs flashing.md): asserted holds the chip in reset, released boots it.
    mutating func setResetLine(asserted: Bool, at time: ContinuousClock.Instant) {
        if asserted {
            runState = .heldInReset
            scheduledReset = nil
            parser.reset()
        } else if runState == .heldInReset {
            reset(at: time)
        }
    }

    /// Applies what time alone does: a scheduled reset, the end of the boot window.
    mutating func advance(to time: ContinuousClock.Instant) {
        if let due = scheduledReset, due <= time, runState != .heldInReset { reset(at: due) }
        if runState == .bootWindow, time >= bootWindowEnd { runState = .applicationRunning }
    }

    /// Bytes arrived that the chip cannot hear (application running or baud mismatch): the modelled person resets it.
    mutating func noteUnheardTraffic(at time: ContinuousClock.Instant) {
        guard scheduledReset == nil, runState != .heldInReset, let delay = configuration.resetAfter else { return }
        scheduledReset = time + delay
    }

    var isListening: Bool { runState == .bootWindow || runState == .downloadMode }

    /// Feeds received bytes starting at `start`; stops after a completed frame.
    /// Returns the index after the last consumed byte and the frame, if one completed.
    mutating func receive(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, frame: ChipFrame?) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let frame = parser.feed(byte) { return (index, frame) }
        }
        return (index, nil)
    }

    /// Handles a complete frame received at `time`. Nil when the chip does not answer or is not listening.
    mutating func handle(_ frame: ChipFrame, at time: ContinuousClock.Instant) -> ChipAction? {
        advance(to: time)
        guard isListening else { return nil }
        framesReceived += 1
        let faults = configuration.faults
        if faults.resetAtFrames.contains(framesReceived) {
            // Brown-out as the command arrives: nothing executes, the boot window opens again (bk_idk bootloader.c legacy_boot_main).
            faultCounts.resets += 1
            reset(at: time)
            return ChipAction(didReset: true)
        }
        var action: ChipAction?
        var record: ChipCommandRecord
        switch frame {
        case .short(let command, let payload):
            action = handleShort(command, payload, at: time)
            record = ChipCommandRecord(
                isLong: false, code: command, address: Self.addressField(command, payload, isLong: false),
                payloadLength: payload.count, status: nil, time: time - created)
        case .long(_, let len16, let op, let payload):
            action = handleLong(op, len16: len16, payload)
            record = ChipCommandRecord(
                isLong: true, code: op, address: Self.addressField(op, payload, isLong: true),
                payloadLength: payload.count, status: action.flatMap { $0.reply.count > 10 ? $0.reply[10] : nil },
                time: time - created)
        }
        append(record)
        if action != nil, faults.stallAtFrames.contains(framesReceived)
            || (faults.stallRate > 0 && faultRandom.unit() <= faults.stallRate) {
            faultCounts.stalls += 1
            action?.stall = faults.stallDuration
        }
        return action
    }

    private mutating func append(_ record: ChipCommandRecord) {
        if log.count >= configuration.commandLogLimit { log.removeFirst(log.count / 2) }
        log.append(record)
    }

    private static func addressField(_ code: UInt8, _ payload: [UInt8], isLong: Bool) -> UInt32? {
        if isLong {
            switch code {
            case 0x06, 0x07, 0x08, 0x09, 0x0B: return payload.count >= 4 ? UInt32(littleEndian: payload[0..<4]) : nil
            case 0x0F: return payload.count >= 5 ? UInt32(littleEndian: payload[1..<5]) : nil
            default: return nil
            }
        }
        switch code {
        case 0x01, 0x03, 0x10: return payload.count >= 4 ? UInt32(littleEndian: payload[0..<4]) : nil
        default: return nil
        }
    }

    /// Download mode is latched by LinkCheck/StayRom in the boot window (bk_idk bootloader.c legacy_boot_main).
    mutating func latchDownloadMode() {
        if runState == .bootWindow { runState = .downloadMode }
    }

    mutating func setBaudRate(_ rate: Int) { baudRate = rate }
}
