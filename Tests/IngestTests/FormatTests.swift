import Events
import Testing
@testable import Ingest

func one(_ json: String, options: IngestOptions = IngestOptions()) -> NormalizedEvent? {
    let r = decode(json + "\n", options: options)
    #expect(r.status.malformed == 0, "\(json)")
    return r.events.first
}

func k8s(_ id: String, stage: String = "ResponseComplete", user: String = "alice", extra: String = "") -> String {
    #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":""# + id + #"","stage":""# + stage
        + #"","verb":"create","user":{"username":""# + user + #""},"objectRef":{"resource":"pods","subresource":"exec","namespace":"prod","name":"web-1"},"requestReceivedTimestamp":"2026-11-29T14:00:00.000001Z","stageTimestamp":"2026-11-29T14:00:00.5Z","sourceIPs":["10.0.0.9","10.0.0.1"]"#
        + extra + "}"
}

@Suite("CloudTrail")
struct CloudTrailTests {
    func ct(_ identity: String, extra: String = "", time: String = #""eventTime":"2026-11-29T14:00:00Z""#) -> String {
        #"{"eventVersion":"1.09","eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue","# + time + #","userIdentity":"# + identity + extra + "}"
    }

    @Test func identities() {
        let assumed = one(ct(#"{"type":"AssumedRole","arn":"arn:aws:sts::12:assumed-role/app/i-0123","principalId":"AROA:i-0123","accessKeyId":"ASIAXYZ","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::12:role/app"}}}"#))
        #expect(assumed?.identity == "arn:aws:iam::12:role/app")
        #expect(assumed?.actor == "i-0123")
        #expect(assumed?.identityKind == .awsRole)
        #expect(assumed?.credentialID == "ASIAXYZ")
        #expect(assumed?.action == "secretsmanager:GetSecretValue")
        // No sessionIssuer (logstash copies drop it): the role ARN is derived from the session ARN.
        let derived = one(ct(#"{"type":"AssumedRole","arn":"arn:aws:sts::12:assumed-role/app/cli","sessionContext":{"sessionIssuer":{}}}"#))
        #expect(derived?.identity == "arn:aws:iam::12:role/app")
        #expect(derived?.actor == "cli")
        let service = one(ct(#"{"type":"AWSService","invokedBy":"lambda.amazonaws.com"}"#))
        #expect(service?.identity == "lambda.amazonaws.com" && service?.identityKind == .awsService)
        let root = one(ct(#"{"type":"Root","arn":"arn:aws:iam::12:root"}"#))
        #expect(root?.identityKind == .awsRoot && root?.identity == "arn:aws:iam::12:root")
        let user = one(ct(#"{"type":"IAMUser","arn":"arn:aws:iam::12:user/bob","accessKeyId":"AKIAB"}"#))
        #expect(user?.identityKind == .awsUser && user?.credentialID == "AKIAB" && user?.actor == "")
        let principal = one(ct(#"{"type":"AWSAccount","principalId":"AIDAPRINCIPAL"}"#))
        #expect(principal?.identity == "AIDAPRINCIPAL")
    }

    @Test func decisionsResourcesAndTime() {
        let u = #"{"type":"IAMUser","arn":"arn:aws:iam::12:user/bob"}"#
        #expect(one(ct(u, extra: #","errorCode":"AccessDenied""#))?.decision == .deny)
        #expect(one(ct(u, extra: #","errorCode":"AccessDeniedException""#))?.decision == .deny)
        #expect(one(ct(u, extra: #","errorCode":"Client.UnauthorizedOperation""#))?.decision == .deny)
        #expect(one(ct(u, extra: #","errorCode":"NoSuchEntity""#))?.decision == .error)
        #expect(one(ct(u, extra: #","errorCode":"""#))?.decision == .allow)
        #expect(one(ct(u))?.decision == .allow)
        #expect(one(ct(u, extra: #","resources":[{"arn":"arn:aws:secretsmanager:x:12:secret:db"}],"requestParameters":{"secretId":"other"}"#))?.resource == "arn:aws:secretsmanager:x:12:secret:db")
        #expect(one(ct(u, extra: #","requestParameters":{"secretId":"db-password"}"#))?.resource == "db-password")
        #expect(one(ct(u, extra: #","requestParameters":{"bucketName":"logs","key":"a"}"#))?.resource == "logs")
        #expect(one(ct(u))?.resource == "")
        // Bad addresses are kept as logged, never a failure.
        #expect(one(ct(u, extra: #","sourceIPAddress":"035.249.253.232""#))?.sourceIP == "035.249.253.232")
        // `@timestamp` when there is no eventTime; no time at all is malformed.
        let at = one(ct(u, time: #""@timestamp":"2020-09-14T00:44:23.000Z""#))
        #expect(at?.time == TimestampParser.parse("2020-09-14T00:44:23Z"))
        let none = decode(ct(u, time: #""eventType":"AwsApiCall""#))
        #expect(none.events.isEmpty && none.status.malformed == 1)
        let bad = decode(ct(u, time: #""eventTime":"yesterday""#))
        #expect(bad.events.isEmpty && bad.status.malformed == 1)
    }
}

@Suite("Kubernetes audit")
struct KubernetesTests {
    @Test func impersonationActionResourceAndKinds() {
        let e = one(k8s("x1", user: "system:admin", extra: #","impersonatedUser":{"username":"system:serviceaccount:prod:deployer","groups":["system:serviceaccounts"]}"#))
        #expect(e?.identity == "system:serviceaccount:prod:deployer")
        #expect(e?.actor == "system:admin")
        #expect(e?.identityKind == .k8sServiceAccount)
        #expect(e?.action == "create pods/exec")
        #expect(e?.resource == "prod/pods/web-1")
        #expect(e?.sourceIP == "10.0.0.9")
        #expect(e?.time == TimestampParser.parse("2026-11-29T14:00:00.5Z"))
        #expect(e?.decision == .allow)
        let kinds: [(String, IdentityKind)] = [
            ("system:serviceaccounts:default:default", .k8sServiceAccount), ("system:node:ip-10-0-0-1", .k8sNode),
            ("system:kube-scheduler", .k8sControlPlane), ("system:apiserver", .k8sControlPlane),
            ("system:anonymous", .anonymous), ("jane@example.com", .human),
        ]
        for (i, (name, kind)) in kinds.enumerated() {
            #expect(one(k8s("k\(i)", user: name))?.identityKind == kind, "\(name)")
        }
        let nonResource = one(#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"nr","stage":"ResponseComplete","verb":"get","user":{"username":"bob"},"requestURI":"/healthz?verbose=1","timestamp":"2026-11-29T14:00:00Z","responseStatus":{"code":200}}"#)
        #expect(nonResource?.action == "get /healthz")
        #expect(nonResource?.resource == "/healthz")
        #expect(nonResource?.time == TimestampParser.parse("2026-11-29T14:00:00Z"))
        let list = one(#"{"kind":"Event","apiVersion":"audit.k8s.io/v1beta1","auditID":"l","verb":"list","user":{"username":"bob"},"objectRef":{"resource":"secrets"},"requestReceivedTimestamp":"2026-11-29T14:00:00Z"}"#)
        #expect(list?.action == "list secrets" && list?.resource == "secrets")
    }

    @Test func decisions() {
        #expect(one(k8s("d1", extra: #","annotations":{"authorization.k8s.io/decision":"forbid"}"#))?.decision == .deny)
        #expect(one(k8s("d2", extra: #","responseStatus":{"code":403}"#))?.decision == .deny)
        #expect(one(k8s("d3", extra: #","responseStatus":{"code":401}"#))?.decision == .deny)
        #expect(one(k8s("d4", extra: #","responseStatus":{"code":500}"#))?.decision == .error)
        #expect(one(k8s("d5", extra: #","responseStatus":{"code":404}"#))?.decision == .error)
        #expect(one(k8s("d6", extra: #","responseStatus":{"code":101}"#))?.decision == .allow)
        #expect(one(k8s("d7", extra: #","annotations":{"authorization.k8s.io/decision":"allow"},"responseStatus":{"code":201}"#))?.decision == .allow)
    }

    @Test func eachAuditIDCountsOnce() {
        let text = [
            k8s("r1", stage: "RequestReceived"), k8s("r1", stage: "ResponseStarted"), k8s("r1", stage: "ResponseComplete"),
            k8s("r2", stage: "RequestReceived"), k8s("r2", stage: "ResponseComplete"),
            k8s("r3", stage: "Panic"), k8s("r3", stage: "ResponseComplete"),
            k8s("r4", stage: "RequestReceived"),
        ].joined(separator: "\n")
        let r = decode(text)
        #expect(r.events.count == 3)
        #expect(r.events.map(\.origin.line) == [2, 5, 6])
        #expect(r.status.ignored == 5 && r.status.malformed == 0)
    }

    @Test func dedupeMemoryIsBounded() {
        var ids = RecentIDs(capacity: 4)
        var fresh: [Bool] = []
        for i in 0..<10 { fresh.append(ids.insert(UInt64(i))) }
        #expect(fresh.allSatisfy { $0 })
        let again = ids.insert(9)
        #expect(!again)
        let evicted = ids.insert(0)  // evicted long ago
        #expect(evicted)
    }
}

@Suite("Vault audit")
struct VaultTests {
    func pair(_ id: String, error: String? = nil) -> String {
        let err = error.map { #","error":""# + $0 + #"""# } ?? ""
        let req = #"{"time":"2026-11-29T14:00:00.123456789Z","type":"request","auth":{"display_name":"kubernetes-ci-builder","accessor":"hmac-sha256:abc","entity_id":"e-1"},"request":{"id":""# + id + #"","operation":"read","path":"secret/data/app","remote_address":"10.2.0.5"}"# + err + "}"
        let resp = #"{"time":"2026-11-29T14:00:00.223456789Z","type":"response","auth":{"display_name":"kubernetes-ci-builder","accessor":"hmac-sha256:abc","entity_id":"e-1"},"request":{"id":""# + id + #"","operation":"read","path":"secret/data/app","remote_address":"10.2.0.5"},"response":{}"# + err + "}"
        return req + "\n" + resp + "\n"
    }

    @Test func responsesAreEventsRequestsAreIgnored() {
        let r = decode(pair("1") + pair("2", error: #"1 error occurred:\n\t* permission denied\n\n"#) + pair("3", error: "internal error"))
        #expect(r.events.count == 3 && r.status.ignored == 3 && r.status.malformed == 0)
        let e = r.events[0]
        #expect(e.identity == "kubernetes-ci-builder" && e.identityKind == .vaultToken)
        #expect(e.action == "read secret/data/app" && e.resource == "secret/data/app")
        #expect(e.credentialID == "hmac-sha256:abc" && e.sourceIP == "10.2.0.5")
        #expect(e.time == TimestampParser.parse("2026-11-29T14:00:00.223456Z"))
        #expect(r.events.map(\.decision) == [.allow, .deny, .error])
        #expect(r.events.map(\.origin.line) == [2, 4, 6])
        #expect(r.status.format == .vault)
    }

    @Test func prettyPrintedVaultDump() {
        let text = pair("1").split(separator: "\n").map { pretty(String($0)) }.joined(separator: "\n")
        let r = decode(text, chunk: 5)
        #expect(r.events.count == 1 && r.status.ignored == 1 && r.status.malformed == 0)
    }
}

@Suite("OPA decision logs")
struct OPATests {
    func decision(_ result: String?, input: String = #"{"method":"GET","path":"/salary/bob"}"#, extra: String = "") -> String {
        #"{"decision_id":"d","path":"http/authz/allow","input":"# + input + (result.map { #","result":"# + $0 } ?? "")
            + #","requested_by":"10.0.0.7:4431","timestamp":"2026-11-29T14:00:00.000000001Z""# + extra + "}"
    }

    @Test func everyResultForm() {
        let forms: [(String?, Decision)] = [
            ("true", .allow), (#""true""#, .allow), ("false", .deny), (#""false""#, .deny),
            (#"{"allow":true}"#, .allow), (#"{"allowed":false,"headers":{"x-ext-auth-deny-reason":"no"}}"#, .deny),
            (#"{"allowed":true,"http_status":200}"#, .allow), (nil, .unknown), ("42", .unknown), ("null", .unknown),
        ]
        for (result, expected) in forms {
            #expect(one(decision(result))?.decision == expected, "\(result ?? "absent")")
        }
        #expect(one(decision("true", extra: #","error":{"code":"eval_error"}"#))?.decision == .error)
        let e = one(decision("true"))
        #expect(e?.identity == "(no identity) opa" && e?.identityKind == .unknown)
        #expect(e?.action == "GET /salary/bob" && e?.resource == "/salary/bob")
        #expect(e?.sourceIP == "10.0.0.7")
    }

    @Test func identityPaths() {
        #expect(one(decision("true", input: #"{"subject":"svc-billing"}"#))?.identity == "svc-billing")
        #expect(one(decision("true", input: #"{"principal":{"id":"p-7"}}"#))?.identity == "p-7")
        #expect(one(decision("true", input: #"{"user":{"name":"reporter"},"identity":{"sub":"wins"}}"#))?.identity == "wins")
        let spiffe = one(decision("true", input: #"{"attributes":{"source":{"principal":"spiffe://prod/ns/pay/sa/api","address":{"socketAddress":{"address":"10.9.9.9","portValue":1}}}}}"#))
        #expect(spiffe?.identity == "spiffe://prod/ns/pay/sa/api" && spiffe?.identityKind == .workload)
        #expect(spiffe?.sourceIP == "10.9.9.9")
        // Configurable: a policy that keeps its caller elsewhere.
        let custom = IngestOptions(opaIdentityPaths: ["input.caller.login"])
        #expect(one(decision("true", input: #"{"caller":{"login":"deploy-bot"},"subject":"ignored"}"#), options: custom)?.identity == "deploy-bot")
    }

    @Test func jwtSubjectFromBearerHeader() {
        func b64url(_ s: String) -> String {
            let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            let bytes = Array(s.utf8)
            var out = ""
            var i = 0
            while i < bytes.count {
                let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
                let n = (UInt32(chunk[0]) << 16) | (chunk.count > 1 ? UInt32(chunk[1]) << 8 : 0) | (chunk.count > 2 ? UInt32(chunk[2]) : 0)
                for k in 0..<(chunk.count + 1) { out.append(table[Int((n >> (18 - 6 * UInt32(k))) & 63)]) }
                i += 3
            }
            return out
        }
        let token = b64url(#"{"alg":"RS256"}"#) + "." + b64url(#"{"sub":"client-42","jti":"tok-9","aud":"api"}"#) + ".c2lnbmF0dXJl"
        let input = #"{"attributes":{"request":{"http":{"method":"POST","path":"/v1/refunds","headers":{"authorization":"Bearer "# + token + #""}}}}}"#
        let e = one(decision(#"{"allowed":true}"#, input: input))
        #expect(e?.identity == "client-42")
        #expect(e?.credentialID == "tok-9")
        #expect(e?.action == "POST /v1/refunds")
        #expect(e?.identityKind == .service)
        // The token is never kept in any field.
        #expect(![e?.identity, e?.action, e?.resource, e?.credentialID, e?.actor].contains { $0?.contains(token) == true })
    }

    @Test func agentToolsAndConsoleLines() {
        let agent = one(decision("false", input: #"{"subject":"support-copilot","action":"tool","tool":"payments.refund","resource":"order/77"}"#))
        #expect(agent?.action == "tool:payments.refund")
        #expect(agent?.identityKind == .aiAgent)
        #expect(agent?.resource == "order/77")
        #expect(agent?.decision == .deny)
        // Kinds come from what the record says or from explicit rules, never from "agent" in a name.
        #expect(one(decision("true", input: #"{"subject":"triage-agent","action":"read"}"#))?.identityKind == .service)
        #expect(one(decision("true", input: #"{"subject":"agent:triage","action":"read"}"#))?.identityKind == .aiAgent)
        let console = [
            #"{"level":"info","msg":"Received request.","req_method":"POST","time":"2026-11-29T14:00:00Z"}"#,
            #"{"decision_id":"c","level":"info","msg":"Decision Log","input":{"subject":"svc"},"path":"authz/allow","result":true,"time":"2026-11-29T14:00:01Z","timestamp":"2026-11-29T14:00:00.9Z","type":"openpolicyagent.org/decision_logs"}"#,
            #"{"level":"info","msg":"Sent response.","time":"2026-11-29T14:00:01Z"}"#,
        ].joined(separator: "\n")
        let r = decode(console)
        #expect(r.events.count == 1 && r.status.ignored == 2 && r.status.malformed == 0)
        #expect(r.events.first?.time == TimestampParser.parse("2026-11-29T14:00:00.9Z"))
        #expect(r.events.first?.action == "authz/allow")
    }
}

@Suite("GitHub audit")
struct GitHubTests {
    @Test func epochMillisAndISO() {
        let ms = one(#"{"action":"git.clone","actor":"octocat","@timestamp":1764424800123,"repo":"acme/api","actor_ip":"1.2.3.4","hashed_token":"abc="}"#)
        #expect(ms?.time == EventTime(microseconds: 1_764_424_800_123_000))
        #expect(ms?.identityKind == .human && ms?.resource == "acme/api" && ms?.sourceIP == "1.2.3.4")
        #expect(ms?.credentialID == "abc=" && ms?.action == "git.clone" && ms?.decision == .allow)
        let iso = one(#"{"action":"repo.create","actor":"ci-deployer","created_at":"2026-11-29T14:00:00.123Z","org":"acme","programmatic_access_type":"Fine-grained personal access token","token_id":9001}"#)
        #expect(iso?.time == TimestampParser.parse("2026-11-29T14:00:00.123Z"))
        #expect(iso?.identityKind == .githubToken && iso?.credentialID == "9001" && iso?.resource == "acme")
    }

    @Test func botsAndDenials() {
        let bot = one(#"{"action":"api.request","actor":"renovate[bot]","actor_id":1,"@timestamp":1764424800000,"status_code":403,"programmatic_access_type":"GitHub App server-to-server token","token_id":0,"hashed_token":"h"}"#)
        #expect(bot?.identityKind == .githubApp && bot?.decision == .deny && bot?.credentialID == "h")
        #expect(one(#"{"action":"protected_branch.rejected_ref_update","actor":"a","@timestamp":1764424800000}"#)?.decision == .deny)
        #expect(one(#"{"action":"org.oauth_app_access.denied","actor":"a","@timestamp":1764424800000}"#)?.decision == .deny)
        #expect(one(#"{"action":"api.request","actor":"a","@timestamp":1764424800000,"status_code":500}"#)?.decision == .error)
        // CloudTrail records have an `eventSource`: never GitHub, even with a dotted action.
        let notGitHub = decode(#"{"action":"repo.create","actor":"a","@timestamp":1,"eventSource":"x"}"#)
        #expect(notGitHub.status.malformed == 1)
    }
}

@Suite("nhitop events")
struct NhitopEventTests {
    @Test func ownSchema() {
        let e = one(#"{"ts":"2026-11-29T14:32:40.5Z","identity":"support-copilot","kind":"ai_agent","action":"tool:github.create_pr","resource":"acme/api","decision":"deny","source_ip":"10.0.0.3","credential":"key-1","actor":"jane"}"#)
        #expect(e?.format == .nhitop && e?.identityKind == .aiAgent && e?.decision == .deny)
        #expect(e?.action == "tool:github.create_pr" && e?.actor == "jane" && e?.credentialID == "key-1")
        let minimal = one(#"{"ts":"2026-11-29T14:32:40Z","identity":"x","action":"y"}"#)
        #expect(minimal?.identityKind == .unknown && minimal?.decision == .unknown)
        let missing = decode(#"{"ts":"2026-11-29T14:32:40Z","identity":"x"}"#)
        #expect(missing.status.malformed == 1)
        let badTime = decode(#"{"ts":"soon","identity":"x","action":"y"}"#)
        #expect(badTime.status.malformed == 1)
    }
}
