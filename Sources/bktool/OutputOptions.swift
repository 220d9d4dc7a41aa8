import ArgumentParser

/// Output options shared by every command (docs/ARCHITECTURE.md "Command line": every command takes `--json`).
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON on stdout (progress as JSON lines, then one result document).")
    var json = false

    @Flag(name: .long, help: "No progress bar (errors and the summary are still printed).")
    var quiet = false
}
