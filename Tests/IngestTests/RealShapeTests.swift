import Events
import Testing
@testable import Ingest

/// Valid records of known formats, in the shapes real systems write, that must be events
/// (hand-written after public samples; values are made up).
@Suite("Real shapes: anonymous GitHub clones, Vault KMIP, GKE through Cloud Logging, non-human kinds")
struct RealShapeTests {
    @Test func anAnonymousGitCloneIsAnEvent() {
        let clone = #"{"@timestamp":1764410400123,"_document_id":"Vq3lHkWyRJk1xCtUi8Y0Ag","action":"git.clone","actor_location":{"country_code":"DE"},"business":"acme","org":"acme","repo":"acme/website","repository":"acme/website","repository_public":true,"transport_protocol":1,"transport_protocol_name":"http","user_agent":"git/2.43.0"}"#
        let (events, status) = decode(line(clone))
        #expect(status.malformed == 0)
        #expect(events.count == 1)
        #expect(events.first?.identity == "(no identity) github")
        #expect(events.first?.identityKind == .anonymous)
        #expect(events.first?.action == "git.clone")
        #expect(events.first?.resource == "acme/website")
        #expect(events.first?.format == .github)
    }

    @Test func vaultKMIPEntriesAreEventsOfTheClientCertificate() {
        let serial = "79311139933792246475030417908586135267121780670"
        let request = #"{"request":{"client_certificate_serial_number":"\#(serial)","data":{"kmip_request":{"tag":"RequestMessage","value":[{"tag":"RequestHeader","value":[{"tag":"BatchCount","type":"Integer","value":"0x00000001"}]},{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000000a"},{"tag":"RequestPayload","value":[{"tag":"UniqueIdentifier","type":"TextString","value":"4L2Xc42pQo3V3QIBzFut37NLhZgtfKv6"}]}]}]}},"namespace":{"id":"root"},"remote_address":"192.168.0.10:36776"},"time":"2026-05-20T13:50:00.313915809Z","type":"kmip-request"}"#
        let denied = #"{"request":{"client_certificate_serial_number":"\#(serial)","data":{"kmip_request":{"tag":"RequestMessage","value":[{"tag":"RequestHeader","value":[{"tag":"BatchCount","type":"Integer","value":"0x00000001"}]},{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000000a"},{"tag":"RequestPayload","value":[{"tag":"UniqueIdentifier","type":"TextString","value":"4L2Xc42pQo3V3QIBzFut37NLhZgtfKv6"}]}]}]}},"namespace":{"id":"root"},"remote_address":"192.168.0.10:36776"},"response":{"data":{"kmip_response":{"tag":"ResponseMessage","value":[{"tag":"ResponseHeader","value":[{"tag":"BatchCount","type":"Integer","value":"0x00000001"}]},{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000000a"},{"tag":"ResultStatus","type":"Enumeration","value":"0x00000001"},{"tag":"ResultReason","type":"Enumeration","value":"0x0000000C"}]}]}}},"time":"2026-05-20T13:50:00.314367448Z","type":"kmip-response"}"#
        let discover = #"{"request":{"client_certificate_serial_number":"\#(serial)","data":{"kmip_request":{"tag":"RequestMessage","value":[{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000001e"}]}]}},"namespace":{"id":"root"},"remote_address":"192.168.0.10:36776"},"response":{"data":{"kmip_response":{"tag":"ResponseMessage","value":[{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000001e"},{"tag":"ResultStatus","type":"Enumeration","value":"0x00000000"}]}]}}},"time":"2026-05-20T13:49:00.314367448Z","type":"kmip-response"}"#
        let anonymous = #"{"request":{"data":{"kmip_request":{"tag":"RequestMessage","value":[{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000000a"}]}]}},"namespace":{"id":"root"},"remote_address":"[2001:db8::10]:36778"},"response":{"data":{"kmip_response":{"tag":"ResponseMessage","value":[{"tag":"BatchItem","value":[{"tag":"Operation","type":"Enumeration","value":"0x0000000a"},{"tag":"ResultStatus","type":"Enumeration","value":"0x00000002"}]}]}}},"time":"2026-05-20T13:51:00.1Z","type":"kmip-response"}"#
        let (events, status) = decode(line(request) + line(denied) + line(discover) + line(anonymous))
        #expect(status.malformed == 0)
        #expect(status.ignored == 1)  // the request half of the pair
        #expect(events.count == 3)
        #expect(events.map(\.identity) == ["kmip-cert:" + serial, "kmip-cert:" + serial, "(no identity) vault"])
        #expect(events.map(\.identityKind) == [.service, .service, .unknown])
        #expect(events.map(\.action) == ["kmip get", "kmip discover_versions", "kmip get"])
        #expect(events.map(\.decision) == [.deny, .allow, .unknown])
        #expect(events.first?.resource == "4L2Xc42pQo3V3QIBzFut37NLhZgtfKv6")
        #expect(events.first?.credentialID == serial)
        #expect(events.map(\.sourceIP) == ["192.168.0.10", "192.168.0.10", "2001:db8::10"])
        #expect(events.allSatisfy { $0.format == .vault })
    }

    @Test func gkeAuditThroughCloudLoggingIsKubernetesAudit() {
        let create = #"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"system:serviceaccount:ci:deployer"},"authorizationInfo":[{"granted":true,"permission":"io.k8s.core.v1.pods.create","resource":"core/v1/namespaces/pay/pods/api-0"}],"methodName":"io.k8s.core.v1.pods.create","requestMetadata":{"callerIp":"10.128.0.12","callerSuppliedUserAgent":"kubectl/v1.31.0"},"resourceName":"core/v1/namespaces/pay/pods/api-0","serviceName":"k8s.io","status":{"code":0}},"insertId":"8d1c4a2f","resource":{"type":"k8s_cluster","labels":{"cluster_name":"prod","location":"europe-west1","project_id":"acme-prod"}},"timestamp":"2026-11-29T10:00:00.127266Z","logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity","operation":{"id":"8d1c4a2f","producer":"k8s.io","first":true,"last":true},"receiveTimestamp":"2026-11-29T10:00:02.005864307Z"}"#
        let denied = #"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"dev@acme.example"},"methodName":"io.k8s.authorization.rbac.v1.clusterrolebindings.create","requestMetadata":{"callerIp":"203.0.113.8"},"resourceName":"rbac.authorization.k8s.io/v1/clusterrolebindings/pwn","serviceName":"k8s.io","status":{"code":7,"message":"PERMISSION_DENIED"}},"resource":{"type":"k8s_cluster"},"timestamp":"2026-11-29T10:00:01Z","logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity"}"#
        let exec = #"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"ops@acme.example"},"methodName":"io.k8s.core.v1.pods.exec.create","requestMetadata":{"callerIp":"203.0.113.9"},"resourceName":"core/v1/namespaces/pay/pods/api-0/exec","serviceName":"k8s.io"},"resource":{"type":"k8s_cluster"},"timestamp":"2026-11-29T10:00:02Z","logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity"}"#
        let health = #"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"system:gke-master-healthcheck"},"methodName":"io.k8s.get","requestMetadata":{"callerIp":"67.43.156.1"},"resourceName":"readyz","serviceName":"k8s.io","status":{"code":0}},"insertId":"1234abcd","resource":{"type":"k8s_cluster"},"timestamp":"2026-11-29T10:00:03Z","labels":{"authorization.k8s.io/decision":"allow"},"logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access"}"#
        let (events, status) = decode(line(create) + line(denied) + line(exec) + line(health))
        #expect(status.malformed == 0)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.format == .k8sAudit })
        #expect(events.map(\.action) == ["create pods", "create clusterrolebindings", "create pods/exec", "get /readyz"])
        #expect(events.map(\.resource) == ["pay/pods/api-0", "clusterrolebindings/pwn", "pay/pods/api-0", "/readyz"])
        #expect(events.map(\.decision) == [.allow, .deny, .allow, .allow])
        #expect(events.map(\.identityKind) == [.k8sServiceAccount, .human, .human, .k8sControlPlane])
        #expect(events.map(\.sourceIP) == ["10.128.0.12", "203.0.113.8", "203.0.113.9", "67.43.156.1"])
        #expect(events.first?.time == TimestampParser.parse("2026-11-29T10:00:00.127266Z"))
    }

    @Test func platformActorsAreNotPeople() {
        let aks = #"{"category":"kube-audit-admin","operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read","properties":{"log":"{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a1\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/x\",\"verb\":\"update\",\"user\":{\"username\":\"aksService\",\"groups\":[\"system:masters\",\"system:authenticated\"]},\"sourceIPs\":[\"10.1.0.4\"],\"objectRef\":{\"resource\":\"leases\",\"namespace\":\"kube-system\",\"name\":\"x\"},\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2026-11-29T10:00:00Z\"}","stream":"stdout"},"time":"2026-11-29T10:00:00Z"}"#
        let github = #"{"@timestamp":1764410400000,"action":"repo.transfer_outgoing","actor":"github","actor_id":9919,"org":"acme","repo":"acme/old"}"#
        let bot = #"{"@timestamp":1764410401000,"action":"pull_request.create","actor":"dependabot[bot]","org":"acme","repo":"acme/api"}"#
        let person = #"{"@timestamp":1764410402000,"action":"repo.create","actor":"octocat","org":"acme","repo":"acme/new"}"#
        let (events, status) = decode(line(aks) + line(github) + line(bot) + line(person))
        #expect(status.malformed == 0)
        #expect(events.map(\.identityKind) == [.k8sControlPlane, .service, .githubApp, .human])
    }
}
