import Activity
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
        #expect(press(AppState(), .tab).0.focus == .detail)
        #expect(press(AppState(), .tab, .tab).0.focus == .feed)
        #expect(press(AppState(), .tab, .tab, .tab).0.focus == .identities)
        #expect(press(AppState(), .backTab).0.focus == .feed)
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
}
