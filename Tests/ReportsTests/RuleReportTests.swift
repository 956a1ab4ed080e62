import Activity
import Events
import Foundation
import Ingest
import Rules
import Testing
@testable import Reports

/// Issue #9, acceptance 1: with the built-in catalogue alone, each real attack recording
/// lifts its identity to at least moderate, with a reason naming the technique and its
/// tactic, and `report --json` names the rule.
@Suite(.enabled(if: RuleCorpus.isAvailable, "../shared/corpus is not beside the clone"))
struct RuleReportTests {
    static let rules = RuleLoader.load(builtin: true)

    static let aws = [
        "aws.credential-access.ec2-get-password-data.json",
        "aws.credential-access.ec2-steal-instance-credentials.json",
        "aws.credential-access.secretsmanager-retrieve-secrets.json",
        "aws.defense-evasion.organizations-leave.json",
        "aws.discovery.ec2-download-user-data.json",
        "aws.impact.bedrock-invoke-model.json",
        "aws.persistence.iam-backdoor-user.json",
        "aws.persistence.iam-create-admin-user.json",
        "aws.persistence.sts-federation-token.json",
        "ec2_proxy_s3_exfiltration_2020-09-14011940.json",
    ].map { "cloudtrail/" + $0 }

    static let kubernetes = [
        "create_nginx_pod_privileged.json", "attach_cluster_admin_role.json",
        "create_cluster_role_wildcard_verbs.json", "create_clusterrolebinding.json",
        "create_service_account_token_secret.json", "create_serviceaccount_kube_system_namespace.json",
        "anonymous_creates_namespace_foo.json", "exec_pod.json", "create_configmap_sensitive_values.json",
    ].map { "k8s-audit/" + $0 }

    static func report(_ file: String) throws -> Report {
        let bytes = try [UInt8](Data(contentsOf: RuleCorpus.url.appendingPathComponent(file)))
        var options = IngestOptions()
        options.rules = rules
        var activity = ActivityAggregator()
        var decoder = SourceDecoder(sourceName: file, options: options)
        decoder.feed(bytes) { activity.ingest($0) }
        decoder.finish { activity.ingest($0) }
        return Report(activity: activity, sources: [decoder.status])
    }

    @Test(arguments: aws + kubernetes)
    func eachRecordedTechniqueReachesModerateWithItsTactic(_ file: String) throws {
        let report = try Self.report(file)
        let top = try #require(report.identities.first?.row, "no identity in \(file)")
        #expect(top.risk >= 40, "\(file): \(top.identity) scored \(top.risk): \(top.reasons.map(\.text))")
        let ruled = top.reasons.filter { $0.rule != nil }
        #expect(!ruled.isEmpty, "\(file): no rule reason")
        for reason in ruled {
            let rule = try #require(reason.rule)
            #expect(rule.source == .builtin)
            #expect(!rule.tactic.isEmpty, "\(rule.id) has no tactic")
            #expect(reason.text.contains(rule.tacticWords), "\(reason.text) does not name \(rule.tacticWords)")
        }
        #expect(ruled.contains { ($0.rule?.level ?? .informational) >= .medium })
    }

    @Test func reportJSONNamesTheRule() throws {
        let report = try Self.report("cloudtrail/aws.defense-evasion.organizations-leave.json")
        let json = String(decoding: report.json(), as: UTF8.self)
        #expect(json.contains(#""rule":{"id":""#), "\(json.prefix(600))")
        #expect(json.contains(#""source":"builtin""#))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let identities = object?["identities"] as? [[String: Any]]
        let reasons = identities?.first?["reasons"] as? [[String: Any]]
        let rule = reasons?.compactMap { $0["rule"] as? [String: Any] }.first
        #expect(Set(rule?.keys.map { $0 } ?? []) == ["id", "title", "source", "author", "tactic"])
    }
}

enum RuleCorpus {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus").standardizedFileURL
    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()
}
