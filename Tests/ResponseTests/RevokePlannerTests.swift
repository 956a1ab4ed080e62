import Events
import Testing
@testable import Response

@Suite struct RevokePlannerTests {
    let deactivate = Hook(name: "aws-deactivate-key", description: "deactivate the access key", scopes: [.awsUser],
                          run: HookTemplate(command: "aws", args: ["iam", "update-access-key", "--access-key-id", "$CREDENTIAL_ID",
                                                                   "--status", "Inactive", "--user-name", "$IDENTITY_NAME"]),
                          undo: HookTemplate(command: "aws", args: ["iam", "update-access-key", "--access-key-id", "$CREDENTIAL_ID",
                                                                    "--status", "Active", "--user-name", "$IDENTITY_NAME"]),
                          survivors: ["STS sessions already issued stay valid until they expire"], definitionHash: "h1")
    let vault = Hook(name: "vault-revoke", scopes: [.vaultToken],
                     run: HookTemplate(command: "vault", args: ["token", "revoke", "-accessor", "$CREDENTIAL_ID"]),
                     dangerous: true)
    let everyKind = Hook(name: "ticket", run: HookTemplate(command: "ticket", args: ["--why", "$REASON", "--who", "$OPERATOR"]))

    var config: ResponseConfig { ResponseConfig(hooks: [deactivate, vault, everyKind]) }

    @Test func matchesHooksByKindInConfigOrderThenTheBuiltIns() {
        let target = RevokeTarget(identity: "arn:aws:iam::123456789012:user/svc-reporting", kind: .awsUser,
                                  credentials: ["AKIAEXAMPLE"], reasons: ["24 denied in 10 min", "first use from 203.0.113.7", "x"])
        let plan = RevokePlanner.plan(target: target, config: config, previous: nil)
        #expect(plan.steps.map(\.name) == ["aws-deactivate-key", "ticket", "denylist", "manual"])
        #expect(!plan.noMatchingHook)
        #expect(plan.steps[0].shownArgv == ["aws", "iam", "update-access-key", "--access-key-id", "AKIAEXAMPLE",
                                            "--status", "Inactive", "--user-name", "svc-reporting"])
        #expect(plan.steps[0].reversible && !plan.steps[0].dangerous)
        #expect(plan.steps[1].shownArgv == ["ticket", "--why", "<reason>", "--who", "unknown"])
        #expect(plan.suggestedReason == "24 denied in 10 min; first use from 203.0.113.7")
    }

    @Test func aHookWhoseVariableIsEmptyIsShownWithItsProblemAndNoMatchSaysSo() {
        let target = RevokeTarget(identity: "vault-token:ci", kind: .vaultToken)
        let plan = RevokePlanner.plan(target: target, config: config, previous: nil)
        #expect(plan.steps[0].name == "vault-revoke")
        #expect(plan.steps[0].problem?.contains("CREDENTIAL_ID") == true)
        #expect(!plan.steps[0].runnable)
        let agent = RevokePlanner.plan(target: RevokeTarget(identity: "agent:x", kind: .aiAgent),
                                       config: ResponseConfig(hooks: [deactivate]), previous: nil)
        #expect(agent.noMatchingHook)
        #expect(agent.steps.map(\.name) == ["denylist", "manual"])
    }

    @Test func bearerSecretsAreRedactedButIdsAreNot() throws {
        let target = RevokeTarget(identity: "gh-token", kind: .githubToken, credentials: ["ghp_abcdefghijklmnopqrstuvwxyz0123456789"])
        let hook = Hook(name: "gh", run: HookTemplate(command: "curl", args: ["-H", "Authorization: Bearer $CREDENTIAL_ID"]))
        let plan = RevokePlanner.plan(target: target, config: ResponseConfig(hooks: [hook]), previous: nil)
        #expect(plan.steps[0].shownArgv == ["curl", "-H", "Authorization: Bearer ***"])
        let argv = try RevokePlanner.argv(hook.run, target: target, reason: "r", operatorInfo: OperatorInfo(user: "a"),
                                          actionID: "1", dryRun: false)
        #expect(argv.run[2] == "Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789")
        #expect(!RevokePlanner.looksSecret("AKIAIOSFODNN7EXAMPLE"))
        #expect(RevokePlanner.looksSecret("hvs.CAESIJ"))
    }

    @Test(arguments: [
        ("arn:aws:iam::123456789012:user/ops/svc-reporting", "svc-reporting", "", "123456789012"),
        ("arn:aws:sts::123456789012:assumed-role/ci-deploy/session-1", "ci-deploy", "", "123456789012"),
        ("system:serviceaccount:payments:api-gateway", "api-gateway", "payments", ""),
        ("agent:billing-assistant", "billing-assistant", "", ""),
        ("system:kube-scheduler", "system:kube-scheduler", "", ""),
        ("plain", "plain", "", ""),
    ])
    func identityNames(_ c: (String, String, String, String)) {
        let parsed = IdentityName.parse(c.0)
        #expect(parsed.name == c.1)
        #expect(parsed.namespace == c.2)
        #expect(parsed.account == c.3)
    }

    @Test func undoPlansSayWhyTheyCannotRun() {
        let target = RevokeTarget(identity: "arn:aws:iam::1:user/u", kind: .awsUser, credentials: ["AKIA1"])
        func row(_ hook: String, hash: String = "") -> LedgerEntry {
            LedgerEntry(actionID: "a", time: .zero, action: .revoke, operatorInfo: OperatorInfo(user: "alice"),
                        identity: target.identity, reason: "r", hook: hook, hookHash: hash, outcome: .succeeded)
        }
        let ok = RevokePlanner.undoPlan(for: row("aws-deactivate-key", hash: "h1"), target: target, config: config)
        #expect(ok.problem == nil)
        #expect(ok.shownArgv.contains("Active"))
        #expect(RevokePlanner.undoPlan(for: row("aws-deactivate-key", hash: "other"), target: target, config: config)
            .problem?.contains("changed") == true)
        #expect(RevokePlanner.undoPlan(for: row("vault-revoke"), target: target, config: config).problem?.contains("no undo") == true)
        #expect(RevokePlanner.undoPlan(for: row("gone"), target: target, config: config).problem?.contains("no longer") == true)
        #expect(RevokePlanner.undoPlan(for: row("denylist"), target: target, config: config).problem == nil)
    }

    @Test func undoActsOnTheRevokedCredentialNotTheOneInUseNow() throws {
        let revoke = LedgerEntry(actionID: "a", time: .zero, action: .revoke, operatorInfo: OperatorInfo(user: "alice"),
                                 identity: "arn:aws:iam::1:user/u", identityKind: "aws_user", credential: "AKIAOLD",
                                 reason: "r", hook: "aws-deactivate-key", hookHash: "h1", outcome: .succeeded)
        let seenNow = RevokeTarget(identity: revoke.identity, kind: .unknown, credentials: ["AKIANEW", "AKIAOLD"])
        let target = RevokePlanner.undoTarget(for: revoke, seen: seenNow)
        #expect(target.credentials == ["AKIAOLD"])
        #expect(target.kind == .awsUser)
        let plan = RevokePlanner.undoPlan(for: revoke, target: target, config: config)
        #expect(plan.shownArgv.contains("AKIAOLD") && !plan.shownArgv.contains("AKIANEW"))

        var secret = revoke
        secret.credential = RevokePlanner.shownCredential("ghp_abcdefghijklmnopqrstuvwxyz0123456789")
        #expect(secret.credential.hasPrefix("***") && secret.credential.count == 11)
        let blind = RevokePlanner.undoTarget(for: secret, seen: seenNow)
        #expect(RevokePlanner.undoPlan(for: secret, target: blind, config: config).problem?.contains("CREDENTIAL_ID") == true)
    }
}
