import Testing
@testable import Response

@Suite struct HookArgvTests {
    let template = HookTemplate(command: "aws", args: [
        "iam", "update-access-key", "--access-key-id", "$CREDENTIAL_ID", "--status", "Inactive",
        "--user-name", "${IDENTITY_NAME}", "--cost", "$$5",
    ])

    @Test func substitutesIntoSingleArguments() throws {
        let argv = try HookArgv.expand(template, variables: [.CREDENTIAL_ID: "AKIAEXAMPLE", .IDENTITY_NAME: "ci-deploy"])
        #expect(argv == ["aws", "iam", "update-access-key", "--access-key-id", "AKIAEXAMPLE", "--status", "Inactive",
                         "--user-name", "ci-deploy", "--cost", "$5"])
    }

    @Test(arguments: [
        "x; rm -rf /", "$(reboot)", "`id`", "a' || 'b", "\"quoted\" arg", "line\nbreak", "\u{1b}[2J", "--status=Active",
        "$IDENTITY_NAME",
    ])
    func hostileValuesStayOneArgumentAndAreNotReexpanded(_ value: String) throws {
        let argv = try HookArgv.expand(template, variables: [.CREDENTIAL_ID: value, .IDENTITY_NAME: "n"])
        #expect(argv.count == template.args.count + 1)
        #expect(argv[4] == value)
    }

    @Test func refusesEmptyOrUnknownVariables() {
        #expect(throws: HookArgvError.emptyVariable("CREDENTIAL_ID", argument: 4)) {
            try HookArgv.expand(self.template, variables: [.CREDENTIAL_ID: "", .IDENTITY_NAME: "n"])
        }
        #expect(throws: HookArgvError.emptyVariable("IDENTITY_NAME", argument: 8)) {
            try HookArgv.expand(self.template, variables: [.CREDENTIAL_ID: "k"])
        }
        #expect(throws: HookArgvError.unknownVariable("IDENTITY_NMAE", argument: 1)) {
            try HookArgv.expand(HookTemplate(command: "x", args: ["$IDENTITY_NMAE"]), variables: [:])
        }
        #expect(throws: HookArgvError.unterminated(argument: 1)) {
            try HookArgv.expand(HookTemplate(command: "x", args: ["${REASON"]), variables: [.REASON: "r"])
        }
    }

    @Test func aLoneDollarIsLiteral() throws {
        #expect(try HookArgv.expand(HookTemplate(command: "echo", args: ["cost $", "$ 5", "$lower"]), variables: [:])
            == ["echo", "cost $", "$ 5", "$lower"])
    }

    @Test func redactsSecretsEverywhere() {
        let argv = ["vault", "token", "revoke", "-accessor", "hmac-abc123", "note=hmac-abc123-x"]
        #expect(HookArgv.redacted(argv, secrets: ["hmac-abc123", "ab"]) ==
                ["vault", "token", "revoke", "-accessor", "***", "note=***-x"])
    }
}
