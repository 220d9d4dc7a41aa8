import Crypto
import CryptoExtras

/// AES-128-ECB over whole 16-byte blocks, one block at a time with swift-crypto's raw block
/// permutation (docs/ARCHITECTURE.md, "Dependencies"). The Tuya KV store uses ECB with no padding (bk7231tools analysis/kvstorage.py).
struct TuyaCipher: Sendable {
    static let blockSize = 16
    private let key: SymmetricKey

    init(key: [UInt8]) {
        precondition(key.count == 16, "AES-128 needs a 16-byte key")
        self.key = SymmetricKey(data: key)
    }

    /// Decrypts `bytes[range]` in place; the range length must be a multiple of 16.
    func decrypt(_ bytes: inout [UInt8], range: Range<Int>) {
        apply(&bytes, range: range, forward: false)
    }

    /// Encrypts `bytes[range]` in place; the range length must be a multiple of 16.
    func encrypt(_ bytes: inout [UInt8], range: Range<Int>) {
        apply(&bytes, range: range, forward: true)
    }

    /// Decrypted copy of `count` bytes of `source` starting at `offset`.
    func decrypted(_ source: [UInt8], offset: Int, count: Int) -> [UInt8] {
        var out = Array(source[offset..<offset + count])
        decrypt(&out, range: 0..<count)
        return out
    }

    private func apply(_ bytes: inout [UInt8], range: Range<Int>, forward: Bool) {
        precondition(range.count % Self.blockSize == 0, "ECB works on whole 16-byte blocks")
        bytes.withUnsafeMutableBufferPointer { buffer in
            var start = range.lowerBound
            while start < range.upperBound {
                var block = UnsafeMutableBufferPointer(rebasing: buffer[start..<start + Self.blockSize])
                // Key size and block size are checked above, so the permutation cannot throw.
                if forward {
                    try! AES.permute(&block, key: key)
                } else {
                    try! AES.inversePermute(&block, key: key)
                }
                start += Self.blockSize
            }
        }
    }
}
