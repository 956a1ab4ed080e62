import Events
import Foundation
import Ingest
import Testing
@testable import Rules

/// `../shared` beside the clone: the corpus of real samples and SigmaHQ's rules for the formats
/// nhitop reads. Tests that read them carry `.enabled(if: Shared.isAvailable, Shared.absent)`,
/// so their absence shows as a skip; `sharedPresentUnderCI` fails when CI=true and they are absent.
enum Shared {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RulesTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared").standardizedFileURL

    static let corpus = url.appendingPathComponent("corpus")
    static let sigma = url.appendingPathComponent("sigma")

    static let isAvailable: Bool = isFolder(corpus) && isFolder(sigma)

    static let absent: Comment = "../shared/corpus or ../shared/sigma not beside the clone"

    /// CI sets CI=true; there a missing folder is a failure, not a skip.
    static var requiredByCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    private static func isFolder(_ u: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// All of ../shared/sigma, loaded once.
    static let sigmaRules: RuleSet = RuleLoader.load(builtin: false, sigmaPaths: [sigma.path])
}

/// Decodes `bytes` as one source whose options carry `rules`, returning its events.
func decode(_ bytes: [UInt8], rules: RuleSet, name: String = "test") -> [NormalizedEvent] {
    var options = IngestOptions()
    options.rules = rules
    var decoder = SourceDecoder(sourceName: name, options: options)
    var events: [NormalizedEvent] = []
    decoder.feed(bytes) { events.append($0) }
    decoder.finish { events.append($0) }
    return events
}

func decode(_ text: String, rules: RuleSet) -> [NormalizedEvent] { decode(Array(text.utf8), rules: rules) }

/// A catalogue holding one entry with `detection` (YAML, indented under `detection:`) for
/// `format`; no built-in entries.
func catalogueRule(_ detection: String, format: String = "cloudtrail", id: String = "test.rule",
                   reason: String? = nil) -> RuleSet {
    var yaml = """
    - id: \(id)
      title: Test rule
      format: \(format)
      level: high
      tactic: persistence
      techniques: [T1098]

    """
    if let reason { yaml += "  reason: \"\(reason)\"\n" }
    yaml += "  detection:\n" + detection.split(separator: "\n", omittingEmptySubsequences: false)
        .map { "    " + $0 }.joined(separator: "\n") + "\n"
    return RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "test.yml", yaml: yaml)])
}

/// A minimal CloudTrail record (one line) with `extra` JSON members appended.
func cloudTrail(_ eventName: String = "CreateAccessKey", source: String = "iam.amazonaws.com", _ extra: String = "") -> String {
    var s = #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"},"eventTime":"2024-05-01T10:00:00Z","eventSource":""#
    s += source + #"","eventName":""# + eventName + #"","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.0""#
    if !extra.isEmpty { s += "," + extra }
    return s + "}\n"
}

/// The ids of the rules that `record` (one or more JSON lines) hits, per event.
func hitIDs(_ rules: RuleSet, _ record: String) -> [String] {
    decode(record, rules: rules).flatMap { $0.ruleHits.map(\.rule.id) }
}

/// True when the single-rule set `rules` matches `record`; records a failure if it decodes to no event.
func matches(_ rules: RuleSet, _ record: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    #expect(rules.skipped.isEmpty, "\(rules.skipped)", sourceLocation: sourceLocation)
    #expect(rules.rules.count == 1, sourceLocation: sourceLocation)
    let events = decode(record, rules: rules)
    #expect(events.count == 1, "the record did not decode to one event", sourceLocation: sourceLocation)
    return events.contains { !$0.ruleHits.isEmpty }
}
