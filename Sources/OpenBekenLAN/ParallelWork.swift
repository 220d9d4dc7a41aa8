import Foundation

/// Runs blocking jobs on up to `width` threads and returns their results in input order. The client blocks
/// in poll(2), so plain threads (not the 2-thread cooperative pool of a 2-core machine) give the concurrency.
enum ParallelWork {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], width: Int,
                                                       _ job: @escaping @Sendable (Input) -> Output) -> [Output] {
        guard !inputs.isEmpty else { return [] }
        let state = SharedResults<Output>(count: inputs.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(width, inputs.count)) {
            group.enter()
            let thread = Thread {
                while let index = state.nextIndex() {
                    state.store(job(inputs[index]), at: index)
                }
                group.leave()
            }
            thread.stackSize = 1 << 19
            thread.start()
        }
        group.wait()
        return state.results()
    }

    private final class SharedResults<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Output?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            lock.withLock {
                guard next < slots.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ value: Output, at index: Int) { lock.withLock { slots[index] = value } }

        func results() -> [Output] { lock.withLock { slots.map { $0! } } }
    }
}
