#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over bytes (libc `memchr`/`memcmp`: fast in debug builds too).
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack[from...]`, or nil (libc `memchr` finds candidates).
    static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - pin.count  // last possible start
                var position = start
                while position <= last {
                    guard let found = memchr(hayBase + position, Int32(needle[0]), last - position + 1) else {
                        return nil
                    }
                    let offset = hayBase.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, pinBase, pin.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    /// The printable ASCII run that contains `offset` (bounded by non-printable bytes), at most `limit` bytes.
    static func printableString(in bytes: [UInt8], around offset: Int, limit: Int = 128) -> (start: Int, text: String) {
        var start = offset
        while start > 0, offset - start < limit, isPrintable(bytes[start - 1]) { start -= 1 }
        var end = offset
        while end < bytes.count, end - start < limit, isPrintable(bytes[end]) { end += 1 }
        return (start, String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// The NUL-terminated printable string starting at `offset` (nil if it is empty or not printable).
    static func cString(in bytes: [UInt8], at offset: Int, limit: Int = 128) -> String? {
        var end = offset
        while end < bytes.count, end - offset < limit, isPrintable(bytes[end]) { end += 1 }
        guard end > offset, end < bytes.count, bytes[end] == 0 else { return nil }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    static func isPrintable(_ byte: UInt8) -> Bool { (0x20..<0x7F).contains(byte) }
}
