@testable import BekenProtocol

/// Hex literal → bytes for the worked examples of bk7231tools base/enums.py; bk_idk bl_bk_hci_protocol.c.
func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.bytes(text) else { fatalError("bad hex in test: \(text)") }
    return bytes
}

/// Decodes exactly one frame from `bytes`.
func decodeOne(_ bytes: [UInt8]) -> ResponseFrame? {
    var decoder = ResponseDecoder()
    decoder.feed(bytes)
    return decoder.nextFrame()
}
