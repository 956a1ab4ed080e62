import Activity
@testable import Dashboard
import Events
import Testing

/// The new screens as an operator reaches them — keys through `update`, data from the demo
/// replayed through the real aggregator, each frame asked with the state's own query — at
/// 80×24, 120×40 and 200×50, with how each of the four shipped themes draws every role on them.
@Suite struct ScreenThemeTests {
    static let sizes = [(80, 24), (120, 40), (200, 50)]

    /// Presses `keys` one by one, as the live loop would: each key acts on the picture shown,
    /// then the next frame is asked for with the new state's query.
    private func drive(_ keys: [Key], width: Int, height: Int) -> (AppState, ActivitySnapshot) {
        let aggregator = DemoReplay.standard
        func frame(_ s: AppState) -> ActivitySnapshot {
            aggregator.snapshot(query: s.query, detailFor: s.identityView?.identity ?? s.selectedIdentity,
                                feedLimit: 400)
        }
        var state = AppState(width: width, height: height)
        var snap = frame(state)
        state = update(state, .tick, context: UpdateContext(snapshot: snap)).0
        for key in keys {
            state = update(state, .key(key), context: UpdateContext(snapshot: snap)).0
            snap = frame(state)
            state = update(state, .tick, context: UpdateContext(snapshot: snap)).0
            snap = frame(state)
        }
        return (state, snap)
    }

    private func screen(_ keys: [Key], _ size: (Int, Int)) -> (CellBuffer, AppState, ActivitySnapshot) {
        let (state, snap) = drive(keys, width: size.0, height: size.1)
        let buffer = renderDashboard(snapshot: snap, sources: Fixture.sources, state: state, width: size.0,
                                     height: size.1, options: RenderOptions())
        return (buffer, state, snap)
    }

    private func chars(_ text: String) -> [Key] { text.unicodeScalars.map { .char($0) } }

    @Test(arguments: sizes)
    func identityView(size: (Int, Int)) throws {
        let (b, state, snap) = screen([.char("j"), .enter, .char("j"), .char("j")], size)
        let viewed = try #require(state.identityView?.identity)
        #expect(viewed == snap.identities[1].identity)
        #expect(b.textDump().contains("Timeline"))
        assertSnapshot(b, named: "theme-identity-view-\(size.0)x\(size.1)", themes: try shippedThemes())
    }

    @Test(arguments: sizes)
    func alertsPane(size: (Int, Int)) throws {
        let (b, state, snap) = screen([.char("A"), .char("j")], size)
        #expect(state.focus == .alerts)
        let newest = try #require(snap.alerts.last)
        #expect(b.textDump().contains(newest.time.clock))
        assertSnapshot(b, named: "theme-alerts-\(size.0)x\(size.1)", themes: try shippedThemes())
    }

    @Test(arguments: sizes)
    func filterLine(size: (Int, Int)) throws {
        let (b, state, snap) = screen([.char("/")] + chars("payments"), size)
        #expect(state.find?.editing == true)
        #expect(b.textDump().contains("/payments"))
        #expect(snap.identities.count < snap.identityTotal)
        assertSnapshot(b, named: "theme-filter-line-\(size.0)x\(size.1)", themes: try shippedThemes())
    }

    /// Sorted by denied, reversed, with a filter kept: the marked column, the title and the count.
    @Test(arguments: sizes)
    func sortMark(size: (Int, Int)) throws {
        let (b, state, snap) = screen([.char("/")] + chars("~^system:") + [.enter, .char("s"), .char("s"), .char("S")],
                                      size)
        #expect(state.sort == IdentitySort(key: .denied, reversed: true))
        let denied = snap.identities.map(\.denied)
        #expect(denied == denied.sorted())
        #expect(b.textDump().contains("DENY▲"))
        assertSnapshot(b, named: "theme-sort-mark-\(size.0)x\(size.1)", themes: try shippedThemes())
    }
}
