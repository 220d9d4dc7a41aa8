/// What the reader learned on this link and carries from one span (and one read) to the next: whether FlashRead
/// (0x08) works, whether the careful reader is still on and in which piece layout. Owned by the Flasher; starts
/// afresh from the chip's profile at each connect.
final class ReaderMemory {
    /// Whether the bootloader answers FlashRead (0x08). Starts from the profile; the careful reader clears it
    /// when the chip says "unknown command".
    var flashReadWorks = false
    /// Whether the careful reader takes its next span in wide pieces (CarefulReader.Layout.flashReadWide).
    var carefulWide = false
    /// Spans the reader still takes carefully (CarefulReader) after the link last corrupted a reply.
    var carefulSpansLeft = 0
    /// The link has damaged a reply since the connect: fast groups shrink to `FlashReader.troubledGroupSize`, so a
    /// CRC burst that a damaged reply voids wastes less hashing.
    var linkDamaged = false

    /// Forgets what the last chip taught: a new connection starts from its profile.
    func start(flashReadWorks: Bool) {
        self.flashReadWorks = flashReadWorks
        carefulWide = false
        carefulSpansLeft = 0
        linkDamaged = false
    }
}
