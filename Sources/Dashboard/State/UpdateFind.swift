import Activity

// The `/` line, `n`/`N` and the table's order: `update`'s part for finding identities.
// The filter is live as it is typed (k9s): every edit is validated, and a text that does not
// compile leaves the last one that did in force (`FindState.applied`) until it is fixed.

/// `/`: opens the line, or edits the filter in force.
func openFind(_ s: inout AppState) {
    if s.find == nil { s.find = FindState(text: "", editing: true) } else { s.find?.editing = true }
}

/// A key while the line is typed: characters append, Backspace deletes (on an empty line it
/// closes it), ctrl-u erases, Enter keeps the filter, Esc clears it.
func findKey(_ key: Key, _ s: inout AppState) {
    guard var f = s.find else { return }
    switch key {
    case .enter:
        // An invalid text is not kept: the line stays open with its error until fixed or Esc.
        guard f.error == nil else { return }
        if f.text.isEmpty {
            s.find = nil
            return
        }
        f.editing = false
    case .escape:
        s.find = nil
        return
    case .backspace, .delete:
        if f.text.isEmpty {
            s.find = nil
            return
        }
        f.text.removeLast()
        validate(&f, &s)
    case .ctrl("u"):
        f.text = ""
        validate(&f, &s)
    case .char(let c):
        guard c.value >= 0x20, c.value != 0x7F, !(0x80..<0xA0).contains(c.value),
              f.text.unicodeScalars.count < FindState.maximumLength else { return }
        f.text.unicodeScalars.append(c)
        validate(&f, &s)
    default:
        return
    }
    s.find = f
}

/// Compiles the text: in force when it does, its error on the line when it does not.
private func validate(_ f: inout FindState, _ s: inout AppState) {
    do {
        _ = try TextFilter(f.text)
        f.applied = f.text
        f.error = nil
        // What `n`/`N` keep searching after Esc clears the filter.
        if !f.text.isEmpty { s.lastSearch = f.text }
    } catch {
        f.error = error.description
    }
}

/// `n`/`N`: the next (previous) identity in table order that matches the filter in force or,
/// once cleared, the last one; wraps around as less does. The table is not filtered by it.
func jumpToMatch(forward: Bool, _ s: inout AppState, context: UpdateContext) {
    let applied = s.find?.applied ?? ""
    guard let text = applied.isEmpty ? s.lastSearch : applied, !text.isEmpty else {
        s.flash = "no search: press / first"
        return
    }
    var row: [String: Int] = [:]
    row.reserveCapacity(context.identities.count)
    for (i, name) in context.identities.enumerated() where row[name] == nil { row[name] = i }
    let hits = context.searchHits.compactMap { row[$0] }.sorted()
    guard let first = hits.first, let last = hits.last else {
        s.flash = "no identity matches \(text)"
        return
    }
    let current = s.selectedIdentity.flatMap { row[$0] } ?? (forward ? -1 : context.identities.count)
    let target: Int
    if forward {
        if let next = hits.first(where: { $0 > current }) { target = next } else {
            target = first
            s.flash = "search wrapped"
        }
    } else {
        if let previous = hits.last(where: { $0 < current }) { target = previous } else {
            target = last
            s.flash = "search wrapped"
        }
    }
    s.selectedIdentity = context.identities[target]
    s.selectedIndex = target
    s.selectionMoved = true
    s.detailScroll = 0
}

/// `s` cycles the key, `S` reverses the order. The selection keeps its identity (by name).
func changeSort(_ action: Action, _ s: inout AppState) {
    if action == .cycleSort { s.sort.key = s.sort.key.next } else { s.sort.reversed.toggle() }
    s.flash = "sorted by \(s.sort.key.label)" + (s.sort.reversed ? " (reversed)" : "")
}
