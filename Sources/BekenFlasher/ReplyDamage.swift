/// What went wrong with the reply to one command, carried by the error the session throws for it: the retry logic
/// decides from this whether the chip was reset, where a garbled command may have acted, and whether to read
/// carefully from now on.
public enum ReplyDamage: Sendable, Equatable {
    /// Not one byte came back while waiting: most likely the chip was reset (brown-out) or never got the request.
    case silent
    /// Bytes came back but none of them made the expected reply (garbled, or replies to other requests).
    case unrecognised
    /// A reply started and stopped mid-frame: bytes were lost on the way back.
    case truncated
    /// A whole reply echoed another address than the one sent: the request was garbled on its way to the chip,
    /// and the chip acted there (or only the reply was garbled, and it acted where asked).
    case echoedAddress(Int)
}

extension FlasherError {
    /// The same error, saying how the reply was damaged.
    func with(damage: ReplyDamage) -> FlasherError {
        var copy = self
        copy.replyDamage = damage
        return copy
    }

    /// The session heard nothing at all while waiting for this reply.
    var isSilent: Bool { replyDamage == .silent }
}
