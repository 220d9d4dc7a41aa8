import Foundation

/// Reads an input image, turning file problems into one-line usage errors.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIFailure.badInput("input-not-found", "\(path) does not exist", hint: "check the file name")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.badInput("input-not-readable", "cannot read \(path)", hint: "check that it is a readable file")
        }
        guard !data.isEmpty else {
            throw CLIFailure.badInput("input-empty", "\(path) is empty", hint: "pick the firmware image file")
        }
        return [UInt8](data)
    }
}
