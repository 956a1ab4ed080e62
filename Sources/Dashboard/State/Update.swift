/// The whole input handling, bubbletea-style: pure, so tests drive it with messages.
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
        } else if let action = keymap.action(for: key) {
            perform(action, on: &s, context: context, effects: &effects)
        }
    case .revokePlan, .undoPlan, .responseProgress, .responseFinished:
        receiveResponse(msg, &s)
    case .rawRecord, .themeChanged:
        break  // TODO(helper)
    }

    followSelection(&s, context: context)
    if let pausedAt = s.pausedAt { s.newSincePause = max(0, context.feedLength - pausedAt) }
    if s.selectedIdentity != before { effects.append(.selectIdentity(s.selectedIdentity)) }
    return (s, effects)
}

private func perform(_ action: Action, on s: inout AppState, context: UpdateContext, effects: inout [Effect]) {
    let layout = DashboardLayout(width: s.width, height: s.height)
    if s.helpVisible {
        switch action {
        case .toggleHelp, .closeOverlay: s.helpVisible = false
        case .quit: effects.append(.quit)
        default: break  // the modal owns the keyboard
        }
        return
    }
    switch action {
    case .quit: effects.append(.quit)
    case .toggleHelp: s.helpVisible = true
    case .closeOverlay: break
    case .revoke, .undoRevoke, .acknowledge:
        startResponse(action, &s, effects: &effects)
    case .find, .nextMatch, .previousMatch, .cycleSort, .reverseSort, .open, .showAlerts, .showRevocations,
         .cycleTheme:
        break  // TODO(helper)
    case .focusNext:
        s.focus = Pane(rawValue: (s.focus.rawValue + 1) % 3) ?? .identities
    case .focusPrevious:
        s.focus = Pane(rawValue: (s.focus.rawValue + 2) % 3) ?? .identities
    case .togglePause:
        if s.isPaused { resume(&s) } else { pause(&s, context: context) }
    case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
        let page: Int
        switch s.focus {
        case .identities: page = max(1, layout.identityRows - 1)
        case .detail: page = max(1, layout.detailRows - 1)
        case .feed, .alerts, .revocations: page = max(1, layout.feedRows - 1)
        }
        let delta: Int
        switch action {
        case .moveDown: delta = 1
        case .moveUp: delta = -1
        case .pageDown: delta = page
        case .pageUp: delta = -page
        case .top: delta = Int.min / 2
        default: delta = Int.max / 2
        }
        move(&s, by: delta, context: context)
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
        s.detailScroll = 0
    case .detail:
        let maxScroll = context.detailLines > 0 ? max(0, context.detailLines - 1) : Int.max / 4
        s.detailScroll = clamp(s.detailScroll.addingClamped(delta), 0, maxScroll)
    case .alerts, .revocations:
        break  // TODO(helper)
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

/// Keeps the selection on the same identity by name; if it vanished, takes the row
/// now at its old position; keeps the cursor row inside the visible window.
private func followSelection(_ s: inout AppState, context: UpdateContext) {
    let names = context.identities
    guard !names.isEmpty else {
        s.selectedIdentity = nil
        s.selectedIndex = 0
        s.identityScroll = 0
        return
    }
    if let name = s.selectedIdentity, let i = names.firstIndex(of: name) {
        s.selectedIndex = i
    } else {
        s.selectedIndex = clamp(s.selectedIndex, 0, names.count - 1)
        s.selectedIdentity = names[s.selectedIndex]
    }
    let rows = max(1, DashboardLayout(width: s.width, height: s.height).identityRows)
    if s.selectedIndex < s.identityScroll { s.identityScroll = s.selectedIndex }
    if s.selectedIndex >= s.identityScroll + rows { s.identityScroll = s.selectedIndex - rows + 1 }
    s.identityScroll = clamp(s.identityScroll, 0, max(0, names.count - rows))
}

func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { min(max(v, lo), max(lo, hi)) }

extension Int {
    func addingClamped(_ d: Int) -> Int {
        let (r, o) = addingReportingOverflow(d)
        return o ? (d > 0 ? Int.max : Int.min) : r
    }
}
