/// A FIFO of bytes with cheap removal from the front (compacts lazily).
struct ByteQueue {
    private var storage: [UInt8] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(contentsOf bytes: [UInt8]) {
        storage += bytes
    }

    mutating func take(upTo maxCount: Int) -> [UInt8] {
        let end = head + min(maxCount, count)
        let bytes = Array(storage[head..<end])
        head = end
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 65_536 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return bytes
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
