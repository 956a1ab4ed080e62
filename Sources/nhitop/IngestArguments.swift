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

    /// Options for the decoders, or a one-line error naming the file, key or value.
    func options() throws -> IngestOptions {
        var options = IngestOptions()
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
