@testable import BekenEmulator
import Testing

/// Noise whose byte-fault rate grows with the baud rate (`--fault noise`): a flasher that steps down gets a
/// cleaner line, which a flat rate never rewards.
@Suite("Baud-dependent noise")
struct BaudNoiseTests {
    @Test("the default: 0.1 % at 2 000 000, 0.02 % at 1 500 000, 0.002 % at 921 600, none below")
    func typicalSteps() {
        let noise = BaudNoise.typical
        #expect(noise.rate(at: 2_000_000) == 0.001)
        #expect(noise.rate(at: 3_000_000) == 0.001)
        #expect(noise.rate(at: 1_500_000) == 0.000_2)
        #expect(noise.rate(at: 1_000_000) == 0.000_02)
        #expect(noise.rate(at: 921_600) == 0.000_02)
        #expect(noise.rate(at: 460_800) == 0)
        #expect(noise.rate(at: 115_200) == 0)
    }

    @Test("`noise` alone is the default; `noise=BAUD:RATE,…` sets the steps in any order")
    func specs() throws {
        #expect(try FaultPlan(specs: ["noise"]).baudNoise == .typical)
        let plan = try FaultPlan(specs: ["noise=921600:0.01%,2000000:1%"])
        #expect(plan.baudNoise?.rate(at: 2_000_000) == 0.01)
        #expect(plan.baudNoise?.rate(at: 1_500_000) == 0.000_1)
        #expect(plan.baudNoise?.rate(at: 115_200) == 0)
        let rates = plan.byteRates(at: 2_000_000)
        #expect(abs(rates.drop + rates.flip + rates.garbage - 0.01) < 1e-12)
    }

    @Test(arguments: ["noise=2000000", "noise=fast:0.1%", "noise=2000000:150%", "noise=2000000:x"])
    func badSpecsAreRefused(spec: String) {
        #expect(throws: FaultPlan.SpecError.self) { try FaultPlan(specs: [spec]) }
    }

    @Test("the same bytes: damaged at 2 000 000, untouched at 460 800; the rate follows the line's baud")
    func injectorFollowsTheBaud() throws {
        var plan = FaultPlan()
        plan.baudNoise = BaudNoise(steps: [.init(baud: 2_000_000, rate: 0.01)])
        plan.seed = 11
        var injector = WireFaultInjector(plan: plan, stream: 1)
        let bytes = [UInt8](repeating: 0x55, count: 100_000)
        #expect(injector.pass(bytes[...], baud: 460_800) == bytes)
        #expect(injector.counts.total == 0)
        _ = injector.pass(bytes[...], baud: 2_000_000)
        // 1 % of 100 000 bytes: about 1000 faults (a third each kind); far outside chance either way.
        #expect((700 ... 1300).contains(injector.counts.total), "\(injector.counts)")
        #expect(injector.counts.droppedBytes > 150 && injector.counts.flippedBytes > 150 && injector.counts.garbageBytes > 150)
        let before = injector.counts
        #expect(injector.pass(bytes[...], baud: 921_600) == bytes)
        #expect(injector.counts == before)
    }
}
