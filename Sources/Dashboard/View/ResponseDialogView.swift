import Activity
import Events
import Response

/// The revoke / undo / acknowledge modal, centered over the dashboard like the help.
/// The body is cut from the bottom when the terminal is short (last events first); the
/// key line and any refusal message always stay in sight.
func drawResponseDialog(_ buf: inout CellBuffer, _ d: ResponseDialog, _ ctx: ViewContext) {
    let w = min(buf.width - 4, 100)
    guard w > 10, buf.height > 6 else { return }
    let content = DialogContent(d, ctx, width: w - 4)
    let h = min(buf.height - 2, content.body.count + content.bottom.count + 3)
    let x = (buf.width - w) / 2, y = (buf.height - h) / 2
    buf.fill(x: x, y: y, width: w, height: h, role: .modal)
    buf.box(x: x, y: y, width: w, height: h, role: .borderFocus, glyphs: ctx.glyphs,
            title: TextFormat.fit(content.title, w - 6, ellipsis: ctx.glyphs.ellipsis))
    let bottomTop = y + h - 1 - content.bottom.count
    let bodyRoom = max(0, bottomTop - 1 - (y + 1))
    for (i, line) in content.body.prefix(bodyRoom).enumerated() {
        draw(line, &buf, x: x + 2, y: y + 1 + i, width: w - 4)
    }
    for (i, line) in content.bottom.enumerated() where bottomTop + i > y {
        draw(line, &buf, x: x + 2, y: bottomTop + i, width: w - 4)
    }
}

private func draw(_ line: DialogLine, _ buf: inout CellBuffer, x: Int, y: Int, width: Int) {
    buf.put(line.spans, x: x, y: y, maxWidth: width)
    if let role = line.highlight { buf.paint(x: x - 1, y: y, width: width + 2, role: role) }
}

/// One line of the dialog; `highlight` paints the whole row (the chosen step).
struct DialogLine: Hashable {
    var spans: [Span]
    var highlight: StyleRole?

    init(_ spans: [Span], highlight: StyleRole? = nil) {
        self.spans = spans
        self.highlight = highlight
    }

    init(_ text: String, _ role: StyleRole = .modal) { self.init([Span(text, role)]) }

    static let blank = DialogLine("")
}

/// What the dialog says at its current stage, as lines already fitted to `width`.
struct DialogContent {
    var title: String
    var body: [DialogLine] = []
    /// Refusal message and key hints: always shown.
    var bottom: [DialogLine] = []

    private let d: ResponseDialog
    private let ctx: ViewContext
    private let width: Int
    private let labelWidth = 10

    init(_ d: ResponseDialog, _ ctx: ViewContext, width: Int) {
        self.d = d
        self.ctx = ctx
        self.width = max(1, width)
        switch d.kind {
        case .revoke: title = "Revoke " + d.shortName
        case .undo: title = "Undo revoke"
        case .acknowledge: title = "Acknowledge alert"
        }
        build()
    }

    private var e: String { ctx.glyphs.ellipsis }
    private var dots: String { ctx.options.ascii ? "..." : "…" }

    // MARK: Building blocks

    private mutating func text(_ s: String, _ role: StyleRole = .modal, maxLines: Int = 2, indent: Int = 0) {
        let pad = String(repeating: " ", count: indent)
        for part in TextFormat.wrap(s, max(1, width - indent), maxLines: maxLines, ellipsis: e) {
            body.append(DialogLine([Span(pad + part, role)]))
        }
    }

    /// `label     value`, the value wrapped under itself.
    private mutating func field(_ label: String, _ value: String, _ role: StyleRole = .modal, maxLines: Int = 2) {
        let parts = TextFormat.wrap(value, max(1, width - labelWidth), maxLines: maxLines, ellipsis: e)
        for (i, part) in parts.enumerated() {
            let l = i == 0 ? label.padding(labelWidth) : String(repeating: " ", count: labelWidth)
            body.append(DialogLine([Span(l, .muted), Span(part, role)]))
        }
    }

    private mutating func header(_ s: String) {
        body.append(.blank)
        body.append(DialogLine(TextFormat.fit(s, width, ellipsis: e), .header))
    }

    /// A one-line text field showing the end of what is typed (the cursor is at the end).
    private mutating func inputField(_ value: String) {
        let room = max(1, width - 3)
        var chunks: [String] = []
        var rest = Substring(value + "_").unicodeScalars
        while !rest.isEmpty {
            let chunk = TextFormat.prefix(String(String.UnicodeScalarView(rest)), room)
            if chunk.isEmpty { break }
            chunks.append(chunk)
            rest = rest.dropFirst(chunk.unicodeScalars.count)
        }
        for (i, chunk) in chunks.suffix(3).enumerated() {
            body.append(DialogLine([Span(i == 0 ? "> " : "  ", .keyHint), Span(chunk.padding(room), .selected)]))
        }
    }

    private mutating func keys(_ hints: [(String, String)]) {
        if let message = d.message {
            for part in TextFormat.wrap(message, width, maxLines: 2, ellipsis: e) {
                bottom.append(DialogLine(part, .error))
            }
        }
        var spans: [Span] = []
        for (i, (key, label)) in hints.enumerated() {
            if i > 0 { spans.append(Span("   ", .modal)) }
            spans.append(Span(key, .keyHint))
            spans.append(Span(" " + label, .muted))
        }
        bottom.append(DialogLine(spans))
    }

    private func ago(_ t: EventTime) -> String {
        // The event clock can be behind a ledger row's wall-clock time when replaying old logs.
        ctx.snapshot.clock >= t ? TextFormat.age(t, now: ctx.snapshot.clock) + " ago" : "at " + t.clock
    }

    private mutating func identityLine() {
        text(d.identity, .title, maxLines: 2)
    }

    private mutating func previousWarning(_ p: LedgerEntry, again: Bool) {
        var s = "already revoked \(ago(p.time)) by \(p.operatorInfo.name) (\(p.hook.isEmpty ? "manual" : p.hook))"
        if !p.reason.isEmpty { s += ": " + p.reason }
        text(s, .warn, maxLines: 2)
        if again { text("confirming revokes it again", .warn, maxLines: 1) }
    }

    // MARK: Stages

    private mutating func build() {
        switch d.stage {
        case .loading:
            identityLine()
            body.append(.blank)
            text(d.kind == .undo ? "finding the revoke to undo\(dots)" : "building the plan\(dots)", .muted)
            keys([("Esc", "cancel")])
        case .plan:
            if d.kind == .undo { undoBlocked() } else { revokePlanStage() }
        case .reason:
            reasonStage()
        case .confirm:
            confirmStage()
        case .running(let elapsed):
            runningStage(elapsed)
        case .finished(let outcome):
            finishedStage(outcome)
        }
    }

    private mutating func revokePlanStage() {
        identityLine()
        guard let plan = d.revokePlan else { return }
        var kind = "kind " + plan.target.kind.label
        if !plan.target.credential.isEmpty { kind += "  \(ctx.glyphs.separator)  credential " + RevokePlanner.shownCredential(plan.target.credential) }
        text(kind, .muted, maxLines: 1)
        if let previous = plan.previous { previousWarning(previous, again: false) }
        if plan.noMatchingHook {
            text("no configured hook matches kind \(plan.target.kind.label); use the deny-list or record a manual revoke",
                 .warn)
        }
        header("Revoke with (\(plan.steps.count) way\(plan.steps.count == 1 ? "" : "s"))")
        stepList(plan)
        if let step = d.step { stepDetail(step) }
        if !plan.target.recentEvents.isEmpty {
            header("Last events")
            for line in plan.target.recentEvents.prefix(5) { text(line, .modal, maxLines: 1, indent: 2) }
        }
        if plan.target.credentials.count > 1 {
            header("Credentials")
            for c in plan.target.credentials.prefix(3) {
                body.append(DialogLine("  " + TextFormat.fit(RevokePlanner.shownCredential(c), width - 2, cut: .middle, ellipsis: e),
                                       .modal))
            }
        }
        keys([("j/k", "choose"), ("Enter", "next: reason"), ("Esc", "cancel")])
    }

    /// At most 6 steps, in a window that keeps the highlighted one in sight.
    private mutating func stepList(_ plan: RevokePlan) {
        let shown = 6
        let top = clamp(d.selectedStep - shown / 2, 0, max(0, plan.steps.count - shown))
        let nameWidth = min(24, plan.steps.map { DisplayWidth.of($0.name) }.max() ?? 0)
        for (i, step) in plan.steps.enumerated() where i >= top && i < top + shown {
            let chosen = i == d.selectedStep
            var spans = [Span(chosen ? "> " : "  ", .keyHint),
                         Span(TextFormat.fit(step.name, nameWidth, ellipsis: e).padding(nameWidth) + "  ", .modal)]
            if step.dangerous { spans.append(Span("DANGEROUS", .dangerButton)); spans.append(Span(" ", .modal)) }
            let rest = max(1, width - nameWidth - 4 - (step.dangerous ? 10 : 0))
            if let problem = step.problem {
                spans.append(Span(TextFormat.fit("cannot run: " + problem, rest, ellipsis: e), .error))
            } else {
                spans.append(Span(TextFormat.fit(step.description, rest, ellipsis: e), .muted))
            }
            body.append(DialogLine(spans, highlight: chosen ? .cursorRow : nil))
        }
        if plan.steps.count > shown {
            text("\(d.selectedStep + 1) of \(plan.steps.count)", .muted, maxLines: 1, indent: 2)
        }
    }

    /// Everything about the highlighted step the operator must see before choosing it.
    private mutating func stepDetail(_ step: PlanStep) {
        body.append(.blank)
        if step.kind == .manual {
            field("runs", "nothing: records a revoke done by other means", .muted)
        } else if step.kind == .denylist {
            field("runs", "built in: writes the identity to the OPA deny-list file", .modal)
        } else {
            field("runs", ArgvDisplay.line(step.shownArgv), .modal, maxLines: 3)
        }
        if let problem = step.problem { field("problem", problem, .error) }
        field("undo", "can be undone: " + (step.reversible ? "yes" : "no"), step.reversible ? .modal : .warn, maxLines: 1)
        // The label once, then one line per survivor: they read as a list of next steps.
        for (i, survivor) in step.survivors.prefix(3).enumerated() {
            field(i == 0 ? "survives" : "", "- " + survivor, .warn)
        }
        if step.kind == .hook {
            field("limits", "timeout \(seconds(step.timeoutSeconds))  \(ctx.glyphs.separator)  grace \(step.graceSeconds) s",
                  .muted, maxLines: 1)
        }
        if step.dangerous {
            text("DANGEROUS: you will type the identity's name to confirm", .dangerButton, maxLines: 1)
        }
    }

    private mutating func undoInfo(_ plan: UndoPlan) {
        let r = plan.revoke
        field("revoked", "by \(r.operatorInfo.name) \(ago(r.time)) via \(r.hook.isEmpty ? "manual" : r.hook)")
        if !r.reason.isEmpty { field("reason", r.reason, .modal) }
        if let problem = plan.problem {
            field("cannot", problem, .error, maxLines: 3)
        } else {
            field("runs", plan.shownArgv.isEmpty ? "nothing to run: only recorded" : ArgvDisplay.line(plan.shownArgv),
                  .modal, maxLines: 3)
        }
    }

    private mutating func undoBlocked() {
        identityLine()
        if let plan = d.undoPlan { undoInfo(plan) }
        keys([("Enter/Esc", "close")])
    }

    private mutating func stepSummary() {
        guard let step = d.step else { return }
        field("with", step.name + (step.dangerous ? " (dangerous)" : ""), .modal, maxLines: 1)
        if step.kind == .hook { field("runs", ArgvDisplay.line(withReason(step.shownArgv)), .modal, maxLines: 3) }
    }

    /// Past the plan the reason is known: show the argv as it will run, not with `<reason>`.
    private func withReason(_ argv: [String]) -> [String] {
        let reason = d.trimmedReason
        guard !reason.isEmpty else { return argv }
        return argv.map { $0.replacing(RevokePlanner.reasonPlaceholder, with: reason) }
    }

    private mutating func reasonStage() {
        identityLine()
        switch d.kind {
        case .revoke:
            stepSummary()
            if let previous = d.revokePlan?.previous { previousWarning(previous, again: false) }
            header("Reason, for the ledger (at least \(RevokePlan.minimumReasonLength) characters)")
        case .undo:
            if let plan = d.undoPlan { undoInfo(plan) }
            header("Reason for the undo (at least \(RevokePlan.minimumReasonLength) characters)")
        case .acknowledge:
            acknowledgeInfo()
            header("Note, for the ledger (at least \(ResponseDialog.minimumNoteLength) characters)")
        }
        inputField(d.reason)
        keys([("Enter", "continue"), ("Backspace", "delete"), ("ctrl-u", "clear"), ("Esc", "cancel")])
    }

    private mutating func acknowledgeInfo() {
        if let row = ctx.snapshot.identities.first(where: { $0.identity == d.identity }) {
            let level = RiskLevel(score: row.risk)
            body.append(DialogLine([Span("risk".padding(labelWidth), .muted), Span(" \(row.risk) \(level.display) ", level.role)]))
            for reason in row.reasons.prefix(3) { text("+\(reason.points) " + reason.text, .modal, maxLines: 1, indent: 2) }
        }
        text("the same signals will not alert again for this identity until a new kind of signal fires or the quiet time passes",
             .muted)
    }

    private mutating func confirmStage() {
        identityLine()
        let verb = d.kind == .undo ? "undo" : "revoke"
        if d.kind == .undo, let plan = d.undoPlan { undoInfo(plan) } else { stepSummary() }
        field("reason", d.trimmedReason, .modal, maxLines: 3)
        body.append(.blank)
        if d.kind == .revoke, let previous = d.revokePlan?.previous { previousWarning(previous, again: true) }
        if d.needsTypedName {
            let step = d.step
            text("DANGEROUS: \(step?.name ?? "this step")" + ((step?.reversible ?? true) ? "" : " cannot be undone"),
                 .dangerButton, maxLines: 1)
            text("type the identity's name to confirm: \(d.shortName)", .modal)
            if d.shortName != d.identity { text("(or the full identity)", .muted, maxLines: 1) }
            inputField(d.typedName)
            keys([("Enter", "confirm when the name matches"), ("Esc", "cancel")])
        } else {
            let question = d.kind == .undo ? "Undo the revoke of \(d.shortName)?"
                : "Revoke \(d.shortName) with \(d.step?.name ?? "")?"
            text(question, .title)
            body.append(DialogLine([Span("[y] \(verb)", .dangerButton), Span("   ", .modal),
                                    Span("[N] cancel", .cursorRow), Span(" (default)", .muted)]))
            keys([("y", verb), ("n / Esc", "cancel"), ("Enter", "does not confirm")])
        }
    }

    private mutating func runningStage(_ elapsed: Double) {
        identityLine()
        switch d.kind {
        case .revoke: stepSummary()
        case .undo: if let plan = d.undoPlan { field("runs", ArgvDisplay.line(withReason(plan.shownArgv)), .modal, maxLines: 3) }
        case .acknowledge: field("note", d.trimmedReason, .modal)
        }
        body.append(.blank)
        let what = d.kind == .acknowledge ? "recording" : "running"
        text("\(what)\(dots) \(TextFormat.oneDecimal(elapsed)) s", .warn, maxLines: 1)
        text("keys still work: Esc hides this dialog; the result opens it again", .muted)
        keys([("Esc", "hide")])
    }

    private mutating func finishedStage(_ o: ResponseOutcome) {
        identityLine()
        body.append(.blank)
        text((o.succeeded ? "done: " : "FAILED: ") + o.title, o.succeeded ? .ok : .error)
        if !o.detail.isEmpty { text(o.detail, .modal) }
        if !o.ledgerNote.isEmpty { text(o.ledgerNote, .muted) }
        // Blank lines around the excerpt say nothing; inner ones are kept.
        var output = o.output.split(separator: "\n", omittingEmptySubsequences: false)
        while output.first?.allSatisfy({ $0 == " " || $0 == "\r" }) == true { output.removeFirst() }
        while output.last?.allSatisfy({ $0 == " " || $0 == "\r" }) == true { output.removeLast() }
        if !output.isEmpty {
            header("Output")
            for line in output.prefix(8) {
                body.append(DialogLine("  " + TextFormat.fit(String(line), width - 2, ellipsis: e), .modal))
            }
            if output.count > 8 { text("(\(output.count - 8) more lines in the ledger)", .muted, maxLines: 1, indent: 2) }
        }
        keys([("Enter/Esc", "close")])
    }

    private func seconds(_ s: Double) -> String {
        s == s.rounded() && s < 1e9 ? "\(Int(s)) s" : TextFormat.oneDecimal(s) + " s"
    }
}
