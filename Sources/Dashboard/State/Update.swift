/// The whole input handling, bubbletea-style: pure, so tests drive it with messages.
///
/// Who gets a key, first match wins (and Esc closes the first of them that is open):
/// the response dialog (it owns the keyboard) > the help (modal) > the `/` line while typed
/// (it owns the keyboard) > the raw record > the identity view > the filter in force.
/// What covers the screen closes before what it covers: the full-screen identity view
/// hides the table and its filter, so Esc closes the view before clearing the filter.
/// Ctrl-C quits from all of them.
public func update(_ state: AppState, _ msg: Msg, context: UpdateContext,
                   keymap: Keymap = .standard) -> (AppState, [Effect]) {
    var s = state
    var effects: [Effect] = []
    let before = state.selectedIdentity

    switch msg {
    case .resize(let w, let h):
        s.width = max(0, w)
        s.height = max(0, h)
    case .tick, .key(.resize):
        break
    case .key(let key):
        s.flash = nil
        if let dialog = s.dialog, !dialog.hidden {
            // The open dialog owns the keyboard ('q' is a letter of the reason); Ctrl-C still quits.
            if key == .ctrlC { effects.append(.quit) } else { dialogKey(key, &s, effects: &effects) }
        } else if s.find?.editing == true && !s.helpVisible {
            // So does the `/` line while it is typed ('j', 'q' and '?' are letters of the filter).
            if key == .ctrlC { effects.append(.quit) } else { findKey(key, &s) }
        } else if let action = keymap.action(for: key) {
            perform(action, on: &s, context: context, effects: &effects)
        }
    case .revokePlan, .undoPlan, .responseProgress, .responseFinished:
        receiveResponse(msg, &s)
    case .rawRecord(let record):
        // Only into the record Enter opened and that is still waiting or shown: dropped when
        // Esc closed it meanwhile, or it would open over the timeline later, or in another
        // identity's view (as if it were that identity's evidence).
        if s.identityView?.record != nil { s.identityView?.record = record }
    case .themeChanged(let name):
        s.flash = "theme: \(name)"
    }

    // The context lists the rows of the filter it was taken with: when the filter just
    // changed, following the selection by name in it would drop an identity the new filter
    // shows (an alert's, after clearing the filter). The next tick brings the new rows.
    if (s.find?.applied ?? "") == (state.find?.applied ?? "") { followSelection(&s, context: context) }
    followViews(&s, context: context)
    if let pausedAt = s.pausedAt { s.newSincePause = max(0, context.feedLength - pausedAt) }
    if s.selectedIdentity != before { effects.append(.selectIdentity(s.selectedIdentity)) }
    return (s, effects)
}

private func perform(_ action: Action, on s: inout AppState, context: UpdateContext, effects: inout [Effect]) {
    if s.helpVisible {
        switch action {
        case .toggleHelp, .closeOverlay: s.helpVisible = false
        case .quit: effects.append(.quit)
        default: break  // the modal owns the keyboard
        }
        return
    }
    if s.identityView != nil, viewAction(action, &s, context: context, effects: &effects) { return }
    switch action {
    case .quit: effects.append(.quit)
    case .toggleHelp: s.helpVisible = true
    case .closeOverlay:
        // Not editing (the line has its own Esc): clears the filter in force.
        if s.find != nil {
            s.find = nil
        } else if s.focus == .alerts || s.focus == .revocations {
            // Back to where revoke and Enter act: the lists are a look aside, not a place to stay.
            s.focus = .identities
        }
    case .revoke, .undoRevoke, .acknowledge:
        startResponse(action, &s, effects: &effects)
    case .find: openFind(&s)
    case .nextMatch: jumpToMatch(forward: true, &s, context: context)
    case .previousMatch: jumpToMatch(forward: false, &s, context: context)
    case .cycleSort, .reverseSort: changeSort(action, &s)
    case .open: open(&s, context: context, effects: &effects)
    // Pressed again: back to the table, where R and Enter act.
    case .showAlerts: s.focus = s.focus == .alerts ? .identities : .alerts
    case .showRevocations: s.focus = s.focus == .revocations ? .identities : .revocations
    case .cycleTheme: effects.append(.cycleTheme)
    case .focusNext:
        s.focus = Pane(rawValue: (s.focus.rawValue + 1) % UInt8(Pane.allCases.count)) ?? .identities
    case .focusPrevious:
        let count = UInt8(Pane.allCases.count)
        s.focus = Pane(rawValue: (s.focus.rawValue + count - 1) % count) ?? .identities
    case .togglePause:
        if s.isPaused { resume(&s) } else { pause(&s, context: context) }
    case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
        let layout = DashboardLayout(width: s.width, height: s.height)
        let page: Int
        switch s.focus {
        case .identities: page = max(1, layout.identityRows - 1)
        case .detail: page = max(1, layout.detailRows - 1)
        case .feed, .alerts, .revocations: page = max(1, layout.feedRows - 1)
        }
        move(&s, by: moveDelta(action, page: page), context: context)
    }
}

/// How far a movement action goes with this page size; top/bottom are huge, clamped by the mover.
func moveDelta(_ action: Action, page: Int) -> Int {
    switch action {
    case .moveDown: 1
    case .moveUp: -1
    case .pageDown: page
    case .pageUp: -page
    case .top: Int.min / 2
    default: Int.max / 2
    }
}

/// Moves in the focused pane. Down is towards the end of the table, the end of the
/// detail and the newest feed line.
private func move(_ s: inout AppState, by delta: Int, context: UpdateContext) {
    switch s.focus {
    case .identities:
        guard !context.identities.isEmpty else { return }
        let current = s.selectedIdentity.flatMap { context.identities.firstIndex(of: $0) } ?? 0
        let next = clamp(current.addingClamped(delta), 0, context.identities.count - 1)
        s.selectedIdentity = context.identities[next]
        s.selectedIndex = next
        s.selectionMoved = true
        s.detailScroll = 0
    case .detail:
        let maxScroll = context.detailLines > 0 ? max(0, context.detailLines - 1) : Int.max / 4
        s.detailScroll = clamp(s.detailScroll.addingClamped(delta), 0, maxScroll)
    case .alerts:
        s.alertCursor = clamp(s.alertCursor.addingClamped(delta), 0, context.alertIdentities.count - 1)
    case .revocations:
        s.revocationCursor = clamp(s.revocationCursor.addingClamped(delta), 0, context.revocationCount - 1)
    case .feed:
        // feedScroll counts lines back from the newest; scrolling back pauses the view
        // (a moving feed cannot be read), reaching the newest again via G/End resumes.
        let maxBack = max(0, context.feedCount - 1)
        let back = clamp(s.feedScroll.addingClamped(-delta), 0, maxBack)
        if delta == Int.max / 2 {
            resume(&s)
            return
        }
        if back > 0 && !s.isPaused { pause(&s, context: context) }
        s.feedScroll = back
    }
}

private func pause(_ s: inout AppState, context: UpdateContext) {
    s.pausedAt = context.feedLength
    s.newSincePause = 0
}

private func resume(_ s: inout AppState) {
    s.pausedAt = nil
    s.newSincePause = 0
    s.feedScroll = 0
}

/// Until the operator moves it, the selection is the top row whatever the order does (the
/// backfill reorders rows under it). Afterwards it stays on the same identity by name; if
/// that vanished, takes the row now at its old position. Keeps the cursor row visible.
private func followSelection(_ s: inout AppState, context: UpdateContext) {
    let names = context.identities
    guard !names.isEmpty else {
        s.selectedIdentity = nil
        s.selectedIndex = 0
        s.identityScroll = 0
        return
    }
    if !s.selectionMoved {
        s.selectedIndex = 0
        s.selectedIdentity = names[0]
    } else if let name = s.selectedIdentity, let i = names.firstIndex(of: name) {
        s.selectedIndex = i
    } else {
        s.selectedIndex = clamp(s.selectedIndex, 0, names.count - 1)
        s.selectedIdentity = names[s.selectedIndex]
    }
    let rows = max(1, DashboardLayout(width: s.width, height: s.height).identityRows)
    s.identityScroll = scrollTop(s.identityScroll, showing: s.selectedIndex, visible: rows, count: names.count)
}

func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { min(max(v, lo), max(lo, hi)) }

extension Int {
    func addingClamped(_ d: Int) -> Int {
        let (r, o) = addingReportingOverflow(d)
        return o ? (d > 0 ? Int.max : Int.min) : r
    }
}
