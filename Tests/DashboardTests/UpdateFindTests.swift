import Activity
@testable import Dashboard
import Testing

/// The `/` line, `n`/`N` and `s`/`S`, driven through `update` with messages.
@Suite struct UpdateFindTests {
    let names = Fixture.rows.map(\.identity)
    var ctx: UpdateContext { UpdateContext(identities: names, feedLength: 1000, feedCount: 14) }
    /// The dashboard after its first tick: the top row selected.
    var start: AppState { update(AppState(), .tick, context: ctx).0 }

    func press(_ s: AppState, _ keys: [Key], context: UpdateContext? = nil) -> (AppState, [Effect]) {
        var state = s, all: [Effect] = []
        for k in keys {
            let (n, e) = update(state, .key(k), context: context ?? ctx)
            state = n
            all += e
        }
        return (state, all)
    }

    func press(_ s: AppState, _ keys: Key..., context: UpdateContext? = nil) -> (AppState, [Effect]) {
        press(s, keys, context: context)
    }

    func typed(_ text: String) -> [Key] { text.unicodeScalars.map { .char($0) } }

    /// `/` then the text, as typed.
    func find(_ s: AppState, _ text: String) -> AppState { press(s, [.char("/")] + typed(text)).0 }

    // MARK: The / line

    @Test func typingFiltersLiveAndEnterKeepsIt() {
        let typing = find(start, "pa")
        #expect(typing.find == FindState(text: "pa", editing: true))
        #expect(typing.query.filter?.text == "pa")
        let kept = press(find(start, "pay"), .enter).0
        #expect(kept.find?.text == "pay" && kept.find?.editing == false && kept.find?.error == nil)
        #expect(kept.query.filter?.text == "pay")
        #expect(kept.query.search?.text == "pay")
        #expect(kept.lastSearch == "pay")
    }

    @Test func theLineOwnsTheKeyboardButCtrlCQuits() {
        let (s, effects) = press(find(start, "qj?G"), .tab)
        #expect(effects.isEmpty)
        #expect(s.find?.text == "qj?G" && !s.helpVisible && s.focus == .identities)
        #expect(s.selectedIdentity == names[0])
        #expect(press(s, .ctrlC).1 == [.quit])
        // Control characters are not typed into it.
        #expect(press(s, .char("\u{1b}"), .char("\u{7f}"), .char("\u{85}")).0.find?.text == "qj?G")
    }

    @Test func backspaceDeletesThenClosesAndCtrlUErases() {
        var s = find(start, "ab")
        s = press(s, .backspace).0
        #expect(s.find?.text == "a" && s.query.filter?.text == "a")
        s = press(s, .backspace).0
        #expect(s.find?.text == "" && s.find?.editing == true && s.query.filter == nil)
        #expect(press(s, .backspace).0.find == nil)
        let erased = press(find(start, "abc"), .ctrlU).0
        #expect(erased.find == FindState(text: "", editing: true))
        #expect(erased.query.filter == nil)
        // Enter on an empty line clears it too.
        #expect(press(erased, .enter).0.find == nil)
    }

    @Test func escClearsTheFilterButNStillJumpsWithTheLastSearch() {
        let hits = UpdateContext(identities: names, feedLength: 1000, searchHits: [names[2]])
        for s in [press(find(start, "pay"), .escape).0, press(find(start, "pay"), .enter, .escape).0] {
            #expect(s.find == nil && s.query.filter == nil)
            #expect(s.lastSearch == "pay" && s.query.search?.text == "pay")
            let jumped = press(s, .char("n"), context: hits).0
            #expect(jumped.selectedIdentity == names[2])
            #expect(jumped.query.filter == nil, "n moves, it does not filter")
        }
    }

    @Test func anInvalidRegexKeepsThePreviousValidFilter() {
        var s = find(start, "~(")
        #expect(s.find?.text == "~(" && s.find?.error?.isEmpty == false)
        // `~` alone was valid (an empty regex): it stays in force.
        #expect(s.query.filter?.text == "~")
        s = find(start, "~pay(")
        #expect(s.find?.error != nil && s.query.filter?.text == "~pay")
        // Enter does not keep an invalid text: the line stays open with its error.
        s = press(s, .enter).0
        #expect(s.find?.editing == true && s.find?.error != nil)
        s = press(s, .backspace).0
        #expect(s.find?.error == nil && s.query.filter?.text == "~pay")
        #expect(press(s, .enter).0.find == FindState(text: "~pay", editing: false))
        #expect(press(find(start, "~pay("), .escape).0.lastSearch == "~pay")
    }

    @Test func reopeningEditsTheFilterInForce() {
        var s = press(find(start, "pay"), .enter).0
        s = press(s, .char("/")).0
        #expect(s.find == FindState(text: "pay", editing: true))
        s = press(s, typed("s")).0
        #expect(s.query.filter?.text == "pays")
    }

    @Test func escWithAFilterInForceClearsIt() {
        let s = press(find(start, "pay"), .enter).0
        let (cleared, effects) = press(s, .escape)
        #expect(cleared.find == nil && cleared.query.filter == nil && effects.isEmpty)
    }

    @Test func theFilterChangesTheRowsOnTheNextTickAndTheSelectionFollows() {
        // Moved to names[2]; the filter's rows arrive with the next tick.
        var s = press(start, .char("j"), .char("j")).0
        s = press(s, [.char("/")] + typed("x")).0
        #expect(s.selectedIdentity == names[2])
        let filtered = UpdateContext(identities: [names[5], names[2]], feedLength: 1000)
        s = update(s, .tick, context: filtered).0
        #expect(s.selectedIdentity == names[2] && s.selectedIndex == 1)
    }

    // MARK: n / N

    @Test func nAndNJumpThroughMatchesAndWrap() {
        let hits = UpdateContext(identities: names, feedLength: 1000, searchHits: [names[1], names[4], names[7]])
        var s = start
        s.lastSearch = "a"
        var seen: [String?] = [], flashes: [String?] = []
        for key in typed("nnnnNN") {
            s = press(s, key, context: hits).0
            seen.append(s.selectedIdentity)
            flashes.append(s.flash)
        }
        #expect(seen == [names[1], names[4], names[7], names[1], names[7], names[4]])
        #expect(flashes == [nil, nil, nil, "search wrapped", "search wrapped", nil])
        #expect(s.selectionMoved)
        // From a row between matches.
        var between = press(start, .char("j"), .char("j")).0
        between.lastSearch = "a"
        #expect(press(between, .char("n"), context: hits).0.selectedIdentity == names[4])
        #expect(press(between, .char("N"), context: hits).0.selectedIdentity == names[1])
    }

    @Test func nSaysWhenThereIsNothingToSearchOrNoMatch() {
        let (s, effects) = press(start, .char("n"))
        #expect(s.flash == "no search: press / first" && s.selectedIdentity == names[0] && effects.isEmpty)
        var searched = start
        searched.lastSearch = "zzz"
        let none = press(searched, .char("N")).0
        #expect(none.flash == "no identity matches zzz" && none.selectedIdentity == names[0])
        // A hit that is not in the table (another order's row) is skipped.
        let stale = UpdateContext(identities: names, feedLength: 1000, searchHits: ["gone"])
        #expect(press(searched, .char("n"), context: stale).0.flash == "no identity matches zzz")
        // The flash lasts until the next key.
        #expect(press(none, .char("j")).0.flash == nil)
    }

    @Test func nWhileAFilterIsInForceSearchesTheFilteredRows() {
        let s = press(find(start, "pay"), .enter).0
        #expect(s.query.search == s.query.filter)
        let filtered = UpdateContext(identities: [names[2], names[9]], feedLength: 1000, searchHits: [names[2], names[9]])
        let ticked = update(s, .tick, context: filtered).0
        #expect(press(ticked, .char("n"), context: filtered).0.selectedIdentity == names[9])
    }

    // MARK: s / S

    @Test func sCyclesTheFiveKeysAndSReverses() {
        var s = press(start, .char("j"), .char("j")).0
        var keys: [IdentitySortKey] = [], flashes: [String?] = []
        for _ in 0..<5 {
            s = press(s, .char("s")).0
            keys.append(s.sort.key)
            flashes.append(s.flash)
        }
        #expect(keys == [.rate, .denied, .lastSeen, .name, .risk])
        #expect(flashes == ["sorted by events/min", "sorted by denied", "sorted by last seen", "sorted by name",
                            "sorted by risk"])
        s = press(s, .char("s"), .char("s"), .char("S")).0
        #expect(s.sort == IdentitySort(key: .denied, reversed: true))
        #expect(s.flash == "sorted by denied (reversed)")
        #expect(s.query.sort == s.sort)
        #expect(press(s, .char("S")).0.sort.reversed == false)
        // The selection keeps its identity in the new order.
        #expect(s.selectedIdentity == names[2])
        let reordered = UpdateContext(identities: names.reversed(), feedLength: 1000)
        let after = update(s, .tick, context: reordered).0
        #expect(after.selectedIdentity == names[2] && after.selectedIndex == names.count - 3)
    }
}
