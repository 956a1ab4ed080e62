#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events

/// A record read back from its source: the pretty-printed, sanitized lines, or one line saying
/// why it cannot be shown. Mirrors the dashboard's `RawRecordView` (title, lines, problem).
public struct RecordReadBackResult: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// The record, pretty-printed (JSON) or as text, every line display-safe; the last line
        /// may be `… N more lines`.
        case lines([String])
        /// Why it cannot be shown, one display-safe line.
        case problem(String)
    }

    /// `trail.json line 1204`, `trail.json record at byte 5123 (line 1)`, `stdin line 88`. Display-safe.
    public var title: String
    public var outcome: Outcome

    public init(title: String, outcome: Outcome) {
        self.title = title
        self.outcome = outcome
    }

    /// The lines, or empty when there is a problem.
    public var lines: [String] {
        if case let .lines(lines) = outcome { return lines }
        return []
    }

    public var problem: String? {
        if case let .problem(p) = outcome { return p }
        return nil
    }
}

/// Reads the raw record an event came from back from its file, by the position Ingest recorded
/// in `EventOrigin`, for the identity view (Enter on a timeline line). Blocking file I/O: call
/// it off the render path; it reads at most about `maxBytes` (plus, for gzip, inflating up to
/// the record).
///
/// - By offset (every event Ingest decodes): `pread` at `offset` for `length` bytes; a gzip file
///   is inflated from its start up to the offset. The bytes must still be the record (a JSON
///   value of exactly that length), else the file changed since.
/// - By line (an origin with no offset): the first `{` on that line to its closing brace;
///   a line with no JSON is shown as text.
/// - `-` (standard input) and `demo` have no file to read again. (A regular file really named
///   `demo` is tried first; if it does not hold the record, the event is taken for the demo's.)
public enum RecordReadBack {
    public static let defaultMaxLines = 2_000

    public static func read(_ origin: EventOrigin, maxBytes: Int = 1 << 20,
                            maxLines: Int = defaultMaxLines) -> RecordReadBackResult {
        let maxBytes = max(2, maxBytes)
        switch origin.source {
        case "-":
            return RecordReadBackResult(title: "stdin line \(origin.line)",
                                        outcome: .problem("standard input cannot be read back"))
        case "":
            return RecordReadBackResult(title: "line \(origin.line)", outcome: .problem("the event has no source to read back"))
        case "demo":
            let demo = RecordReadBackResult(title: "demo line \(origin.line)", outcome: .problem("demo traffic has no file"))
            guard isRegularFile("demo") else { return demo }
            let fromFile = readFile(origin, maxBytes: maxBytes, maxLines: maxLines)
            return fromFile.problem == nil ? fromFile : demo
        default:
            return readFile(origin, maxBytes: maxBytes, maxLines: maxLines)
        }
    }

    /// `bytes` as the identity view shows a record: JSON pretty-printed with 2-space indentation
    /// (keys in their written order, strings as written), anything else as text lines; every
    /// line display-safe; at most `maxLines` lines, then `… N more lines`.
    public static func prettyPrint(_ bytes: [UInt8], maxLines: Int = defaultMaxLines) -> [String] {
        RecordPrettyPrinter.lines(bytes[...], maxLines: maxLines)
    }

    // MARK: Files

    private static func readFile(_ origin: EventOrigin, maxBytes: Int, maxLines: Int) -> RecordReadBackResult {
        let path = origin.source
        let name = RecordFile.safe(path)
        let lineTitle = "\(name) line \(origin.line)"
        func problem(_ message: String, title: String = lineTitle) -> RecordReadBackResult {
            RecordReadBackResult(title: title, outcome: .problem(message))
        }
        if origin.offset >= 0 {
            let length = Int(origin.length)
            if length > maxBytes {
                return problem("the record is \(RecordFile.bytesText(Int64(length))), more than the \(RecordFile.bytesText(Int64(maxBytes))) read back at most")
            }
            let window: RecordWindow
            switch RecordFile.window(path: path, offset: origin.offset, count: length > 0 ? length : maxBytes + 1) {
            case let .success(w): window = w
            case let .failure(p): return problem(p.message)
            }
            let title = window.startsLine ? lineTitle : "\(name) record at byte \(origin.offset) (line \(origin.line))"
            let changed = "file \(name) has changed since: no record at byte \(origin.offset)"
            let record: ArraySlice<UInt8>
            if length > 0 {
                guard window.bytes.count == length else {
                    return problem(window.readProblem ?? changedOrShorter(name, window, changed), title: title)
                }
                // The same bytes still form one value of exactly that length: the record, not a neighbour.
                guard RecordEndScanner.end(of: window.bytes[...]) == length else { return problem(changed, title: title) }
                record = window.bytes[...]
            } else {
                guard let end = RecordEndScanner.end(of: window.bytes[...]) else {
                    if let p = window.readProblem { return problem(p, title: title) }
                    if window.bytes.count > maxBytes {
                        return problem("the record is larger than the \(RecordFile.bytesText(Int64(maxBytes))) read back at most", title: title)
                    }
                    return problem(window.bytes.isEmpty ? changedOrShorter(name, window, changed) : changed, title: title)
                }
                record = window.bytes[..<end]
            }
            guard let lines = RecordPrettyPrinter.jsonLines(record, maxLines: maxLines) else {
                return problem(changed, title: title)
            }
            return RecordReadBackResult(title: title, outcome: .lines(lines))
        }
        guard origin.line >= 1 else { return problem("the event has no position in \(name)") }
        switch RecordFile.lineWindow(path: path, line: origin.line, count: maxBytes + 1) {
        case let .failure(p):
            return problem(p.message)
        case let .success(window):
            switch byLine(window, name: name, line: origin.line, maxBytes: maxBytes, maxLines: maxLines) {
            case let .success(lines): return RecordReadBackResult(title: lineTitle, outcome: .lines(lines))
            case let .failure(p): return problem(p.message)
            }
        }
    }

    /// The record that starts on a line: its text before the first `{` (a prefix such as
    /// `[notice]`, shown as a line of its own), then the JSON value to its close, pretty-printed.
    /// A line holding no whole JSON value is shown as the line's text.
    private static func byLine(_ window: RecordWindow, name: String, line: Int64, maxBytes: Int,
                               maxLines: Int) -> Result<[String], ReadBackProblem> {
        let bytes = window.bytes[...]
        let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let firstLine = bytes[..<lineEnd]
        let tooLarge = ReadBackProblem(message: window.readProblem
            ?? "the record on line \(line) is larger than the \(RecordFile.bytesText(Int64(maxBytes))) read back at most")
        if let brace = firstLine.firstIndex(of: 0x7B) {
            if let end = RecordEndScanner.end(of: bytes[brace...]),
               var lines = RecordPrettyPrinter.jsonLines(bytes[brace..<end], maxLines: maxLines) {
                let prefix = firstLine[..<brace]
                if prefix.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                    lines.insert(contentsOf: RecordPrettyPrinter.text(prefix, maxLines: 1).map(\.trimmingTrailingBlanks), at: 0)
                }
                return .success(lines)
            }
        }
        // No whole JSON value: the line as text, unless even the line is cut by the cap.
        if bytes.count > maxBytes && lineEnd == bytes.endIndex { return .failure(tooLarge) }
        let text = RecordPrettyPrinter.text(firstLine, maxLines: maxLines)
        guard !text.isEmpty else {
            return .failure(ReadBackProblem(message: window.readProblem ?? "file \(name) has changed since: line \(line) is blank"))
        }
        return .success(text)
    }

    /// The window ends before the record does: the file shrank (rotation, truncation), or the
    /// bytes there are something else.
    private static func changedOrShorter(_ name: String, _ window: RecordWindow, _ changed: String) -> String {
        window.reachedEnd ? "file \(name) has been rotated or truncated since (it ends inside the record)" : changed
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}

private extension String {
    var trimmingTrailingBlanks: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
