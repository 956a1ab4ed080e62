import ArgumentParser
import Events
import Foundation
import Response

/// `nhitop revoke IDENTITY --reason TEXT`: the dialog's path without the dashboard. Prints
/// the plan; runs only after a yes typed on the terminal, or with --yes.
struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revoke an identity with a configured hook, the deny-list, or a manual record; written to the ledger.",
        discussion: """
        Without --yes the plan is printed and the answer read from the terminal; with no terminal and no --yes
        nothing runs. Exit status 0 when revoked (or rehearsed), 1 when the hook failed or timed out, 2 when refused.
        """)

    @Argument(help: "The identity, exactly as the dashboard or report shows it.")
    var identity: String

    @Option(help: "Why (at least 10 characters); recorded in the ledger and passed to hooks as $REASON.")
    var reason: String

    @Option(help: "The hook to run: a configured hook's name, denylist or manual. Needed when more than one applies.")
    var hook: String?

    @Option(help: "The identity's kind (aws_user, aws_role, k8s_sa, vault_token, gh_token, ai_agent, …); guessed from the name when left out.")
    var kind: String?

    @Option(help: "The credential to revoke ($CREDENTIAL_ID: access key id, Vault accessor, token).")
    var credential: String?

    @Flag(help: "Run the hook's dryRun command (or nothing) and record a dry run; nothing is changed.")
    var dryRun = false

    @Flag(help: "Do not ask: run at once (for scripts).")
    var yes = false

    @OptionGroup var response: ResponseArguments

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).count < RevokePlan.minimumReasonLength {
            throw ValidationError("--reason must be at least \(RevokePlan.minimumReasonLength) characters")
        }
        if let kind, IdentityKind(label: kind) == nil {
            throw ValidationError("--kind: unknown kind \"\(kind)\" (one of \(IdentityKind.allCases.map(\.label).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let config = try response.loadConfig()
        if config.readOnly {
            throw failure(2, "nhitop revoke: read-only (--read-only or read_only in \(config.source ?? "the config")): nothing is run")
        }
        let ledgerPath = try response.ledgerPath(config: config)
        let ledger = try response.openLedger(ledgerPath)
        let operatorInfo = OperatorInfo.current()
        let target = RevokeTarget(identity: identity, kind: kind.flatMap(IdentityKind.init(label:)) ?? IdentityKindGuess.kind(of: identity),
                                  credentials: credential.map { [$0] } ?? [])
        var replay = LedgerReplay(acknowledgeQuietSeconds: config.acknowledgeQuietSeconds)
        _ = replay.track(try ledger.entries())
        let plan = RevokePlanner.plan(target: target, config: config, operatorInfo: operatorInfo,
                                      previous: replay.current(for: identity))
        let index = try chooseStep(plan)
        let step = plan.steps[index]
        print(PlanText.describe(plan, step: index, reason: reason, dryRun: dryRun), terminator: "")

        if !yes {
            guard let tty = TerminalPrompt() else {
                throw failure(2, "nhitop revoke: no terminal to confirm on; pass --yes to run without asking")
            }
            let expected = step.dangerous ? identity : "yes"
            let question = step.dangerous
                ? "\(step.name) is dangerous. Type the identity to confirm: "
                : (plan.previous != nil ? "Already revoked. Revoke again? Type yes: " : "Type yes to \(dryRun ? "rehearse" : "revoke"): ")
            let answer = tty.ask(question)
            guard answer == expected || (step.dangerous && answer == plan.target.name && !plan.target.name.isEmpty) else {
                throw failure(2, "nhitop revoke: not confirmed; nothing ran")
            }
        }

        let executor = ResponseExecutor(ledger: ledger, config: config, operatorInfo: operatorInfo,
                                        denylistPath: response.denylistPath(config: config, ledgerPath: ledgerPath))
        let result = runBlocking { await executor.revoke(plan: plan, step: index, reason: reason, dryRun: dryRun) }
        // The hook's output and the identity in the title come from outside: shown, not obeyed.
        print(DisplaySafe.text(result.title))
        if !result.detail.isEmpty { print("  " + DisplaySafe.text(result.detail)) }
        if !result.output.isEmpty {
            print("  output:")
            for line in result.output.split(separator: "\n", omittingEmptySubsequences: false).prefix(20) {
                print("    " + DisplaySafe.text(String(line)))
            }
        }
        if !result.ledgerNote.isEmpty { print("  " + DisplaySafe.text(result.ledgerNote)) }
        if !result.succeeded { throw ExitCode(1) }
    }

    func chooseStep(_ plan: RevokePlan) throws -> Int {
        if let hook {
            guard let i = plan.steps.firstIndex(where: { $0.name == hook }) else {
                let names = plan.steps.map(\.name).joined(separator: ", ")
                throw failure(2, "nhitop revoke: hook \"\(hook)\" does not apply to \(plan.target.kind.label) (choose from: \(names))")
            }
            if let problem = plan.steps[i].problem {
                throw failure(2, "nhitop revoke: \(hook): \(problem)")
            }
            return i
        }
        let hooks = plan.steps.indices.filter { plan.steps[$0].kind == .hook }
        if hooks.count == 1, plan.steps[hooks[0]].problem == nil { return hooks[0] }
        let names = plan.steps.map(\.name).joined(separator: ", ")
        throw failure(2, hooks.isEmpty
            ? "nhitop revoke: no configured hook applies to \(plan.target.kind.label); pass --hook denylist or --hook manual"
            : "nhitop revoke: several hooks apply; pass --hook (one of: \(names))")
    }
}

/// A one-line error on stderr and a chosen exit status (ArgumentParser's ValidationError always exits 64).
func failure(_ code: Int32, _ message: String) -> ExitCode {
    StandardError.write((message + "\n"))
    return ExitCode(code)
}

/// Runs async work from a synchronous command and waits for it.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    // Written once by the task before the semaphore is signalled, read after the wait.
    var value: T?
}
