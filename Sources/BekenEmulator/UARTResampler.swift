/// What a UART receiving at one rate makes of 8N1 bytes sent at another: the line is rebuilt bit by bit and sampled
/// like a real receiver (wait for a low level, sample mid-bit, check the stop bit). A byte with a bad stop bit is
/// delivered as 0x00, as Linux does for a framing error in raw mode (no IGNPAR/PARMRK). This is the "garbage" a
/// user sees with the wrong rate set in a terminal (seed 000: "If, instead of legible text you get random
/// characters, you may need to set a different speed").
public enum UARTResampler {
    public static func received(_ bytes: [UInt8], sentAt sendBaud: Int, receivedAt receiveBaud: Int) -> [UInt8] {
        guard sendBaud > 0, receiveBaud > 0, !bytes.isEmpty else { return [] }
        if sendBaud == receiveBaud { return bytes }
        let totalBits = bytes.count * 10
        /// Line level during sender bit `index` (idle high after the last byte).
        func level(_ index: Int) -> Bool {
            guard index < totalBits else { return true }
            let within = index % 10
            if within == 0 { return false }
            if within == 9 { return true }
            return (bytes[index / 10] >> (within - 1)) & 1 == 1
        }
        let senderBit = 1.0 / Double(sendBaud)
        let receiverBit = 1.0 / Double(receiveBaud)
        func level(at time: Double) -> Bool { level(Int(time / senderBit)) }
        let end = Double(totalBits) * senderBit
        var received: [UInt8] = []
        var time = 0.0
        while time < end {
            // Find the next low level: the line changes only at sender bit boundaries.
            var index = Int(time / senderBit)
            while index < totalBits, level(index) { index += 1 }
            guard index < totalBits else { break }
            let edge = max(time, Double(index) * senderBit)
            guard !level(at: edge + receiverBit / 2) else {  // a glitch shorter than half a bit: keep looking
                time = edge + receiverBit / 2
                continue
            }
            var value: UInt8 = 0
            for bit in 0..<8 where level(at: edge + (Double(bit) + 1.5) * receiverBit) {
                value |= 1 << bit
            }
            let stopOK = level(at: edge + 9.5 * receiverBit)
            received.append(stopOK ? value : 0)
            time = edge + 9.5 * receiverBit
        }
        return received
    }
}
