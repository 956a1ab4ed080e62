/// The first row to show so that `cursor` is in a window of `visible` rows over `count`,
/// moving `top` as little as possible: the one scroll rule of the table, the identity view's
/// timeline and `update`, so what `update` remembers and what a view draws never disagree.
/// `cursor` must be within `0..<count`.
func scrollTop(_ top: Int, showing cursor: Int, visible: Int, count: Int) -> Int {
    var top = top
    if cursor < top { top = cursor }
    if cursor >= top + visible { top = cursor - visible + 1 }
    return clamp(top, 0, max(0, count - visible))
}

/// Where the panes go for a terminal size. Shared by `update` (page sizes) and the view.
public struct DashboardLayout: Hashable, Sendable {
    public struct Rect: Hashable, Sendable {
        public var x: Int, y: Int, width: Int, height: Int
        public init(x: Int, y: Int, width: Int, height: Int) {
            self.x = x; self.y = y; self.width = width; self.height = height
        }
    }

    public static let minWidth = 80
    public static let minHeight = 24

    public var width: Int
    public var height: Int
    public var header: Rect
    public var identities: Rect
    public var detail: Rect
    public var feed: Rect
    public var footer: Rect

    public var isTooSmall: Bool { width < Self.minWidth || height < Self.minHeight }
    /// Identity rows visible (box, column header excluded).
    public var identityRows: Int { max(0, identities.height - 3) }
    /// Feed lines visible (box, column header excluded).
    public var feedRows: Int { max(0, feed.height - 3) }
    /// Detail lines visible (box excluded).
    public var detailRows: Int { max(0, detail.height - 2) }

    /// Header row; identity table (left, 60 %) beside the detail pane; the event feed
    /// under both (about 40 % of the body, at least 7 rows); footer row.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let body = max(0, height - 2)
        let feedHeight = min(body, max(7, body * 2 / 5))
        let topHeight = body - feedHeight
        let tableWidth = width * 3 / 5
        header = Rect(x: 0, y: 0, width: width, height: 1)
        identities = Rect(x: 0, y: 1, width: tableWidth, height: topHeight)
        detail = Rect(x: tableWidth, y: 1, width: width - tableWidth, height: topHeight)
        feed = Rect(x: 0, y: 1 + topHeight, width: width, height: feedHeight)
        footer = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
    }
}
