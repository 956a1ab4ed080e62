import Events
import Foundation
import Testing
@testable import Rules

/// Issue #9: the SigmaHQ rules of ../shared/sigma run over the real samples of ../shared/corpus.
@Suite(.enabled(if: Shared.isAvailable, Shared.absent))
struct CorpusRuleTests {
    /// Hits per Sigma rule file name (without extension) over one corpus file.
    static func hits(_ file: String) throws -> [String: Int] {
        let bytes = try [UInt8](Data(contentsOf: Shared.corpus.appendingPathComponent(file)))
        var counts: [String: Int] = [:]
        for e in decode(bytes, rules: Shared.sigmaRules, name: file) {
            for h in e.ruleHits { counts[URL(fileURLWithPath: h.rule.path).deletingPathExtension().lastPathComponent, default: 0] += 1 }
        }
        return counts
    }

    /// What each sample meets, by rule file name and count. Read off the samples by hand:
    /// Stratus' AWS sessions are assumed roles (`aws_sts_assumerole_misuse`), SSM `SendCommand`
    /// with no error, `CreateAccessKey` for another user, Falco's exec, RBAC and secret writes,
    /// audit2rbac's 11 forbidden requests. Falco's privileged pod meets no Sigma rule: SigmaHQ's
    /// `kubernetes_audit_privileged_pod_creation` selects a top-level `capabilities` field, which
    /// audit events do not have (its securityContext sits under requestObject.spec.containers).
    static let expected: [String: [String: Int]] = [
        "cloudtrail/aws.credential-access.ec2-get-password-data.json": ["aws_sts_assumerole_misuse": 30],
        "cloudtrail/aws.credential-access.ec2-steal-instance-credentials.json":
            ["aws_cloudtrail_ssm_malicious_usage": 1, "aws_sts_assumerole_misuse": 2],
        "cloudtrail/aws.credential-access.secretsmanager-retrieve-secrets.json": [:],
        "cloudtrail/aws.defense-evasion.organizations-leave.json": ["aws_sts_assumerole_misuse": 1],
        "cloudtrail/aws.discovery.ec2-download-user-data.json": ["aws_sts_assumerole_misuse": 15],
        "cloudtrail/aws.impact.bedrock-invoke-model.json": ["aws_sts_assumerole_misuse": 15],
        "cloudtrail/aws.persistence.iam-backdoor-user.json": ["aws_iam_backdoor_users_keys": 1],
        "cloudtrail/aws.persistence.iam-create-admin-user.json": ["aws_iam_backdoor_users_keys": 1],
        "cloudtrail/aws.persistence.sts-federation-token.json": [:],
        "cloudtrail/cloudtrail.json": [:],
        "cloudtrail/cloudtrail_singleline.json": [:],
        "cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json": ["aws_sts_assumerole_misuse": 11],
        "k8s-audit/anonymous_creates_namespace_foo.json": [:],
        "k8s-audit/attach_cluster_admin_role.json": ["kubernetes_audit_rolebinding_modification": 1],
        "k8s-audit/create_cluster_role_wildcard_verbs.json": [:],
        "k8s-audit/create_clusterrolebinding.json": ["kubernetes_audit_rolebinding_modification": 1],
        "k8s-audit/create_configmap_sensitive_values.json": [:],
        "k8s-audit/create_nginx_pod_privileged.json": [:],
        "k8s-audit/create_secret.json": ["kubernetes_audit_secrets_modified_or_deleted": 1],
        "k8s-audit/create_service_account_token_secret.json": ["kubernetes_audit_secrets_modified_or_deleted": 1],
        "k8s-audit/create_serviceaccount_kube_system_namespace.json": ["kubernetes_audit_serviceaccount_creation": 1],
        "k8s-audit/delete_secret.json": ["kubernetes_audit_secrets_modified_or_deleted": 1],
        "k8s-audit/demo.log": ["kubernetes_audit_secrets_enumeration": 1,
                               "kubernetes_audit_unauthorized_unauthenticated_actions": 11],
        "k8s-audit/exec_pod.json": ["kubernetes_audit_exec_into_container": 1],
        "k8s-audit/some-user_creates_namespace_foo.json": [:],
    ]

    @Test func everyCorpusFileMeetsTheSigmaRulesItShould() throws {
        let root = Shared.corpus.path
        let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { ($0.hasPrefix("cloudtrail/") || $0.hasPrefix("k8s-audit/")) && ($0.hasSuffix(".json") || $0.hasSuffix(".log")) }
            .sorted()
        #expect(Set(files) == Set(Self.expected.keys))
        for f in files {
            let got = try Self.hits(f)
            #expect(got == Self.expected[f], "\(f)")
        }
    }

    /// The Sigma hit's reason names the rule's title and author (the Detection Rule License asks it).
    @Test func execIntoPodReasonNamesTitleAndAuthor() throws {
        let bytes = try [UInt8](Data(contentsOf: Shared.corpus.appendingPathComponent("k8s-audit/exec_pod.json")))
        let hit = try #require(decode(bytes, rules: Shared.sigmaRules).first?.ruleHits.first)
        #expect(hit.rule.source == .sigma)
        #expect(hit.reason == "Potential Remote Command Execution In Pod Container (Sigma rule by Leo Tsaousis (@laripping); execution)")
        #expect(hit.rule.techniques == ["T1609"])
    }
}
