import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command tree and turns every outcome into bktool's exit codes: 0 success, 1 operation failed,
/// 2 usage or bad input (docs/ARCHITECTURE.md). Errors go to stderr as one line with a hint; with `--json` the same error
/// is also printed on stdout as the last JSON document.
enum ErrorReporting {
    static func run(_ root: BKTool.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        let wantsJSON = arguments.contains("--json")
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let failure as CLIFailureConvertible {
            report(failure.cliFailure, json: wantsJSON)
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                // --help, --version: ArgumentParser's own text on stdout.
                Terminal.writeOutput(root.fullMessage(for: error) + "\n")
                exit(0)
            }
            if let exitCode = error as? ExitCode {
                exit(exitCode.rawValue)
            }
            if code == .validationFailure {
                let message = root.fullMessage(for: error)
                let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
                    ?? message
                let failure = CLIFailure.badInput("usage", firstLine.replacingOccurrences(of: "Error: ", with: ""),
                                                  hint: "see `bktool help` or `bktool <command> --help`")
                if wantsJSON { JSONOutput.emit(JSONFailure(error: detail(failure))) }
                Terminal.writeError(message.hasSuffix("\n") ? message : message + "\n")
                exit(CLIFailure.Kind.badInput.exitCode)
            }
            report(.failed("unexpected", String(describing: error), hint: "please report this"), json: wantsJSON)
        }
    }

    static func report(_ failure: CLIFailure, json: Bool) -> Never {
        if json { JSONOutput.emit(JSONFailure(error: detail(failure))) }
        Terminal.writeError(failure.line + "\n")
        exit(failure.kind.exitCode)
    }

    private static func detail(_ failure: CLIFailure) -> JSONFailure.Detail {
        JSONFailure.Detail(code: failure.code, message: failure.message, hint: failure.hint,
                           exitCode: failure.kind.exitCode)
    }
}
