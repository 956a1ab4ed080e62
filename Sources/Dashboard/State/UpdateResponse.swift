import Response

// The response dialog's part of `update`: opening it, its keys, and the loop's answers.
// Nothing runs before the explicit confirmation; Esc before that emits no effect.

/// `R`, `U` or `a` outside the dialog.
func startResponse(_ action: Action, _ s: inout AppState, effects: inout [Effect]) {
    let verb: String
    switch action {
    case .revoke: verb = "revoke"
    case .undoRevoke: verb = "undo"
    default: verb = "acknowledge"
    }
    if s.readOnly {
        s.flash = "read-only: \(verb) is disabled"
        return
    }
    // One response at a time: a hidden running one is shown again rather than started over.
    if let dialog = s.dialog {
        if dialog.hidden { s.dialog?.hidden = false }
        return
    }
    // The identity view acts on its identity; the bottom panes have no selected identity.
    guard s.identityView != nil || !s.focus.isBottom else {
        s.flash = "\(verb) acts on the selected identity: Tab to the Identities pane"
        return
    }
    guard let identity = s.identityView?.identity ?? s.selectedIdentity else {
        s.flash = "no identity selected"
        return
    }
    switch action {
    case .revoke:
        s.dialog = ResponseDialog(kind: .revoke, identity: identity, stage: .loading)
        effects.append(.planRevoke(identity: identity))
    case .undoRevoke:
        s.dialog = ResponseDialog(kind: .undo, identity: identity, stage: .loading)
        effects.append(.planUndo(identity: identity))
    default:
        s.dialog = ResponseDialog(kind: .acknowledge, identity: identity, stage: .reason)
    }
}

/// A key while the dialog is open and shown.
func dialogKey(_ key: Key, _ s: inout AppState, effects: inout [Effect]) {
    guard var d = s.dialog else { return }
    d.message = nil
    switch d.stage {
    case .loading:
        if key == .escape { s.dialog = nil; return }
    case .plan:
        switch key {
        case .escape:
            s.dialog = nil
            return
        case .char("j"), .down:
            if let plan = d.revokePlan { d.selectedStep = min(d.selectedStep + 1, max(0, plan.steps.count - 1)) }
        case .char("k"), .up:
            d.selectedStep = max(0, d.selectedStep - 1)
        case .enter:
            // Undo's plan stage only exists to say why it cannot be undone.
            if d.kind == .undo { s.dialog = nil; return }
            guard let step = d.step, let plan = d.revokePlan else { break }
            if let problem = step.problem {
                d.message = "\(step.name) cannot run: \(problem)"
            } else {
                d.stage = .reason
                d.reason = String(plan.suggestedReason.prefix(ResponseDialog.maximumFieldLength))
            }
        default:
            break
        }
    case .reason:
        switch key {
        case .escape:
            s.dialog = nil
            return
        case .enter:
            let minimum = d.kind == .acknowledge ? ResponseDialog.minimumNoteLength : RevokePlan.minimumReasonLength
            if d.trimmedReason.count < minimum {
                d.message = d.kind == .acknowledge ? "a note of at least \(minimum) characters is required"
                    : "a reason of at least \(minimum) characters is required"
            } else if d.kind == .acknowledge {
                run(&d, effects: &effects)
            } else {
                d.stage = .confirm
                d.typedName = ""
            }
        default:
            edit(&d.reason, key)
        }
    case .confirm:
        if key == .escape { s.dialog = nil; return }
        if d.needsTypedName {
            if key == .enter {
                if d.typedNameMatches { run(&d, effects: &effects) } else {
                    d.message = "type \(d.shortName) (or the full identity) exactly to confirm"
                }
            } else {
                edit(&d.typedName, key)
            }
        } else {
            switch key {
            case .char("y"), .char("Y"):
                run(&d, effects: &effects)
            case .char("n"), .char("N"):
                s.dialog = nil
                return
            case .enter:
                // The default is No: Enter never confirms.
                d.message = "Enter does not confirm: press y to \(d.kind == .undo ? "undo" : "revoke"), n or Esc to cancel"
            default:
                break
            }
        }
    case .running:
        if key == .escape { d.hidden = true }
    case .finished:
        if key == .escape || key == .enter { s.dialog = nil; return }
    }
    s.dialog = d
}

/// The confirmed step: one effect, and the dialog waits for the result.
private func run(_ d: inout ResponseDialog, effects: inout [Effect]) {
    let reason = d.trimmedReason
    switch d.kind {
    case .revoke:
        guard let plan = d.revokePlan, let step = d.step, step.runnable else { return }
        effects.append(.runRevoke(plan: plan, step: d.selectedStep, reason: reason))
    case .undo:
        guard let plan = d.undoPlan, plan.problem == nil else { return }
        effects.append(.runUndo(plan: plan, reason: reason))
    case .acknowledge:
        effects.append(.acknowledge(identity: d.identity, note: reason))
    }
    d.stage = .running(elapsedSeconds: 0)
}

/// One-line text field editing: printable characters insert, Backspace deletes, ctrl-u clears.
private func edit(_ text: inout String, _ key: Key) {
    switch key {
    case .char(let c):
        guard c.value >= 0x20, c.value != 0x7F, text.unicodeScalars.count < ResponseDialog.maximumFieldLength else { return }
        text.unicodeScalars.append(c)
    case .backspace, .delete:
        if !text.isEmpty { text.removeLast() }
    case .ctrl("u"):
        text = ""
    default:
        break
    }
}

/// The loop's answers. An answer for a dialog that was cancelled (or for another identity) is dropped.
func receiveResponse(_ msg: Msg, _ s: inout AppState) {
    guard var d = s.dialog else { return }
    switch msg {
    case .revokePlan(let plan):
        guard d.kind == .revoke, d.stage == .loading, plan.target.identity == d.identity else { return }
        d.revokePlan = plan
        d.selectedStep = plan.steps.firstIndex(where: \.runnable) ?? 0
        d.stage = .plan
    case .undoPlan(let plan):
        guard d.kind == .undo, d.stage == .loading, plan.revoke.identity == d.identity else { return }
        d.undoPlan = plan
        d.stage = plan.problem == nil ? .reason : .plan
    case .responseProgress(let elapsed):
        guard d.isRunning else { return }
        d.stage = .running(elapsedSeconds: elapsed)
    case .responseFinished(let outcome):
        // Loading: the loop explains there is nothing to undo. Running: the result, shown even if hidden.
        guard d.isRunning || d.stage == .loading else { return }
        d.stage = .finished(outcome)
        d.hidden = false
    default:
        return
    }
    s.dialog = d
}
