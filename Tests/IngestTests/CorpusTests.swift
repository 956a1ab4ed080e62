import Events
import Foundation
import Testing
@testable import Ingest

/// CI runs with the corpus beside the clone: there, its absence fails instead of skipping.
@Suite struct CorpusPresenceTests {
    @Test(.enabled(if: Corpus.requiredByCI, "only under CI=true"))
    func corpusPresentUnderCI() throws {
        #expect(Corpus.isAvailable, "CI=true and no corpus at \(Corpus.url.path): every corpus test was skipped")
        guard Corpus.isAvailable else { return }
        let files = try FileManager.default.subpathsOfDirectory(atPath: Corpus.url.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".log") }
        #expect(files.count == 26, "the corpus README lists 26 log files")
    }
}

/// Against the real samples in `../shared/corpus` (see its README for the counts).
/// Disabled, and listed as skipped, when the folder is absent; a file missing from it fails.
@Suite("Real corpus", .enabled(if: Corpus.isAvailable, Corpus.absent))
struct CorpusTests {
    /// Decodes a corpus file whole and one byte at a time; both must agree exactly.
    /// Nil, with a failure recorded, when the file is missing.
    func check(_ file: String, events expected: Int, format: SourceFormat,
               sourceLocation: SourceLocation = #_sourceLocation) -> [NormalizedEvent]? {
        guard let bytes = corpusBytes(file, sourceLocation: sourceLocation) else { return nil }
        let whole = decode(bytes, name: file)
        #expect(whole.events.count == expected, "\(file)")
        #expect(whole.status.events == expected, "\(file)")
        #expect(whole.status.malformed == 0, "\(file)")
        #expect(whole.status.format == format, "\(file)")
        let bytewise = decode(bytes, name: file, chunk: 1)
        #expect(bytewise.events == whole.events, "\(file) byte by byte")
        #expect(bytewise.status == whole.status, "\(file) byte by byte")
        let odd = decode(bytes, name: file, chunk: 4093)
        #expect(odd.events == whole.events, "\(file) in 4093-byte chunks")
        return whole.events
    }

    @Test func auditToRBACDemoLog() {
        guard let events = check("k8s-audit/demo.log", events: 37, format: .k8sAudit) else { return }
        #expect(events.filter { $0.decision == .allow }.count == 26)
        #expect(events.filter { $0.decision == .deny }.count == 11)
        for e in events {
            // All impersonating: the identity is the impersonated user, the impersonator the actor.
            #expect(!e.actor.isEmpty && e.identity != e.actor)
            #expect(e.actor == "system:admin")
        }
        #expect(events.first?.identity == "bob")
        #expect(events.first?.action == "list pods")
        #expect(events.first?.resource == "default/pods")
        #expect(events.first?.origin.source == "k8s-audit/demo.log")
        #expect(events.first?.origin.line == 1 && events.first?.origin.offset == 0)
        #expect(events.last?.origin.line == 37)
    }

    @Test func falcoTraceFiles() {
        let singles = [
            "anonymous_creates_namespace_foo", "attach_cluster_admin_role", "create_cluster_role_wildcard_verbs",
            "create_clusterrolebinding", "create_nginx_pod_privileged", "create_secret",
            "create_service_account_token_secret", "create_serviceaccount_kube_system_namespace",
            "delete_secret", "exec_pod", "some-user_creates_namespace_foo",
        ]
        for name in singles {
            guard let events = check("k8s-audit/\(name).json", events: 1, format: .k8sAudit) else { continue }
            #expect(events.allSatisfy { $0.decision == .allow })
        }
        _ = check("k8s-audit/create_configmap_sensitive_values.json", events: 6, format: .k8sAudit)
        if let exec = check("k8s-audit/exec_pod.json", events: 1, format: .k8sAudit)?.first {
            #expect(exec.action == "create pods/exec")
            #expect(exec.resource == "default/pods/nginx-deployment-7998647bdf-phvq7")
            #expect(exec.sourceIP == "192.168.99.1")
        }
        if let anon = check("k8s-audit/anonymous_creates_namespace_foo.json", events: 1, format: .k8sAudit)?.first {
            #expect(anon.identityKind == .anonymous)
            #expect(anon.action == "create namespaces")
        }
        if let sa = check("k8s-audit/create_nginx_pod_privileged.json", events: 1, format: .k8sAudit)?.first {
            #expect(sa.identityKind == .k8sServiceAccount)
        }
        if let cm = check("k8s-audit/create_service_account_token_secret.json", events: 1, format: .k8sAudit)?.first {
            #expect(cm.identityKind == .k8sControlPlane)
        }
    }

    @Test func stratusRedTeamArrays() {
        let counts = [
            "aws.credential-access.ec2-get-password-data.json": 34,
            "aws.credential-access.ec2-steal-instance-credentials.json": 45,
            "aws.credential-access.secretsmanager-retrieve-secrets.json": 21,
            "aws.defense-evasion.organizations-leave.json": 3,
            "aws.discovery.ec2-download-user-data.json": 19,
            "aws.impact.bedrock-invoke-model.json": 15,
            "aws.persistence.iam-backdoor-user.json": 1,
            "aws.persistence.iam-create-admin-user.json": 3,
            "aws.persistence.sts-federation-token.json": 2,
        ]
        var sessionsFolded = 0
        for (file, n) in counts.sorted(by: { $0.key < $1.key }) {
            guard let events = check("cloudtrail/\(file)", events: n, format: .cloudtrail) else { continue }
            for e in events where e.identityKind == .awsRole {
                // AssumedRole sessions fold into their role ARN; the session name is the actor.
                #expect(e.identity.contains(":role/"), "\(e.identity)")
                #expect(!e.actor.isEmpty)
                sessionsFolded += 1
            }
        }
        #expect(sessionsFolded > 0)
        if let events = check("cloudtrail/aws.credential-access.ec2-get-password-data.json", events: 34, format: .cloudtrail) {
            #expect(events.contains { $0.decision == .deny && $0.action == "ec2:GetPasswordData" })
        }
        if let backdoor = check("cloudtrail/aws.persistence.iam-backdoor-user.json", events: 1, format: .cloudtrail)?.first {
            #expect(backdoor.action == "iam:CreateAccessKey")
            #expect(backdoor.resource == "stratus-red-team-backdoor-u-user")
            #expect(backdoor.identityKind == .awsUser)
            #expect(!backdoor.credentialID.isEmpty)
        }
        if let bedrock = check("cloudtrail/aws.impact.bedrock-invoke-model.json", events: 15, format: .cloudtrail) {
            #expect(Set(bedrock.map(\.identity)).count == 1)
            // Invalid anonymised addresses are kept as logged.
            #expect(bedrock.contains { $0.sourceIP == "035.249.253.232" })
            #expect(bedrock.contains { $0.action == "bedrock:InvokeModel" })
        }
    }

    @Test func cloudgrepRecordsWrappers() {
        let pretty = check("cloudtrail/cloudtrail.json", events: 1, format: .cloudtrail)
        let single = check("cloudtrail/cloudtrail_singleline.json", events: 1, format: .cloudtrail)
        if let p = pretty?.first {
            #expect(p.identity == "arn:aws:iam::777788889999:user/Nikki")
            #expect(p.action == "ec2:StopInstances")
            #expect(p.identityKind == .awsUser)
            #expect(p.credentialID == "AKIAI44QH8DHBEXAMPLE")
            #expect(p.origin.line == 1)
        }
        if let s = single?.first {
            #expect(s.action == "s3:PutObject")
            #expect(s.identity == "cloudtrail.amazonaws.com")  // AWSService: invokedBy
            #expect(s.identityKind == .awsService)
            #expect(s.time == TimestampParser.parse("2020-07-31T23:58:37Z"))
        }
    }

    @Test func logstashShippedCloudTrailUsesAtTimestamp() {
        guard let events = check("cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json", events: 103, format: .cloudtrail)
        else { return }
        #expect(events[0].time == TimestampParser.parse("2020-09-14T00:44:23.000Z"))
        #expect(events[0].identity == "arn:aws:iam::123456789123:user/pedro")
        #expect(events[0].action == "ec2:DescribeInstanceTypes")
        #expect(events.map(\.origin.line) == Array(1...103).map(Int64.init))
    }

    @Test func opaDocsExample() {
        guard let e = check("opa-decision/management-decision-logs.md.example.json", events: 1, format: .opa)?.first
        else { return }
        #expect(e.decision == .allow)  // result is the string "true"
        #expect(e.identity == "(no identity) opa")  // the policy's input names no caller
        #expect(e.action == "GET /salary/bob")
        #expect(e.resource == "/salary/bob")
        #expect(e.sourceIP == "::1")
        #expect(e.time == TimestampParser.parse("2018-01-01T00:00:00Z"))
        #expect(e.origin.line == 2)
    }
}
