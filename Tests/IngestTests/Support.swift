import Events
import Foundation
import Testing
@testable import Ingest

/// Decodes `bytes` in chunks of `chunk` bytes (nil: all at once) and finishes the source.
func decode(_ bytes: [UInt8], name: String = "test", options: IngestOptions = IngestOptions(),
            chunk: Int? = nil, finish: Bool = true) -> (events: [NormalizedEvent], status: SourceStatus) {
    var decoder = SourceDecoder(sourceName: name, options: options)
    var events: [NormalizedEvent] = []
    let size = max(1, chunk ?? bytes.count)
    var i = 0
    while i < bytes.count {
        let end = min(bytes.count, i + size)
        decoder.feed(Array(bytes[i..<end])) { events.append($0) }
        i = end
    }
    if finish { decoder.finish { events.append($0) } }
    return (events, decoder.status)
}

func decode(_ text: String, name: String = "test", options: IngestOptions = IngestOptions(),
            chunk: Int? = nil, finish: Bool = true) -> (events: [NormalizedEvent], status: SourceStatus) {
    decode(Array(text.utf8), name: name, options: options, chunk: chunk, finish: finish)
}

/// The shared corpus of real public samples, `<package root>/../shared/corpus`: CI runs on a
/// clone with `shared` beside it. Tests that read it carry
/// `.enabled(if: Corpus.isAvailable, Corpus.absent)`, so its absence shows as a skip, and
/// `corpusPresentUnderCI` fails when CI=true and it is absent.
enum Corpus {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IngestTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/corpus").standardizedFileURL

    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()

    static let absent: Comment = "../shared/corpus not beside the clone"

    /// CI sets CI=true; there a missing corpus is a failure, not a skip.
    static var requiredByCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

/// A corpus file's bytes, or nil after recording a failure that names the file: a file
/// missing from the corpus, or a test that reads the corpus without being disabled in its absence.
func corpusBytes(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
    let path = Corpus.url.appendingPathComponent(relative).path
    guard let data = FileManager.default.contents(atPath: path) else {
        Issue.record("corpus file missing: \(path)", sourceLocation: sourceLocation)
        return nil
    }
    return [UInt8](data)
}

/// A JSON line, from a dictionary literal rendered by hand (keeps tests readable).
func line(_ s: String) -> String { s + "\n" }
