import ArgumentParser

@main
struct NHITop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nhitop",
        abstract: "Watch non-human identities act, live: who is dangerous right now, and why.",
        discussion: """
        Follows CloudTrail, Kubernetes audit, OPA decision, Vault audit and GitHub audit logs
        (or nhitop's own JSON-lines events) and shows, per identity, what it is doing and how risky it is.
        Try `nhitop --demo` for built-in live traffic.
        """,
        subcommands: [Watch.self, Report.self, Export.self, Sample.self, Revoke.self, LedgerList.self, RulesCommand.self],
        defaultSubcommand: Watch.self)
}
