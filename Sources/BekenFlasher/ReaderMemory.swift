/// What the reader learned on this link and carries from one span (and one read) to the next: whether FlashRead
/// (0x08) works, whether the careful reader is still on and in which piece layout. Owned by the Flasher, one per
/// connection; starts from the chip's profile.
final class ReaderMemory {
    /// Whether the bootloader answers FlashRead (0x08). Starts from the profile; the careful reader clears it
    /// when the chip says "unknown command".
    var flashReadWorks: Bool
    /// Whether the careful reader takes its next span in wide pieces (CarefulReader.Layout.flashReadWide).
    var carefulWide = false
    /// Spans the reader still takes carefully (CarefulReader) after the link last corrupted a reply.
    var carefulSpansLeft = 0

    init(flashReadWorks: Bool) {
        self.flashReadWorks = flashReadWorks
    }
}
