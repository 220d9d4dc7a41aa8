import BekenChips

/// What one write operation knows about the flash it is changing: the ranges the chip's CRC proved, the sectors a
/// garbled erase or write may have changed after they were proven, and how to check the next written run. Owned by
/// the Flasher, emptied at the start of each write.
final class WriterMemory {
    /// Ranges proven by the chip's CRC during the current operation.
    private(set) var verified = FlashRanges()
    /// What `verified` held at the last erase or write whose trouble leaves unknown where it acted (another op
    /// answered, the chip refused): it may have changed any of those, so the writer checks them once more at the
    /// end. Ranges proven later were checked after it.
    private(set) var rangesToCheckAgain = FlashRanges()
    /// Sectors that a write or erase whose reply echoed another address may have changed there.
    private var suspectSectors = FlashRanges()
    /// A failed erase or write left unknown where it acted (no echo of where it went: silence, a cut or garbled
    /// reply, a refusal): a byte lost in its address field makes the chip take the next bytes as address, and the
    /// bytes that complete the frame may be a pad or a resync. Outside the write, only a check of every known
    /// sector finds such a change (FlashWriter.sweepOutside).
    private(set) var placeUnknown = false
    /// Whether the writer checks the next written run sector by sector (the last run's CRC did not match).
    var checkSectorsSeparately = false
    /// What the sector checks found about data written at `damageRate`: the evidence for a noisy line (it steps the
    /// baud down), and how many arrived intact (a few prove the rate, so runs are checked a run at a time).
    var damageRate = 0
    var damageEvidence = WriteDamageEvidence()
    var intactAtRate = 0
    /// A write on this connection stepped the baud down for damaged writes: the line is known to be noisy
    /// (WriteDamageEvidence). Cleared by `startConnection`.
    var steppedDownForDamage = false
    /// Each rate the evidence of a noisy line was found at on this connection, in order, with what it rested on.
    var noisyRates: [(rate: Int, damaged: Int, written: Int)] = []

    /// A new connection: nothing proven, nothing known about the line.
    func startConnection() {
        forget()
        damageRate = 0
        damageEvidence = WriteDamageEvidence()
        intactAtRate = 0
        steppedDownForDamage = false
        noisyRates = []
    }

    /// Drops everything proven (a new operation, or a whole-range check disagreed: prove it again).
    func forget() {
        verified = FlashRanges()
        rangesToCheckAgain = FlashRanges()
        suspectSectors = FlashRanges()
        placeUnknown = false
    }

    /// The sweep for `placeUnknown` is done (not before it ends: a sweep cut short by a relink runs again).
    func sweptOutside() { placeUnknown = false }

    func markVerified(_ range: Range<Int>) { verified.insert(range) }

    /// Takes the suspect sectors, in address order (they are being checked now).
    func takeSuspectSectors() -> [Int] {
        defer { suspectSectors = FlashRanges() }
        return suspectSectors.flatMap { stride(from: $0.lowerBound, to: $0.upperBound, by: FlashGeometry.sector) }
    }

    /// Takes the suspect sectors whose address `isSettled` accepts; the rest stay suspect.
    func takeSuspectSectors(where isSettled: (Int) -> Bool) -> [Int] {
        let all = takeSuspectSectors()
        for address in all where !isSettled(address) {
            suspectSectors.insert(address ..< address + FlashGeometry.sector)
        }
        return all.filter(isSettled)
    }

    /// One failed attempt of a command that changes flash at `address…address + span`, judged by its reply.
    /// A reply that echoed another address names where the garbled command acted (or, when only the reply was
    /// garbled, a sector it did not touch): those sectors are checked again at the end. No reply, or one that
    /// stopped mid-frame, means the chip acted, if at all, where the command was sent (a garbled length or header,
    /// a reset, bytes lost on the way back): that sector is checked anyway. Any other trouble (another op
    /// answering, a refusal) leaves the place unknown: every range proven so far is checked again.
    /// An erase's size code can be garbled too (0x20 into 0x52 or 0xD8, bk_idk bl_bk_hci_protocol.c
    /// FLASH_SIZE_ERRASE_CMD): any trouble with an erase makes the 64 KiB block around where it went suspect.
    func noteFailedAttempt(_ error: any Error, address: Int, span: Int, isErase: Bool) {
        let failure = error as? FlasherError
        if case .echoedAddress(let echoed)? = failure?.replyDamage {
            suspectSectors.insert(Self.reach(of: echoed, span: span, isErase: isErase))
            return
        }
        placeUnknown = true
        if failure?.code != .noResponse && failure?.replyDamage != .truncated {
            rangesToCheckAgain = verified
            if isErase { suspectSectors.insert(Self.reach(of: address, span: span, isErase: true)) }
        }
    }

    /// The sectors a command sent to `address` may have changed.
    /// The sectors a command that went to `address` may have changed (an erase clears the block of its size that
    /// holds the address; an unaligned Write4K spans two sectors). Chip addresses: the flash wraps them.
    private static func reach(of address: Int, span: Int, isErase: Bool) -> Range<Int> {
        if isErase {
            let first = FlashGeometry.blockFloor(address)
            return first ..< first + FlashGeometry.block
        }
        return FlashGeometry.sectorFloor(address) ..< FlashGeometry.sectorCeil(address + span)
    }
}
