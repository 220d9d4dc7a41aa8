import BekenTestSupport
import Foundation
import OpenBekenFake
import Testing
@testable import OpenBekenLAN

/// 10 000+ malformed replies over real loopback connections — cut short, garbage, bit-flipped, enormous,
/// stalled, dripping: the client must end every exchange with a reply or a typed error, never crash, and
/// never wait past its timeout.
@Suite struct MalformedReplyFuzzTests {
    static let caseCount = 10_240
    static let timeout = Duration.milliseconds(300)
    /// Scheduling slack on a loaded 2-core machine; a hang would be caught at 10 s by the server's own limit.
    static let slack = Duration.seconds(2)
    static let replyLimit = 64 * 1024

    /// A deterministic case for number `n`.
    static func plan(_ n: Int) -> MalformedReplyServer.Plan {
        var random = SplitMix64(seed: UInt64(n) &+ 0xB1C7)
        let valid = Array(("HTTP/1.1 200 OK\nContent-type: application/json\r\nConnection: close\r\n\r\n"
            + "{\"uptime_s\":\(n),\"build\":\"Build on x version 1.\(n)\",\"chipset\":\"BK7231N\",\"mac\":\"aa\"}").utf8)
        switch n % 100 {
        case 0..<35:  // cut short anywhere
            return .init(bytes: Array(valid.prefix(random.below(valid.count + 1))), delivery: .whole)
        case 35..<60:  // garbage
            return .init(bytes: (0..<random.below(3000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, delivery: .whole)
        case 60..<85:  // a valid reply with bytes flipped, inserted or removed
            var bytes = valid
            for _ in 0...random.below(6) {
                let index = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            return .init(bytes: bytes, delivery: .whole)
        case 85..<92:  // enormous: far past the reply limit
            let size = replyLimit + 1 + random.below(4 * replyLimit)
            let head = Array("HTTP/1.1 200 OK\n\r\n".utf8)
            return .init(bytes: head + [UInt8](repeating: UInt8(ascii: "A"), count: size), delivery: .whole)
        case 92..<94:  // enormous header line, no end
            return .init(bytes: Array("HTTP/1.1 200 OK\nX: ".utf8) + [UInt8](repeating: 0x41, count: replyLimit * 2), delivery: .whole)
        case 94..<97:  // part of a reply, then silence
            return .init(bytes: Array(valid.prefix(random.below(valid.count))), delivery: .thenStall)
        default:  // slow drip that would outlast the timeout
            return .init(bytes: valid, delivery: .drip(gap: .milliseconds(15 + random.below(20))))
        }
    }

    @Test func neverCrashesNorOverstaysItsTimeout() throws {
        let server = try MalformedReplyServer(plan: Self.plan)
        defer { server.stop() }
        let address = DeviceAddress(host: server.host, port: server.port)
        let results = Tally()
        let workers = 24
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                let client = OBKClient(address: address, timeout: Self.timeout, attempts: 1)
                var n = worker
                while n < Self.caseCount {
                    let started = ContinuousClock.now
                    var outcome = "reply"
                    do throws(LANError) {
                        let reply = try client.exchange(method: "GET", path: "/case/\(n)", maxReplyBytes: Self.replyLimit)
                        _ = DeviceInfo(json: reply.body)
                    } catch {
                        outcome = error.code.rawValue
                    }
                    results.add(outcome, elapsed: ContinuousClock.now - started, case: n)
                    n += workers
                }
                group.leave()
            }
        }
        group.wait()
        let summary = results.summary()
        print("malformed-reply fuzz: \(summary.total) cases, outcomes \(summary.counts.sorted { $0.key < $1.key }), "
            + "slowest \(summary.slowest) (case \(summary.slowestCase)), timeout \(Self.timeout)")
        #expect(summary.total == Self.caseCount)
        #expect(summary.slowest <= Self.timeout + Self.slack, "case \(summary.slowestCase) took \(summary.slowest)")
        // Every kind of failure was met, and intact replies still parsed.
        for code in ["reply", LANError.Code.badReply.rawValue, LANError.Code.timedOut.rawValue,
                     LANError.Code.replyTooLarge.rawValue] {
            #expect((summary.counts[code] ?? 0) > 0, "no case ended as \(code): \(summary.counts)")
        }
    }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        private var slowest = Duration.zero
        private var slowestCase = -1

        func add(_ outcome: String, elapsed: Duration, case n: Int) {
            lock.withLock {
                counts[outcome, default: 0] += 1
                if elapsed > slowest {
                    slowest = elapsed
                    slowestCase = n
                }
            }
        }

        func summary() -> (total: Int, counts: [String: Int], slowest: Duration, slowestCase: Int) {
            lock.withLock { (counts.values.reduce(0, +), counts, slowest, slowestCase) }
        }
    }
}

extension SplitMix64 {
    /// A number in 0 ..< bound (0 when bound is not positive).
    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}
