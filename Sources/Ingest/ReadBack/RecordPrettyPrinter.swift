import Events

/// Lays out one record's bytes for a person: JSON pretty-printed with 2-space indentation,
/// anything else as its text lines; every line sanitized (`DisplaySafe`).
///
/// A byte-level printer rather than a JSON library: keys stay in the order the log wrote them
/// (`JSONSerialization` sorts or hashes them), strings and numbers are copied as written
/// (escapes such as `\u001b` stay visible text, `1.0` stays `1.0`), and long strings stay whole
/// on their line (the view clips or wraps).
enum RecordPrettyPrinter {
    /// JSON (checked by a full parse) pretty-printed, else the bytes as text lines.
    /// At most `maxLines` lines, then one `… N more lines`.
    static func lines(_ bytes: ArraySlice<UInt8>, maxLines: Int) -> [String] {
        jsonLines(bytes, maxLines: maxLines) ?? text(bytes, maxLines: maxLines)
    }

    /// The bytes pretty-printed when they are one valid JSON value (full parse: UTF-8 and
    /// grammar), else nil.
    static func jsonLines(_ bytes: ArraySlice<UInt8>, maxLines: Int) -> [String]? {
        var tape = JSONTape(maxDepth: 1024)
        guard tape.parse(bytes) else { return nil }
        return bytes.withUnsafeBufferPointer { json($0, maxLines: maxLines) }
    }

    /// The bytes as text: one line per `\n` (a trailing `\r` dropped), blank lines at the end dropped.
    static func text(_ bytes: ArraySlice<UInt8>, maxLines: Int) -> [String] {
        var out = LineSink(maxLines: maxLines)
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                var end = i
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                out.emit(bytes[start..<end])
                start = i + 1
            }
            i += 1
        }
        if start < bytes.endIndex { out.emit(bytes[start..<bytes.endIndex]) }
        return out.finish(trimmingBlankTail: true)
    }

    /// Pretty-prints valid JSON: `{` and `[` open an indented block, `,` ends a line, `: `
    /// follows a key, an empty container stays `{}` / `[]`.
    private static func json(_ b: UnsafeBufferPointer<UInt8>, maxLines: Int) -> [String] {
        var out = LineSink(maxLines: maxLines)
        var line: [UInt8] = []
        var indent = 0
        var i = 0
        let n = b.count

        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        func breakLine() {
            out.emit(line[...])
            line.removeAll(keepingCapacity: true)
            if out.materializing { line.append(contentsOf: repeatElement(0x20, count: indent * 2)) }
        }

        while i < n {
            let c = b[i]
            switch c {
            case 0x20, 0x0A, 0x0D, 0x09:
                i += 1
            case 0x7B, 0x5B:  // { [
                var j = i + 1
                while j < n && isSpace(b[j]) { j += 1 }
                let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
                if j < n && b[j] == close {
                    line.append(c)
                    line.append(close)
                    i = j + 1
                } else {
                    line.append(c)
                    indent += 1
                    breakLine()
                    i += 1
                }
            case 0x7D, 0x5D:  // } ]
                indent -= 1
                breakLine()
                line.append(c)
                i += 1
            case 0x2C:  // ,
                line.append(c)
                breakLine()
                i += 1
            case 0x3A:  // :
                line.append(0x3A)
                line.append(0x20)
                i += 1
            case 0x22:  // a string, copied as written up to its unescaped closing quote
                let start = i
                i += 1
                var escape = false
                while i < n {
                    let s = b[i]
                    i += 1
                    if escape { escape = false } else if s == 0x5C { escape = true } else if s == 0x22 { break }
                }
                if out.materializing { line.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i])) }
            default:  // a number, true, false, null
                let start = i
                while i < n {
                    let s = b[i]
                    if isSpace(s) || s == 0x2C || s == 0x7D || s == 0x5D || s == 0x3A { break }
                    i += 1
                }
                if out.materializing { line.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i])) }
            }
        }
        if !line.isEmpty { out.emit(line[...]) }
        return out.finish(trimmingBlankTail: false)
    }
}

/// Collects sanitized lines up to a cap and counts the rest without building them.
private struct LineSink {
    let maxLines: Int
    private(set) var lines: [String] = []
    private var more = 0

    init(maxLines: Int) { self.maxLines = max(1, maxLines) }

    var materializing: Bool { lines.count < maxLines }

    mutating func emit(_ bytes: ArraySlice<UInt8>) {
        guard materializing else { more += 1; return }
        lines.append(DisplaySafe.text(String(decoding: bytes, as: UTF8.self)))
    }

    mutating func finish(trimmingBlankTail: Bool) -> [String] {
        if trimmingBlankTail && more == 0 {
            while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        }
        if more > 0 { lines.append("… \(more) more line\(more == 1 ? "" : "s")") }
        return lines
    }
}
