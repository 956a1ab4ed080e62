import Foundation

/// The shared corpus of real public samples, `<package root>/../shared/corpus`: CI runs on a
/// clone with `shared` beside it. Tests that need it are disabled, visibly, when it is absent.
enum Corpus {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/corpus").standardizedFileURL

    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()

    /// The corpus's log files (`.json`, `.log`), relative to `url`, sorted.
    static func files() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".log") }.sorted()
    }
}
