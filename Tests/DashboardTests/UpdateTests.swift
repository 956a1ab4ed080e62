import Activity
import Events
@testable import Dashboard
import Testing

@Suite struct UpdateTests {
    let names = Fixture.rows.map(\.identity)
    var ctx: UpdateContext { UpdateContext(identities: names, feedLength: 1000, feedCount: 14) }

    func press(_ s: AppState, _ keys: Key..., context: UpdateContext? = nil) -> (AppState, [Effect]) {
        var state = s, all: [Effect] = []
        for k in keys {
            let (n, e) = update(state, .key(k), context: context ?? ctx)
            state = n; all += e
        }
        return (state, all)
    }

    @Test func firstTickSelectsTheTopIdentity() {
        let (s, effects) = update(AppState(), .tick, context: ctx)
        #expect(s.selectedIdentity == names[0])
        #expect(effects == [.selectIdentity(names[0])])
    }

    @Test func movementKeys() {
        let s0 = update(AppState(), .tick, context: ctx).0
        #expect(press(s0, .char("j"), .down).0.selectedIdentity == names[2])
        #expect(press(s0, .char("j"), .char("k")).0.selectedIdentity == names[0])
        #expect(press(s0, .char("k")).0.selectedIdentity == names[0])
        #expect(press(s0, .char("G")).0.selectedIdentity == names.last)
        #expect(press(s0, .end, .home).0.selectedIdentity == names[0])
        #expect(press(s0, .char("G"), .char("g")).0.selectedIdentity == names[0])
        let paged = press(s0, .pageDown).0
        #expect(paged.selectedIndex == DashboardLayout(width: 80, height: 24).identityRows - 1)
        #expect(press(s0, .ctrlD, .ctrlU).0.selectedIndex == 0)
    }

    @Test func scrollKeepsTheCursorVisible() {
        let s0 = update(AppState(width: 80, height: 24), .tick, context: ctx).0
        let s = press(s0, .char("G")).0
        let rows = DashboardLayout(width: 80, height: 24).identityRows
        #expect(s.identityScroll == names.count - rows)
        #expect(press(s, .char("g")).0.identityScroll == 0)
    }

    @Test func selectionFollowsTheIdentityWhenTheOrderChanges() {
        var s = update(AppState(), .tick, context: ctx).0
        s = press(s, .char("j"), .char("j")).0
        let chosen = names[2]
        #expect(s.selectedIdentity == chosen)
        var reordered = names
        reordered.swapAt(0, 2)
        reordered.insert("new-identity", at: 0)
        let (after, effects) = update(s, .tick, context: UpdateContext(identities: reordered, feedLength: 1000))
        #expect(after.selectedIdentity == chosen)
        #expect(after.selectedIndex == 1)
        #expect(effects.isEmpty)
        // And the next j moves from its new place.
        #expect(press(after, .char("j"), context: UpdateContext(identities: reordered, feedLength: 1000)).0.selectedIdentity == reordered[2])
    }

    @Test func vanishedIdentityHandsOverToItsNeighbour() {
        var s = update(AppState(), .tick, context: ctx).0
        s = press(s, .char("j"), .char("j")).0
        let remaining = names.filter { $0 != names[2] }
        let (after, effects) = update(s, .tick, context: UpdateContext(identities: remaining, feedLength: 1000))
        #expect(after.selectedIdentity == remaining[2])
        #expect(effects == [.selectIdentity(remaining[2])])
    }

    @Test func helpToggles() {
        let s0 = AppState()
        #expect(press(s0, .char("?")).0.helpVisible)
        #expect(!press(s0, .char("?"), .char("?")).0.helpVisible)
        #expect(press(s0, .f1).0.helpVisible)
        #expect(!press(s0, .f1, .escape).0.helpVisible)
        // While help is open, movement does nothing.
        let s1 = update(s0, .tick, context: ctx).0
        #expect(press(s1, .char("?"), .char("j")).0.selectedIdentity == names[0])
    }

    @Test func quitIsAnEffect() {
        #expect(press(AppState(), .char("q")).1.contains(.quit))
        #expect(press(AppState(), .ctrlC).1.contains(.quit))
        #expect(press(AppState(), .char("?"), .char("q")).1.contains(.quit))
        #expect(!press(AppState(), .char("x")).1.contains(.quit))
    }

    @Test func tabCyclesFocus() {
        var order: [Pane] = []
        var s = AppState()
        for _ in 0..<5 {
            s = press(s, .tab).0
            order.append(s.focus)
        }
        #expect(order == [.detail, .feed, .alerts, .revocations, .identities])
        #expect(press(AppState(), .backTab).0.focus == .revocations)
        #expect(press(AppState(), .backTab, .backTab, .backTab).0.focus == .feed)
    }

    @Test func pauseCountsNewEventsAndResumes() {
        var s = press(AppState(), .char("p")).0
        #expect(s.isPaused && s.newSincePause == 0)
        s = update(s, .tick, context: UpdateContext(identities: names, feedLength: 1042)).0
        #expect(s.newSincePause == 42)
        #expect(s.hiddenNewEvents(feedLength: 1042) == 42)
        s = press(s, .char("p"), context: UpdateContext(identities: names, feedLength: 1050)).0
        #expect(!s.isPaused && s.newSincePause == 0)
    }

    @Test func scrollingTheFeedBackPausesAndGResumes() {
        var s = press(AppState(), .tab, .tab).0
        s = press(s, .char("k"), .char("k")).0
        #expect(s.isPaused && s.feedScroll == 2)
        s = press(s, .char("j")).0
        #expect(s.feedScroll == 1 && s.isPaused)
        s = press(s, .char("G")).0
        #expect(!s.isPaused && s.feedScroll == 0)
    }

    @Test func resizeUpdatesPageSize() {
        let s = update(AppState(), .resize(width: 200, height: 50), context: ctx).0
        #expect(s.width == 200 && s.height == 50)
    }

    @Test func keymapCoversEveryActionAndHasNoDuplicateKeys() {
        let km = Keymap.standard
        #expect(Set(km.bindings.map(\.action)) == Set(Action.allCases))
        let keys = km.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    // MARK: The opening selection

    @Test func theOpeningSelectionStaysOnTheTopRowUntilTheOperatorMovesIt() {
        var s = update(AppState(), .tick, context: ctx).0
        var reordered = names
        reordered.swapAt(0, 3)
        let (t1, e1) = update(s, .tick, context: UpdateContext(identities: reordered, feedLength: 1000))
        #expect(t1.selectedIdentity == names[3] && t1.selectedIndex == 0)
        #expect(e1 == [.selectIdentity(names[3])])
        s = update(t1, .tick, context: ctx).0
        #expect(s.selectedIdentity == names[0] && !s.selectionMoved)
        // One j: from now on it follows its identity.
        s = press(s, .char("j")).0
        #expect(s.selectedIdentity == names[1] && s.selectionMoved)
        let after = update(s, .tick, context: UpdateContext(identities: names.reversed(), feedLength: 1000)).0
        #expect(after.selectedIdentity == names[1] && after.selectedIndex == names.count - 2)
    }

    // MARK: Alerts and revocations panes

    /// A look aside: A or L again, or Esc, returns to the table, where R and Enter act.
    @Test func aAndLFocusTheirPaneAndAgainOrEscReturnToTheTable() {
        #expect(press(AppState(), .char("A")).0.focus == .alerts)
        #expect(press(AppState(), .char("A"), .char("A")).0.focus == .identities)
        #expect(press(AppState(), .char("L")).0.focus == .revocations)
        #expect(press(AppState(), .char("L"), .char("L")).0.focus == .identities)
        #expect(press(AppState(), .char("A"), .char("L")).0.focus == .revocations)
        #expect(press(AppState(), .char("A"), .escape).0.focus == .identities)
        #expect(press(AppState(), .char("L"), .escape).0.focus == .identities)
    }

    var panes: UpdateContext {
        UpdateContext(identities: names, feedLength: 1000, alertIdentities: [names[5], names[2], names[5]],
                      revocationIdentities: [names[7], names[8]])
    }

    @Test func cursorsMoveWithinTheirPanes() {
        let s0 = update(AppState(), .tick, context: panes).0
        let alerts = press(s0, .char("A"), .char("j"), .char("j"), .char("j"), .char("j"), context: panes).0
        #expect(alerts.alertCursor == 2 && alerts.selectedIdentity == names[0])
        #expect(press(alerts, .char("g"), context: panes).0.alertCursor == 0)
        #expect(press(alerts, .char("k"), context: panes).0.alertCursor == 1)
        let revocations = press(s0, .char("L"), .char("G"), context: panes).0
        #expect(revocations.revocationCursor == 1)
        #expect(press(revocations, .pageUp, context: panes).0.revocationCursor == 0)
        // Fewer rows on the next tick: the cursor stays on the last one.
        let shrunk = UpdateContext(identities: names, feedLength: 1000, revocationIdentities: [names[7]])
        #expect(update(revocations, .tick, context: shrunk).0.revocationCursor == 0)
        // Empty panes: nothing to move over, nothing to open.
        let (empty, effects) = press(press(s0, .char("A")).0, .char("j"), .enter)
        #expect(empty.alertCursor == 0 && empty.flash == "no alert to open" && effects.isEmpty)
    }

    @Test func enterInTheAlertsPaneSelectsItsIdentity() {
        let s0 = update(AppState(), .tick, context: panes).0
        let (s, effects) = press(s0, .char("A"), .char("j"), .enter, context: panes)
        #expect(s.selectedIdentity == names[2] && s.selectedIndex == 2)
        #expect(s.focus == .identities && s.selectionMoved && s.flash == nil)
        #expect(effects == [.selectIdentity(names[2])])
        // It stays there when the order changes.
        let after = update(s, .tick, context: UpdateContext(identities: names.reversed(), feedLength: 1000)).0
        #expect(after.selectedIdentity == names[2])
    }

    @Test func enterInTheRevocationsPaneSelectsItsIdentity() {
        let s0 = update(AppState(), .tick, context: panes).0
        let s = press(s0, .char("L"), .char("j"), .enter, context: panes).0
        #expect(s.selectedIdentity == names[8] && s.focus == .identities && s.selectionMoved)
    }

    @Test func enterOnAnAlertHiddenByTheFilterClearsTheFilter() {
        var s = update(AppState(), .tick, context: ctx).0
        s = press(s, .char("/"), .char("p"), .char("a"), .char("y"), .enter).0
        // The filter's rows: the alert's identity is not among them.
        let filtered = UpdateContext(identities: [names[2]], feedLength: 1000, alertIdentities: [names[6]])
        s = update(s, .tick, context: filtered).0
        let (jumped, effects) = press(s, .char("A"), .enter, context: filtered)
        #expect(jumped.find == nil && jumped.query.filter == nil && jumped.lastSearch == "pay")
        #expect(jumped.selectedIdentity == names[6] && jumped.focus == .identities)
        #expect(jumped.flash == "filter pay cleared to show \(names[6])")
        #expect(effects == [.selectIdentity(names[6])])
        // The next tick has every row again: the selection is on it.
        let after = update(jumped, .tick, context: ctx).0
        #expect(after.selectedIdentity == names[6] && after.selectedIndex == 6)
    }

    // MARK: The identity view

    func origin(_ i: Int) -> EventOrigin { EventOrigin(source: "trail.json", line: Int64(1000 - i)) }
    /// A hundred timeline lines, newest first.
    var viewed: UpdateContext {
        UpdateContext(identities: names, feedLength: 1000, timeline: (0..<100).map(origin))
    }

    func openView(_ s: AppState? = nil) -> AppState {
        let s0 = s ?? update(AppState(), .tick, context: viewed).0
        return press(s0, .char("j"), .enter, context: viewed).0
    }

    @Test func enterOpensTheViewAndEscReturns() {
        let s = openView()
        #expect(s.identityView == IdentityViewState(identity: names[1]))
        #expect(s.query.timelineFor == names[1])
        let back = press(s, .escape, context: viewed).0
        #expect(back.identityView == nil && back.selectedIdentity == names[1] && back.focus == .identities)
        // From the detail pane too; not from the feed.
        let s0 = update(AppState(), .tick, context: viewed).0
        #expect(press(s0, .tab, .enter, context: viewed).0.identityView?.identity == names[0])
        #expect(press(s0, .tab, .tab, .enter, context: viewed).0.identityView == nil)
    }

    @Test func theTimelineCursorMovesAndStaysVisible() {
        let rows = IdentityViewLayout(width: 80, height: 24).timelineRows
        var s = openView()
        s = press(s, .char("j"), .char("j"), .down, context: viewed).0
        #expect(s.identityView?.cursor == 3 && s.selectedIdentity == names[1], "j moves in the timeline, not the table")
        s = press(s, .char("k"), context: viewed).0
        #expect(s.identityView?.cursor == 2)
        s = press(s, .char("G"), context: viewed).0
        #expect(s.identityView?.cursor == 99 && s.identityView?.scroll == 100 - rows)
        s = press(s, .pageUp, context: viewed).0
        #expect(s.identityView?.cursor == 99 - (rows - 1) && s.identityView?.scroll == 99 - (rows - 1))
        s = press(s, .char("g"), context: viewed).0
        #expect(s.identityView?.cursor == 0 && s.identityView?.scroll == 0)
        #expect(press(s, .char("k"), context: viewed).0.identityView?.cursor == 0)
        // Tab, the find line and the sort are the dashboard's: nothing happens in the view.
        let (inert, effects) = press(s, .tab, .backTab, .char("/"), .char("s"), .char("A"), .char("n"), context: viewed)
        #expect(inert.focus == s.focus && inert.find == nil && inert.sort == s.sort && inert.identityView == s.identityView)
        #expect(effects.isEmpty)
    }

    @Test func theCursorFollowsItsEventAsNewOnesArrive() {
        var s = press(openView(), .char("j"), .char("j"), context: viewed).0
        let newer = UpdateContext(identities: names, feedLength: 1000, timeline: (-3..<97).map(origin))
        s = update(s, .tick, context: newer).0
        #expect(s.identityView?.cursor == 5)
        #expect(press(s, .enter, context: newer).1 == [.readRecord(origin(2))])
        // On the newest line it stays on the newest.
        let top = update(openView(), .tick, context: newer).0
        #expect(top.identityView?.cursor == 0)
    }

    @Test func enterReadsTheRecordUnderTheCursorAndEscClosesItThenTheView() {
        var s = press(openView(), .char("j"), .char("j"), context: viewed).0
        let (asked, effects) = press(s, .enter, context: viewed)
        #expect(effects == [.readRecord(origin(2))])
        let record = RawRecordView(title: "trail.json line 998", lines: (0..<200).map { "line \($0)" })
        s = update(asked, .rawRecord(record), context: viewed).0
        #expect(s.identityView?.record == record)
        // In the record, j/k scroll it and Enter reads nothing more.
        s = press(s, .char("j"), .char("j"), context: viewed).0
        #expect(s.identityView?.record?.scroll == 2 && s.identityView?.cursor == 2)
        #expect(press(s, .enter, context: viewed).1.isEmpty)
        let layout = IdentityViewLayout(width: 80, height: 24)
        let maxScroll = layout.recordMaxScroll(record)
        #expect(maxScroll > 0)
        #expect(press(s, .char("G"), context: viewed).0.identityView?.record?.scroll == maxScroll)
        s = press(s, .escape, context: viewed).0
        #expect(s.identityView?.record == nil && s.identityView?.cursor == 2)
        s = press(s, .escape, context: viewed).0
        #expect(s.identityView == nil)
        // An answer after the view closed is dropped.
        #expect(update(s, .rawRecord(record), context: viewed).0.identityView == nil)
        // An empty timeline: nothing to read.
        let empty = press(update(AppState(), .tick, context: ctx).0, .enter, .enter).0
        #expect(empty.identityView != nil && empty.flash == "no event to show")
    }

    @Test func escClosesTheViewBeforeClearingTheFilterAndHelpFirst() {
        var s = update(AppState(), .tick, context: viewed).0
        s = press(s, .char("/"), .char("a"), .enter, .enter, .char("?"), context: viewed).0
        #expect(s.helpVisible && s.identityView != nil && s.find != nil)
        s = press(s, .escape, context: viewed).0
        #expect(!s.helpVisible && s.identityView != nil && s.find != nil)
        s = press(s, .escape, context: viewed).0
        #expect(s.identityView == nil && s.find != nil)
        s = press(s, .escape, context: viewed).0
        #expect(s.find == nil)
    }

    @Test func respondKeysInTheViewActOnTheViewedIdentity() {
        var s = update(AppState(), .tick, context: viewed).0
        s.identityView = IdentityViewState(identity: names[4])
        let (r, effects) = press(s, .char("R"), context: viewed)
        #expect(effects == [.planRevoke(identity: names[4])])
        #expect(r.dialog?.identity == names[4])
        #expect(press(s, .char("U"), context: viewed).1 == [.planUndo(identity: names[4])])
        // The bottom panes have no selected identity.
        let alerts = press(update(AppState(), .tick, context: ctx).0, .char("A"), .char("R")).0
        #expect(alerts.dialog == nil && alerts.flash?.contains("Tab to the Identities pane") == true)
    }

    // MARK: Theme, footer, help

    @Test func tCyclesTheThemeAndTheAnswerIsFlashed() {
        #expect(press(update(AppState(), .tick, context: ctx).0, .char("T")).1 == [.cycleTheme])
        let s = update(AppState(), .themeChanged(name: "solarized-dark"), context: ctx).0
        #expect(s.flash == "theme: solarized-dark")
    }

    func hintText(_ s: AppState) -> [String] {
        Keymap.standard.footerHints(for: s).map { $0.hint.keys + " " + $0.hint.label }
    }

    @Test func theFooterHintsFollowWhatIsOnScreen() {
        #expect(hintText(AppState()) == ["j/k move", "/ find", "s sort", "Enter open", "R revoke", "? help",
                                         "Tab pane", "q quit", "p pause"])
        var s = AppState()
        s.identityView = IdentityViewState(identity: "x")
        #expect(hintText(s) == ["j/k move", "Enter raw", "Esc back", "R revoke"])
        s.identityView?.record = RawRecordView(title: "t", lines: [])
        #expect(hintText(s) == ["j/k move", "Esc back", "R revoke"])
    }

    @Test(arguments: [false, true])
    func theHelpListsEveryBindingInFullAt80x24(readOnly: Bool) {
        var s = update(AppState(width: 80, height: 24), .tick, context: UpdateContext(snapshot: Fixture.snapshot)).0
        s.readOnly = readOnly
        s = press(s, .char("?")).0
        let text = renderDashboard(snapshot: Fixture.snapshot, sources: Fixture.sources, state: s, width: 80, height: 24,
                                   options: RenderOptions()).textDump()
        for binding in Keymap.standard.bindings {
            let keys = binding.keys.map(\.displayName).joined(separator: " ")
            #expect(text.contains(keys + " ") && text.contains(binding.description), "\(binding.action)")
        }
        for group in KeyGroup.allCases { #expect(text.contains(group.rawValue)) }
        #expect(text.contains("(read-only: disabled)") == readOnly)
    }
}
