import Testing
import Foundation
@testable import BekenImage

@Test func scratch() throws {
    let cipher = BekenCodeCipher(hexKey: "510fb093 a3cbeadc 5993a17e c7adeb03")!
    for name in ["Brilo_8464455_Ceiling_Light.bin", "Mirabella_Genio_I003632_Plug.bin", "Globe_Electric_37783_RGBCT_Bulb_v2.0.0.bin"] {
        let dump = try DumpFixtures.bytes(name)
        var (boot, _) = CRC16Interleave.strip(dump[0..<0x11000])
        var (app, _) = CRC16Interleave.strip(dump[0x11000..<0x129F70])
        cipher.apply(to: &app, startingAt: 0x10000)
        cipher.apply(to: &boot, startingAt: 0)
        try Data(app).write(to: URL(fileURLWithPath: "/tmp/img-\(name.prefix(6)).app"))
        try Data(boot).write(to: URL(fileURLWithPath: "/tmp/img-\(name.prefix(6)).boot"))
    }
}
