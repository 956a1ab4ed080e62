import Foundation

/// A folder with one minute of traffic in nhitop's own JSON-lines format, from identities
/// chosen so the find, sort and drill-down keys have answers known in advance:
///
/// - three identities have `payments` in their name, and nothing of the other five (name,
///   kind, action, resource) contains it: `/payments` leaves exactly three rows, `!payments` five;
/// - every identity has a different number of events, all within the last minute, so the
///   order by events/min is total (no ties for `S` to keep in either order);
/// - `agent:ledger-bot` is denied a high-impact tool: the only alert (unknown → moderate 45),
///   so it heads the default order by risk while it is next to last by events/min;
/// - its denied record carries a key the dashboard never shows (`request_id`): seen on screen
///   only when the raw record is read back from the file.
///
/// The ledger is a path in the folder, so no test touches the operator's own.
struct FindFixture {
    let dir: URL
    var events: String { dir.appendingPathComponent("events.jsonl").path }
    var ledger: String { dir.appendingPathComponent("ledger.sqlite").path }
    /// 1-based lines in `events` of the alerted agent's two records.
    private(set) var deniedLine = 0, searchLine = 0
    /// Records in `events`: the header counts them all once the file is read.
    private(set) var eventCount = 0

    static let payments: Set<String> = ["svc:payments-api", "apikey:payments-partner", "ci:payments-deploy"]
    static let others: Set<String> = ["agent:ledger-bot", "svc:orders-api", "apikey:mobile-app", "svc:search-indexer", "ci:web-build"]
    static let alerted = "agent:ledger-bot"
    /// Highest events/min first (`s` once from the default order).
    static let byRate = ["svc:orders-api", "svc:payments-api", "apikey:mobile-app", "apikey:payments-partner",
                         "svc:search-indexer", "ci:payments-deploy", "agent:ledger-bot", "ci:web-build"]
    static let requestID = "req-ledger-0050"

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-find-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // (identity, kind, action, resource, events): the ledger bot's two are added below.
        let steady: [(String, String, String, String, Int)] = [
            ("svc:orders-api", "service", "GET /orders", "/v1/orders", 12),
            ("svc:payments-api", "service", "GET /charges", "/v1/charges", 9),
            ("apikey:mobile-app", "api_key", "POST /sessions", "/v1/sessions", 7),
            ("apikey:payments-partner", "api_key", "POST /refunds", "/v1/refunds", 6),
            ("svc:search-indexer", "service", "index", "kb/articles", 4),
            ("ci:payments-deploy", "ci_job", "deploy", "app/checkout", 3),
            ("ci:web-build", "ci_job", "build", "repo/web", 1),
        ]
        func record(_ second: Int, _ identity: String, _ kind: String, _ action: String, _ resource: String,
                    _ decision: String = "allow", extra: String = "") -> String {
            #"{"ts":"2026-11-29T10:00:\#(String(format: "%02d", second))Z","identity":"\#(identity)","kind":"\#(kind)","action":"\#(action)","resource":"\#(resource)","decision":"\#(decision)","source_ip":"10.0.0.5"\#(extra)}"#
        }
        var timed: [(Int, String)] = []
        for (i, (identity, kind, action, resource, count)) in steady.enumerated() {
            for k in 0..<count { timed.append((1 + k * 5 + i, record(1 + k * 5 + i, identity, kind, action, resource))) }
        }
        let search = record(1, Self.alerted, "ai_agent", "tool:search", "kb://faq")
        let denied = record(50, Self.alerted, "ai_agent", "tool:crm.export", "salesforce://contacts", "deny",
                            extra: #","request_id":"\#(Self.requestID)""#)
        timed += [(1, search), (50, denied)]
        // Stable: records of the same second keep the order they were listed in.
        let lines = timed.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        deniedLine = (lines.firstIndex(of: denied) ?? -1) + 1
        searchLine = (lines.firstIndex(of: search) ?? -1) + 1
        eventCount = lines.count
        try (lines.joined(separator: "\n") + "\n").write(toFile: events, atomically: true, encoding: .utf8)
    }

    static var total: Int { payments.count + others.count }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// Reading the dashboard off a captured screen (`tmux capture-pane -p`, with `-e` where said).
enum FindScreen {
    static func lines(_ screen: String) -> [String] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The identities in the table, top to bottom, as drawn (the third word of a row:
    /// `45 M agent:ledger-bot ai_agent …`). Empty when no table is on screen.
    static func tableRows(_ screen: String) -> [String] {
        let lines = lines(screen).map { Array($0) }
        guard let top = lines.firstIndex(where: { String($0).contains("┌ Identities") }),
              let edge = lines[top].firstIndex(of: "┐") else { return [] }
        var rows: [String] = []
        // Below the title edge comes the column header, then the rows until the bottom edge.
        for line in lines.dropFirst(top + 2) {
            guard line.first == "│", line.count > edge else { break }
            let words = String(line[1..<edge]).split(separator: " ")
            if words.count > 2 { rows.append(String(words[2])) }
        }
        return rows
    }

    /// The identity on the table's cursor row, from a capture with escapes (`-e`): the one row
    /// whose cells have a background or reverse video (the cursor row's style in every theme).
    static func cursorRow(_ escaped: String) -> String? {
        let lines = lines(escaped)
        guard let top = lines.firstIndex(where: { strip($0).contains("┌ Identities") }) else { return nil }
        var marked: [String] = []
        for line in lines.dropFirst(top + 2) {
            let plain = strip(line)
            guard plain.first == "│" else { break }
            // The table's own cells: up to its right edge, the second `│` of the line.
            guard let cells = line.split(separator: "│", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().first
            else { continue }
            let styled = setsBackground(String(cells))
            let words = strip(String(cells)).split(separator: " ")
            if styled, words.count > 2 { marked.append(String(words[2])) }
        }
        return marked.count == 1 ? marked[0] : nil
    }

    /// Whether an SGR escape in `text` sets a background colour or reverse video
    /// (`49`, the default background, does not count).
    static func setsBackground(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            let params = rest[start.upperBound...].prefix { $0.isNumber || $0 == ";" || $0 == ":" }
            rest = rest[params.endIndex...]
            guard rest.first == "m" else { continue }
            let codes = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            var i = 0
            while i < codes.count {
                switch codes[i] {
                case 7, 40...47, 100...107: return true
                case 48: return true
                case 38: i += codes.dropFirst(i + 1).first == 2 ? 4 : 2  // 38;5;n or 38;2;r;g;b
                default: break
                }
                i += 1
            }
        }
        return false
    }

    /// The text without its SGR escapes.
    static func strip(_ escaped: String) -> String {
        escaped.replacingOccurrences(of: #"\x1B\[[0-9;:]*m"#, with: "", options: .regularExpression)
    }

    /// The top line: `nhitop │ sources …   filter: payments · 3 of 8   45 events …`.
    static func header(_ screen: String) -> String { lines(screen).first ?? "" }

    /// The bottom line: hints or a message, then `focus: Identities`.
    static func footer(_ screen: String) -> String { lines(screen).last(where: { !$0.isEmpty }) ?? "" }
}
