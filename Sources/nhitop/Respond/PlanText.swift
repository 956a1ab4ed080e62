import Events
import Reports
import Response

/// The plan as `nhitop revoke` prints it before asking: the same facts the dialog shows.
enum PlanText {
    static func describe(_ plan: RevokePlan, step index: Int, reason: String, dryRun: Bool = false) -> String {
        let step = plan.steps[index]
        var out = "Revoke \(DisplaySafe.text(plan.target.identity)) (\(plan.target.kind.label))\n"
        if let previous = plan.previous {
            let p = DisplaySafe.text
            out += "  ALREADY REVOKED at \(previous.time.iso8601) by \(p(previous.operatorInfo.name)) with \(p(previous.hook)): \(p(previous.reason))\n"
        }
        out += "  with    \(DisplaySafe.text(step.name)): \(DisplaySafe.text(step.description))\n"
        if !step.shownArgv.isEmpty {
            let argv = step.shownArgv.map { $0 == RevokePlanner.reasonPlaceholder ? reason : $0 }
            // A dry run executes the hook's dryRun command, if any, never this one.
            out += (dryRun ? "  would   " : "  runs    ") + DisplaySafe.text(ArgvDisplay.line(argv)) + "\n"
        }
        out += "  undo    \(step.reversible ? "possible" : "not possible")\n"
        if step.dangerous { out += "  DANGEROUS: confirm by typing the identity\n" }
        for s in step.survivors { out += "  will not stop: \(DisplaySafe.text(s))\n" }
        out += "  reason  \(DisplaySafe.text(reason))\n"
        return out
    }
}
