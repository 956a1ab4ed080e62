import Events
import Foundation
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

/// The shared corpus of real public samples, located relative to this file:
/// `<package root>/../shared/corpus`. Nil (and the tests skip, saying so) when it is absent.
let corpusURL: URL? = {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IngestTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
    let corpus = root.appendingPathComponent("../shared/corpus").standardizedFileURL
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isDir), isDir.boolValue else {
        print("corpus not found at \(corpus.path): skipping corpus tests")
        return nil
    }
    return corpus
}()

func corpusBytes(_ relative: String) -> [UInt8]? {
    guard let corpusURL else { return nil }
    guard let data = FileManager.default.contents(atPath: corpusURL.appendingPathComponent(relative).path) else {
        print("corpus file \(relative) missing: skipping")
        return nil
    }
    return [UInt8](data)
}

/// A JSON line, from a dictionary literal rendered by hand (keeps tests readable).
func line(_ s: String) -> String { s + "\n" }
