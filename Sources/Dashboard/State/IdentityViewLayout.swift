/// Where the identity view's parts go for a terminal size, and the raw record's line
/// wrapping. Shared by `update` (page sizes, how far the record scrolls) and the view, so the
/// two never disagree. Depends on the size only, never on the data.
///
/// Below `wideFromWidth` columns (80×24) everything is stacked: the summary (with the
/// activity curve) on top, the timeline under it. From `wideFromWidth` the summary is a column
/// on the left; the activity curve and the timeline share the rest.
public struct IdentityViewLayout: Hashable, Sendable {
    public typealias Rect = DashboardLayout.Rect

    /// From this width the summary is a column beside the timeline.
    public static let wideFromWidth = 120
    /// Rows of the activity box in the wide layout: a border, the curve, the deny marks, the
    /// time axis, a border.
    static let activityHeight = 5

    public var width: Int
    public var height: Int
    /// Between the header and the footer.
    public var body: Rect
    public var summary: Rect
    /// The last hour's curve, in its own box (wide); nil when it sits inside the summary.
    public var activity: Rect?
    public var timeline: Rect
    /// The raw record's box: the whole body.
    public var record: Rect

    public var isWide: Bool { activity != nil }

    /// Timeline lines visible (box and column header excluded): `update`'s page.
    public var timelineRows: Int { max(0, timeline.height - 3) }
    /// Record lines visible (box excluded): `update`'s page in the record.
    public var recordRows: Int { max(0, record.height - 2) }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        let bodyHeight = max(0, self.height - 2)
        body = Rect(x: 0, y: 1, width: self.width, height: bodyHeight)
        record = body
        if self.width >= Self.wideFromWidth {
            // The summary column is wide enough for a reason on one or two lines; the timeline
            // keeps at least 70 columns (time, decision, action, resource, source).
            let side = min(max(self.width * 2 / 5, 44), 64)
            summary = Rect(x: 0, y: 1, width: side, height: bodyHeight)
            let rest = self.width - side
            let act = min(Self.activityHeight, bodyHeight)
            activity = Rect(x: side, y: 1, width: rest, height: act)
            timeline = Rect(x: side, y: 1 + act, width: rest, height: bodyHeight - act)
        } else {
            // Stacked: a bit more than half the body for the summary (a dozen lines at 80×24),
            // never so much that the timeline shows fewer than a few events.
            let top = min(max(bodyHeight * 3 / 5, 10), 18, max(0, bodyHeight - 8))
            summary = Rect(x: 0, y: 1, width: self.width, height: top)
            activity = nil
            timeline = Rect(x: 0, y: 1 + top, width: self.width, height: bodyHeight - top)
        }
    }

    // MARK: The raw record

    /// Columns of the line-number gutter (digits and one space) for a record of `count` lines.
    static func gutterWidth(lines count: Int) -> Int { String(max(1, count)).count + 1 }

    /// Columns for the record's text: the box, less the gutter.
    func recordTextWidth(lines count: Int) -> Int {
        max(1, record.width - 2 - Self.gutterWidth(lines: count))
    }

    /// Display lines of the whole record once wrapped to the box.
    public func recordDisplayLines(_ record: RawRecordView) -> Int {
        let textWidth = recordTextWidth(lines: record.lines.count)
        var total = 0
        for line in record.lines { total += Self.wrapCount(line, width: textWidth) }
        return total
    }

    /// The largest useful `RawRecordView.scroll`: from it, the record's end fills the box.
    /// `scroll` counts display lines (long lines are wrapped, not cut: a long value in a
    /// record is evidence), so this is not `lines.count - recordRows`.
    public func recordMaxScroll(_ record: RawRecordView) -> Int {
        max(0, recordDisplayLines(record) - recordRows)
    }

    /// Hard-wraps at `width` columns (as drawn: an unsafe scalar takes its escape's width),
    /// keeping every character (spaces are evidence too) and never splitting a wide character
    /// or an escape. An empty line is one empty display line.
    static func wrap(_ line: String, width: Int) -> [String] {
        var out: [String] = []
        forEachBreak(line, width: width) { out.append(String(String.UnicodeScalarView($0))) }
        return out
    }

    /// How many display lines `wrap` makes, without building them.
    static func wrapCount(_ line: String, width: Int) -> Int {
        var n = 0
        forEachBreak(line, width: width) { _ in n += 1 }
        return n
    }

    private static func forEachBreak(_ line: String, width: Int,
                                     _ body: (Substring.UnicodeScalarView) -> Void) {
        let w = max(1, width)
        let scalars = line.unicodeScalars
        var start = scalars.startIndex
        var used = 0
        var i = start
        while i != scalars.endIndex {
            let sw = DisplayWidth.drawn(scalars[i])
            if used + sw > w, used > 0 {
                body(scalars[start..<i])
                start = i
                used = 0
            }
            used += sw
            i = scalars.index(after: i)
        }
        body(scalars[start..<scalars.endIndex])
    }
}
