import Foundation

// libFuzzer's driver (compiler-rt FuzzerDriver.cpp `LLVMFuzzerRunDriver`). SwiftPM links an executable target's
// entry point as `<module>_main` (it renames `main` so executables can be tested), which libFuzzer's own `main`
// never calls; this entry hands the command line to the driver with the target chosen by BKFUZZ_TARGET.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("bkfuzz_main")
func bkfuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    if let directory = ProcessInfo.processInfo.environment["BKFUZZ_WRITE_SEEDS"] {
        // Seeds instead of fuzzing: BKFUZZ_DUMPS (a folder of real dumps) adds chip replies over real flash.
        let dumps = ProcessInfo.processInfo.environment["BKFUZZ_DUMPS"].map { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
                .filter { $0.hasSuffix(".bin") }.map { URL(fileURLWithPath: folder).appendingPathComponent($0) }
        } ?? []
        do {
            try SyntheticSeeds.write(to: URL(fileURLWithPath: directory), dumps: dumps)
            return 0
        } catch {
            FileHandle.standardError.write(Data("bkfuzz: cannot write seeds to \(directory): \(error)\n".utf8))
            return 1
        }
    }
    let name = ProcessInfo.processInfo.environment["BKFUZZ_TARGET"] ?? ""
    guard FuzzTarget(rawValue: name) != nil else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("bkfuzz: set BKFUZZ_TARGET to one of: \(names)\n".utf8))
        return 2
    }
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzTarget.selected.run(bytes)
        return 0
    }
}
