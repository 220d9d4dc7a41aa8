import Foundation
import Testing
@testable import OpenBeken

@Suite struct OBKConfigJSONTests {
    /// Random configs survive JSON, including bytes kept verbatim behind a NUL.
    @Test func jsonRoundTrip() throws {
        var rng = SeededGenerator(seed: 77)
        for _ in 0..<20 {
            let config = OBKConfigCodecTests.randomConfig(using: &rng)
            let data = try JSONEncoder().encode(config)
            #expect(try JSONDecoder().decode(OBKConfig.self, from: data) == config)
        }
        var bytes = try OBKConfig().encodedStruct()
        bytes.replaceSubrange(0x14..<0x1C, with: "ab\0cdefg".utf8)
        bytes[3] = OBKConfig.checksum(of: bytes, version: 5)
        let decoded = try OBKConfig(decoding: bytes)
        let viaJSON = try JSONDecoder().decode(OBKConfig.self, from: JSONEncoder().encode(decoded))
        #expect(try viaJSON.encodedStruct() == bytes)
    }

    @Test func flagsEncodeAsTheirSixtyFourBitValue() throws {
        var config = OBKConfig()
        config.flags = OBKFlags(numbers: [10, 40])
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any])
        #expect((json["flags"] as? NSNumber)?.uint64Value == (1 << 10 | 1 << 40))
        #expect(config.flags.genericFlags == 0x400 && config.flags.genericFlags2 == 0x100)
    }
}
