import Foundation
import Reports
import Response

/// The plan as `nhitop revoke` prints it before asking: the same facts the dialog shows.
enum PlanText {
    static func describe(_ plan: RevokePlan, step index: Int, reason: String, dryRun: Bool = false) -> String {
        let step = plan.steps[index]
        var out = "Revoke \(TextSafety.printable(plan.target.identity)) (\(plan.target.kind.label))\n"
        if let previous = plan.previous {
            let p = TextSafety.printable
            out += "  ALREADY REVOKED at \(previous.time.iso8601) by \(p(previous.operatorInfo.name)) with \(p(previous.hook)): \(p(previous.reason))\n"
        }
        out += "  with    \(TextSafety.printable(step.name)): \(TextSafety.printable(step.description))\n"
        if !step.shownArgv.isEmpty {
            let argv = step.shownArgv.map { $0 == RevokePlanner.reasonPlaceholder ? reason : $0 }
            // A dry run executes the hook's dryRun command, if any, never this one.
            out += (dryRun ? "  would   " : "  runs    ") + ArgvText.shell(argv) + "\n"
        }
        out += "  undo    \(step.reversible ? "possible" : "not possible")\n"
        if step.dangerous { out += "  DANGEROUS: confirm by typing the identity\n" }
        for s in step.survivors { out += "  will not stop: \(TextSafety.printable(s))\n" }
        out += "  reason  \(TextSafety.printable(reason))\n"
        return out
    }
}

/// An argv as one line a person can read (and paste): elements with spaces or shell
/// characters single-quoted. Display only: hooks never go through a shell.
enum ArgvText {
    static func shell(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }

    static func quote(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { c in
            c.isASCII && (CharacterSetSafe.contains(c))
        }
        if safe && !s.isEmpty { return TextSafety.printable(s) }
        return "'" + TextSafety.printable(s).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let CharacterSetSafe = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
}
