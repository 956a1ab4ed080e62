import Events

// `update`'s part for what Enter opens: the identity view (its timeline cursor and the raw
// record), and the alerts and revocations panes (Enter jumps to the row's identity).

/// Enter outside the identity view.
func open(_ s: inout AppState, context: UpdateContext, effects: inout [Effect]) {
    switch s.focus {
    case .identities, .detail:
        guard let identity = s.selectedIdentity else {
            s.flash = "no identity selected"
            return
        }
        // Back from the view, the selection stays on the identity that was opened.
        s.selectionMoved = true
        s.identityView = IdentityViewState(identity: identity)
    case .alerts:
        guard context.alertIdentities.indices.contains(s.alertCursor) else {
            s.flash = "no alert to open"
            return
        }
        jump(to: context.alertIdentities[s.alertCursor], &s, context: context)
    case .revocations:
        guard context.revocationIdentities.indices.contains(s.revocationCursor) else {
            s.flash = "no revocation to open"
            return
        }
        jump(to: context.revocationIdentities[s.revocationCursor], &s, context: context)
    case .feed:
        break
    }
}

/// Selects an identity in the table, clearing a filter that hides it (and saying so).
private func jump(to identity: String, _ s: inout AppState, context: UpdateContext) {
    s.focus = .identities
    s.selectionMoved = true
    s.detailScroll = 0
    if let i = context.identities.firstIndex(of: identity) {
        s.selectedIdentity = identity
        s.selectedIndex = i
    } else if let find = s.find, !find.applied.isEmpty {
        // `update` does not follow the selection in this (filtered) context: the next tick's
        // rows, unfiltered, have it.
        s.selectedIdentity = identity
        s.find = nil
        s.flash = "filter \(find.applied) cleared to show \(identity)"
    } else {
        // Rolled out of the table (evicted): the selection stays where it was.
        s.flash = "\(identity) is no longer in the table"
    }
}

/// An action while the identity view is open; false when it acts as on the dashboard
/// (quit, help, theme, and R/U/a, which act on the viewed identity).
func viewAction(_ action: Action, _ s: inout AppState, context: UpdateContext, effects: inout [Effect]) -> Bool {
    guard var view = s.identityView else { return false }
    let layout = IdentityViewLayout(width: s.width, height: s.height)
    switch action {
    case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
        if var record = view.record {
            let delta = moveDelta(action, page: max(1, layout.recordRows - 1))
            record.scroll = clamp(record.scroll.addingClamped(delta), 0, layout.recordMaxScroll(record))
            view.record = record
        } else {
            // Down is towards older events (0 = newest, at the top).
            let delta = moveDelta(action, page: max(1, layout.timelineRows - 1))
            view.cursor = clamp(view.cursor.addingClamped(delta), 0, context.timeline.count - 1)
            view.anchor = view.cursor > 0 && view.cursor < context.timeline.count ? context.timeline[view.cursor] : nil
            keepCursorVisible(&view, rows: layout.timelineRows, count: context.timeline.count)
        }
    case .open:
        guard view.record == nil else { break }
        guard context.timeline.indices.contains(view.cursor) else {
            s.flash = "no event to show"
            break
        }
        let origin = context.timeline[view.cursor]
        // Open at once, waiting: the answer is taken only while it is (see `Msg.rawRecord`).
        view.record = RawRecordView(title: DisplaySafe.text(origin.source) + " line \(origin.line)", lines: ["reading\u{2026}"])
        effects.append(.readRecord(origin))
    case .closeOverlay:
        if view.record != nil { view.record = nil } else {
            s.identityView = nil
            return true
        }
    case .focusNext, .focusPrevious, .find, .nextMatch, .previousMatch, .cycleSort, .reverseSort,
         .showAlerts, .showRevocations, .togglePause:
        // The dashboard's: the view hides the panes, the table and the feed they act on.
        break
    case .quit, .toggleHelp, .cycleTheme, .revoke, .undoRevoke, .acknowledge:
        return false
    }
    s.identityView = view
    return true
}

/// After every message: the timeline cursor follows its event as new ones arrive (or stays
/// on the newest), and the panes' cursors stay on their rows.
func followViews(_ s: inout AppState, context: UpdateContext) {
    if var view = s.identityView, !context.timeline.isEmpty {
        if let anchor = view.anchor, let i = context.timeline.firstIndex(of: anchor) {
            view.cursor = i
        } else {
            // Rolled out of the timeline: the nearest line stays under the cursor.
            view.cursor = clamp(view.cursor, 0, context.timeline.count - 1)
            view.anchor = view.cursor > 0 ? context.timeline[view.cursor] : nil
        }
        keepCursorVisible(&view, rows: IdentityViewLayout(width: s.width, height: s.height).timelineRows,
                          count: context.timeline.count)
        s.identityView = view
    }
    // Only while shown: unfocused, the snapshot carries fewer alerts than the pane lists.
    if s.focus == .alerts { s.alertCursor = clamp(s.alertCursor, 0, context.alertIdentities.count - 1) }
    if s.focus == .revocations { s.revocationCursor = clamp(s.revocationCursor, 0, context.revocationCount - 1) }
}

private func keepCursorVisible(_ view: inout IdentityViewState, rows: Int, count: Int) {
    view.scroll = scrollTop(view.scroll, showing: view.cursor, visible: max(1, rows), count: count)
}
