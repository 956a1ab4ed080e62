#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events
import Foundation
import Testing
@testable import Response

@Suite struct ResponseConfigTests {
    /// The one-line error text, or nil when the YAML parses.
    func error(_ yaml: String, source: String = "t.yaml") -> String? {
        do {
            _ = try ResponseConfig.parse(yaml: yaml, source: source)
            return nil
        } catch {
            return error.description
        }
    }

    func hooks(_ body: String) throws -> [Hook] {
        try ResponseConfig.parse(yaml: "hooks:\n" + body, source: "t.yaml").hooks
    }

    // MARK: examples

    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = repoRoot.appendingPathComponent("examples/hooks")

    @Test func everyExampleLoadsAndExplainsItself() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == ["aws.yaml", "github.yaml", "kubernetes.yaml", "teleport.yaml", "vault.yaml"])
        var names: Set<String> = []
        for file in files {
            let config = try ResponseConfig.load(contentsOf: Self.examples.appendingPathComponent(file).path)
            #expect(!config.hooks.isEmpty, "\(file)")
            for hook in config.hooks {
                #expect(!hook.description.isEmpty, "\(file): \(hook.name)")
                #expect(!hook.survivors.isEmpty, "\(file): \(hook.name)")
                #expect(!hook.scopes.isEmpty, "\(file): \(hook.name)")
                #expect(hook.definitionHash.count == 64, "\(file): \(hook.name)")
                #expect(hook.definitionHash.allSatisfy { $0.isHexDigit })
                // Copying hooks from several files under one `hooks:` must not clash.
                #expect(names.insert(hook.name).inserted, "\(hook.name) is in two example files")
                // A helper script a hook names ships next to it, executable.
                for command in [hook.run.command] + [hook.undo?.command, hook.dryRun?.command].compactMap({ $0 })
                where command.hasSuffix(".sh") {
                    #expect(FileManager.default.isExecutableFile(atPath: Self.examples.appendingPathComponent(command).path),
                            "\(command) missing or not executable")
                }
            }
        }
        #expect(names.contains("aws-deactivate-key") && names.contains("vault-revoke-accessor"))
    }

    @Test func exampleHooksSayWhatTheyRun() throws {
        let aws = try ResponseConfig.load(contentsOf: Self.examples.appendingPathComponent("aws.yaml").path)
        let key = try #require(aws.hook(named: "aws-deactivate-key"))
        #expect(key.scopes == [.awsUser])
        #expect(!key.dangerous && key.reversible)
        let argv = try HookArgv.expand(key.run, variables: [.CREDENTIAL_ID: "AKIAEXAMPLE", .IDENTITY_NAME: "svc"])
        #expect(argv == ["aws", "iam", "update-access-key", "--access-key-id", "AKIAEXAMPLE", "--status", "Inactive",
                         "--user-name", "svc"])
        let undo = try HookArgv.expand(try #require(key.undo), variables: [.CREDENTIAL_ID: "AKIAEXAMPLE", .IDENTITY_NAME: "svc"])
        #expect(undo.contains("Active") && !undo.contains("Inactive"))

        let vault = try ResponseConfig.load(contentsOf: Self.examples.appendingPathComponent("vault.yaml").path)
        let revoke = try #require(vault.hooks.first)
        #expect(revoke.dangerous && !revoke.reversible)
        #expect(try HookArgv.expand(revoke.run, variables: [.CREDENTIAL_ID: "acc"]) == ["vault", "token", "revoke", "-accessor", "acc"])
    }

    // MARK: errors name the file and the key

    @Test func unknownKeysAreNamedByTheirDottedPath() {
        let base = "hooks:\n  aws-deactivate:\n    command: aws\n"
        #expect(error(base + "    timout: 30s\n")?.hasPrefix("t.yaml: hooks.aws-deactivate.timout: unknown key") == true)
        #expect(error(base + "    undo: {command: aws, argz: [x]}\n")?.hasPrefix("t.yaml: hooks.aws-deactivate.undo.argz: unknown key") == true)
        #expect(error("hook:\n  x: {command: y}\n")?.hasPrefix("t.yaml: hook: unknown key") == true)
        #expect(error(base) == nil)
    }

    @Test func unknownVariablesNameTheHookAndTheArgument() {
        let e = error("hooks:\n  kill:\n    command: aws\n    args: [iam, $CREDENTAIL_ID]\n")
        #expect(e?.hasPrefix("t.yaml: hooks.kill.args[1]: unknown variable $CREDENTAIL_ID") == true)
        let undo = error("hooks:\n  kill:\n    command: aws\n    undo: {command: aws, args: [a, b, '${NAME}']}\n")
        #expect(undo?.hasPrefix("t.yaml: hooks.kill.undo.args[2]: unknown variable $NAME") == true)
        #expect(error("hooks:\n  kill:\n    command: aws\n    args: ['${IDENTITY_ID']\n") == "t.yaml: hooks.kill.args[0]: unterminated ${")
        // Known variables and `$$` load.
        #expect(error("hooks:\n  ok:\n    command: x\n    args: [$IDENTITY_ID, '${REASON}', $$5, --user=$IDENTITY_NAME]\n") == nil)
    }

    @Test(arguments: ["$IDENTITY_NAME", "${CMD}", "/usr/bin/$ACCOUNT-tool"])
    func variablesNeverChooseTheProgram(_ command: String) {
        let e = error("hooks:\n  h:\n    command: '\(command)'\n")
        #expect(e?.hasPrefix("t.yaml: hooks.h.command: variables are not allowed in command") == true)
        let undo = error("hooks:\n  h:\n    command: x\n    undo: {command: '\(command)'}\n")
        #expect(undo?.hasPrefix("t.yaml: hooks.h.undo.command: variables are not allowed") == true)
    }

    @Test func commandIsRequiredAndIsOneProgram() {
        #expect(error("hooks:\n  h:\n    args: [x]\n") == "t.yaml: hooks.h.command: required: the program to run")
        #expect(error("hooks:\n  h:\n    command: aws iam\n")?.hasPrefix("t.yaml: hooks.h.command: is one program") == true)
    }

    @Test(arguments: ["denylist", "manual"])
    func builtInNamesAreReserved(_ name: String) {
        #expect(error("hooks:\n  \(name):\n    command: x\n") == "t.yaml: hooks.\(name): \"\(name)\" is a built-in; choose another name")
    }

    @Test func scopesAreKnownKinds() throws {
        let h = try hooks("  h:\n    command: x\n    scopes: [aws_user, aws_role]\n")
        #expect(h[0].scopes == [.awsUser, .awsRole])
        #expect(try hooks("  h:\n    command: x\n")[0].scopes.isEmpty)
        #expect(error("hooks:\n  h:\n    command: x\n    scopes: [aws_user, aws_usr]\n")?
            .hasPrefix("t.yaml: hooks.h.scopes[1]: unknown identity kind \"aws_usr\"") == true)
        #expect(error("hooks:\n  h:\n    command: x\n    scopes: []\n")?.hasPrefix("t.yaml: hooks.h.scopes: empty") == true)
    }

    // MARK: values

    @Test(arguments: [("30s", 30), ("5m", 300), ("2h", 7200), ("1d", 86400), ("45", 45), ("0", 0)] as [(String, Int64)])
    func durationsParse(_ text: String, _ seconds: Int64) throws {
        let config = try ResponseConfig.parse(yaml: "grace: \(text)\nacknowledge_quiet: '\(text)'\n", source: "t.yaml")
        #expect(config.graceSeconds == seconds)
        #expect(config.acknowledgeQuietSeconds == seconds)
    }

    @Test(arguments: ["5x", "-1", "1.5h", "h", "''", "[1]", "99999999999s"])
    func badDurationsAreRefused(_ text: String) {
        #expect(error("grace: \(text)\n")?.hasPrefix("t.yaml: grace: must be a duration") == true)
    }

    /// A grace of years would hide every use after revoke, and would overflow microseconds.
    @Test func graceAndQuietAreBounded() {
        #expect(error("grace: 999999999d\n") == "t.yaml: grace: must be at most 7d")
        #expect(error("grace: 8d\n") == "t.yaml: grace: must be at most 7d")
        #expect(error("hooks:\n  h:\n    command: x\n    grace: 30d\n") == "t.yaml: hooks.h.grace: must be at most 7d")
        #expect(error("acknowledge_quiet: 999999999d\n") == "t.yaml: acknowledge_quiet: must be at most 365d")
    }

    @Test func timeoutIsBounded() throws {
        #expect(try hooks("  h:\n    command: x\n")[0].timeoutSeconds == 30)
        #expect(try hooks("  h:\n    command: x\n    timeout: 1h\n")[0].timeoutSeconds == 3600)
        for bad in ["0s", "61m", "2h"] {
            #expect(error("hooks:\n  h:\n    command: x\n    timeout: \(bad)\n") == "t.yaml: hooks.h.timeout: must be more than 0s and at most 1h")
        }
    }

    @Test func everyFieldIsRead() throws {
        let config = try ResponseConfig.parse(yaml: """
            read_only: true
            grace: 2m
            acknowledge_quiet: 4h
            ledger: /var/lib/nhitop/ledger.sqlite
            denylist: /etc/opa/denylist.json
            hooks:
              h:
                description: Do the thing
                scopes: k8s_sa
                command: kubectl
                args: [delete, secret, $IDENTITY_NAME-token]
                dangerous: true
                timeout: 10s
                grace: 5m
                undo: {command: kubectl, args: [apply, -f, saved.yaml]}
                dry_run: {command: kubectl, args: [delete, --dry-run=server]}
                survivors: bound tokens stay valid until they expire
            """, source: "t.yaml")
        #expect(config.readOnly && config.graceSeconds == 120 && config.acknowledgeQuietSeconds == 14400)
        #expect(config.ledgerPath == "/var/lib/nhitop/ledger.sqlite" && config.denylistPath == "/etc/opa/denylist.json")
        #expect(config.source == "t.yaml")
        let h = try #require(config.hooks.first)
        #expect(h.name == "h" && h.description == "Do the thing" && h.scopes == [.k8sServiceAccount])
        #expect(h.run == HookTemplate(command: "kubectl", args: ["delete", "secret", "$IDENTITY_NAME-token"]))
        #expect(h.dangerous && h.timeoutSeconds == 10 && h.graceSeconds == 300)
        #expect(h.undo == HookTemplate(command: "kubectl", args: ["apply", "-f", "saved.yaml"]))
        #expect(h.dryRun == HookTemplate(command: "kubectl", args: ["delete", "--dry-run=server"]))
        #expect(h.survivors == ["bound tokens stay valid until they expire"])
        #expect(error("hooks:\n  h:\n    command: x\n    dryRun: {command: y}\n    dry_run: {command: y}\n") == "t.yaml: hooks.h.dry_run: given twice")
        #expect(error("read_only: 'true'\n") == "t.yaml: read_only: must be true or false")
        #expect(error("ledger: ~/ledger.sqlite\n") == "t.yaml: ledger: write the full path: ~ is not expanded")
    }

    @Test func hooksKeepFileOrder() throws {
        let names = try hooks("  zeta: {command: z}\n  alpha: {command: a}\n  mid: {command: m}\n").map(\.name)
        #expect(names == ["zeta", "alpha", "mid"])
        #expect(error("hooks:\n  a: {command: z}\n  a: {command: a}\n") != nil)
    }

    @Test(arguments: ["", "\n", "# only a comment\n", "---\n"])
    func emptyFileIsTheEmptyConfig(_ yaml: String) throws {
        #expect(try ResponseConfig.parse(yaml: yaml, source: "t.yaml") == ResponseConfig(source: "t.yaml"))
        #expect(try ResponseConfig.parse(yaml: "hooks:\n", source: "t.yaml").hooks.isEmpty)
    }

    @Test func hostileStringsInArgsStayLiteral() throws {
        let h = try hooks(#"""
              h:
                command: /usr/bin/printf
                args:
                  - "it's \"quoted\""
                  - "$(touch /tmp/pwned)"
                  - "`id`"
                  - "; rm -rf / #"
                  - "line\nbreak"
                  - "$$IDENTITY_ID"
                  - ""
                  - 10
                  - "no"
            """#)[0]
        #expect(h.run.args == [#"it's "quoted""#, "$(touch /tmp/pwned)", "`id`", "; rm -rf / #", "line\nbreak", "$$IDENTITY_ID",
                               "", "10", "no"])
        let argv = try HookArgv.expand(h.run, variables: [:])
        #expect(argv.count == 10)
        #expect(argv[2] == "$(touch /tmp/pwned)" && argv[6] == "$IDENTITY_ID")
        // `- ` (null) and `- --flag: value` (a mapping) are slips, not arguments.
        #expect(error("hooks:\n  h:\n    command: x\n    args:\n      - a\n      -\n") == "t.yaml: hooks.h.args[1]: must be a string (write \"\" for an empty one)")
        #expect(error("hooks:\n  h:\n    command: x\n    args:\n      - --user: bob\n") == "t.yaml: hooks.h.args[0]: must be a string (quote it)")
    }

    @Test func definitionHashFollowsWhatRunsNotTheWords() throws {
        let base = "  h:\n    command: aws\n    args: [iam, x]\n"
        let a = try hooks(base)[0].definitionHash
        #expect(a == (try hooks(base)[0].definitionHash))
        #expect(a == (try hooks(base + "    description: words\n    survivors: more words\n")[0].definitionHash))
        #expect(a != (try hooks("  h:\n    command: aws\n    args: [iam, y]\n")[0].definitionHash))
        // Element boundaries count: [ab] and [a, b] must differ.
        #expect(try hooks("  h: {command: c, args: [ab]}\n")[0].definitionHash
            != (try hooks("  h: {command: c, args: [a, b]}\n")[0].definitionHash))
        #expect(a != (try hooks(base + "    dangerous: true\n")[0].definitionHash))
        #expect(a != (try hooks(base + "    undo: {command: aws}\n")[0].definitionHash))
        #expect(a != (try hooks(base + "    timeout: 31s\n")[0].definitionHash))
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ResponseConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/nhitop/config.yaml")
        #expect(ResponseConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/nhitop/config.yaml")
        #expect(ResponseConfig.defaultPath(environment: [:]) == nil)
    }

    // MARK: the file

    /// A fresh private directory holding `config.yaml`.
    func tempConfig(_ yaml: String = "hooks:\n  h: {command: x}\n") throws -> (dir: String, file: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-cfg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let file = dir + "/config.yaml"
        try yaml.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o600)
        return (dir, file)
    }

    @Test func loadsAPrivateFile() throws {
        let (dir, file) = try tempConfig()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try ResponseConfig.load(contentsOf: file)
        #expect(config.hooks.map(\.name) == ["h"] && config.source == file)
    }

    @Test func refusesAWorldWritableFile() throws {
        let (dir, file) = try tempConfig()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(file, 0o666)
        #expect(throws: (any Error).self) { try ResponseConfig.load(contentsOf: file) }
        do { _ = try ResponseConfig.load(contentsOf: file) } catch {
            #expect(error.description == "\(file): is world-writable; refusing to load hooks from it (chmod o-w)")
        }
    }

    @Test func refusesAFileInAWorldWritableDirectoryUnlessSticky() throws {
        let (dir, file) = try tempConfig()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o777)
        do {
            _ = try ResponseConfig.load(contentsOf: file)
            Issue.record("loaded from a world-writable directory")
        } catch {
            #expect(error.description.hasPrefix("\(file): is in \(dir), which is world-writable without the sticky bit"))
        }
        chmod(dir, 0o1777)  // like /tmp: others cannot rename our file
        #expect(try ResponseConfig.load(contentsOf: file).hooks.count == 1)
    }

    @Test func refusesAFileOwnedBySomeoneElse() throws {
        // Only root can give a file away; elsewhere there is nothing to set up.
        guard getuid() == 0 else { return }
        let (dir, file) = try tempConfig()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(chown(file, 4242, 4242) == 0)
        do {
            _ = try ResponseConfig.load(contentsOf: file)
            Issue.record("loaded a file owned by uid 4242")
        } catch {
            #expect(error.description == "\(file): is owned by uid 4242, not by you (uid 0) or root; refusing to load hooks from it")
        }
    }

    @Test func unreadableAndOddFilesAreOneLineErrors() throws {
        let (dir, file) = try tempConfig("hooks: [unclosed\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for path in [dir + "/missing.yaml", dir, file] {
            do {
                _ = try ResponseConfig.load(contentsOf: path)
                Issue.record("loaded \(path)")
            } catch {
                #expect(error.description.hasPrefix(path + ": "))
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(throws: (any Error).self) { try ResponseConfig.load(contentsOf: dir + "/missing.yaml") }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        do { _ = try ResponseConfig.load(contentsOf: dir + "/fifo") } catch {
            #expect(error.description == dir + "/fifo: is not a regular file")
        }
        let empty = dir + "/empty.yaml"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data(), attributes: [.posixPermissions: 0o600]))
        #expect(try ResponseConfig.load(contentsOf: empty) == ResponseConfig(source: empty))
    }
}
