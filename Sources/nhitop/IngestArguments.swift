import ArgumentParser
import Events
import Foundation
import Ingest

/// Options every command that reads logs shares.
struct IngestArguments: ParsableArguments {
    @Option(name: .customLong("mapping"), help: ArgumentHelp(
        "A YAML file that adds log formats (see examples/mapping-toolgateway.yaml). Repeatable.",
        valueName: "file"))
    var mappings: [String] = []

    @Option(help: ArgumentHelp(
        "Leave out events before a duration back from now (90s, 15m, 2h, 7d) or an RFC 3339 time.",
        valueName: "duration|time"))
    var since: String?

    @Option(help: ArgumentHelp(
        "Threads that decode files read once (report, export, directories, .gz): 0 = every active core, 1 = one. The output is the same.",
        valueName: "n"))
    var threads: Int = 0

    /// Block size of the parallel read; tests make it tiny so blocks end inside records.
    @Option(name: .customLong("decode-block-bytes"), help: .hidden)
    var decodeBlockBytes: Int?

    func validate() throws {
        if threads < 0 { throw ValidationError("--threads must be 0 (every active core) or more") }
        if let decodeBlockBytes, decodeBlockBytes < 1 { throw ValidationError("--decode-block-bytes must be at least 1") }
    }

    /// Options for the decoders, or a one-line error naming the file, key or value.
    func options() throws -> IngestOptions {
        var options = IngestOptions()
        options.decodeThreads = threads
        if let decodeBlockBytes { options.decodeBlockBytes = decodeBlockBytes }
        for path in mappings {
            do {
                let file = try FormatMapping.loadFile(contentsOf: path)
                options.mappings += file.formats
                if let kinds = file.kinds { options.kindRules = kinds }  // the last file with `kinds:` wins
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if let since {
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            do {
                options.since = try SinceParser.parse(since, now: now)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return options
    }
}
