@testable import BekenProtocol

/// Hex literal → bytes for the worked examples of protocol.md §4.
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
