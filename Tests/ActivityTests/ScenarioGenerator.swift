import Events
import Foundation

/// A seeded, deterministic stream of `NormalizedEvent`s: two hours of a company's
/// non-human identities going about their routines, with four incidents in the last
/// fifteen minutes.
///
/// The background is meant to be realistic, not convenient: heavy services at several
/// events per second, benign errors and denies, Lambda roles from ever-changing AWS
/// addresses with hourly session keys, CI from a new runner address on every run, a
/// key-rotation role minting access keys for other users, a backup job reading
/// every team's secrets each hour, controllers listing and watching across namespaces,
/// a CI runner that execs into pods, a CSPM scanner collecting AccessDenied. The events
/// have the shape the Ingest mappers give them (CloudTrail `iam:CreateAccessKey` on an
/// ARN, k8s `get secrets` on `ns/secrets/name`, Vault `read <path>`, OPA `tool:<name>`,
/// GitHub `git.clone` on `org/repo`).
struct Scenario {
    /// The first event's second and the end of the two hours.
    let start: EventTime
    let end: EventTime
    /// Sorted by time (ties keep generation order).
    let events: [NormalizedEvent]
    /// Identities that only went about their routine.
    let background: [String]
    /// Background identities at several events per second.
    let heavy: [String]
    let incidents: [ScenarioIncident]

    static let seconds: Int64 = 2 * 3600
    /// Incidents start no earlier than this many seconds before the end.
    static let incidentWindow: Int64 = 15 * 60
}

/// One injected incident: the identity it happened to and the words an analyst should
/// find in its reasons (each group is alternatives; every group must be matched).
struct ScenarioIncident {
    let name: String
    let identity: String
    let mentions: [[String]]
}


// MARK: - Personas

/// What one identity routinely does.
struct Persona {
    enum Credential {
        case fixed(String)
        /// Role sessions: a new `ASIA…` key every `everySeconds` (STS session expiry).
        case rotating(prefix: String, everySeconds: Int64)
    }

    /// One call of its steady mix: an action, its resources and how often relative to the others.
    struct Call {
        var action: String
        var resources: [String]
        var weight: Double
        /// When set, each call gets a fresh resource `<prefix><serial>` (uploads, tickets…).
        var uniquePrefix: String? = nil
    }

    /// One call of a periodic job.
    struct Step {
        var action: String
        var resource: String
        var decision: Decision = .allow
    }

    /// A batch run every `every` seconds from `offset`, its steps `spacing` seconds apart,
    /// all from one address picked per run.
    struct Job {
        var every: Int64
        var offset: Int64
        var spacing: Double
        var runs: Int = .max
        var steps: (inout SplitMix64, _ run: Int) -> [Step]
    }

    var identity: String
    var kind: IdentityKind
    var format: SourceFormat
    var ips: [String]
    var credential: Credential
    var rate: Double = 0
    var calls: [Call] = []
    var deny: Double = 0
    var error: Double = 0
    var jobs: [Job] = []
}

extension Scenario {
    static let account = "111122223333"

    static func arn(_ path: String) -> String { "arn:aws:iam::\(account):\(path)" }

    /// `count` addresses drawn once from `prefix` (e.g. "52.94" → 52.94.x.y).
    static func pool(_ rng: inout SplitMix64, _ prefix: String, _ count: Int) -> [String] {
        let octets = prefix.split(separator: ".").count
        return (0..<count).map { _ in
            prefix + (octets < 3 ? ".\(rng.below(256))" : "") + ".\(1 + rng.below(254))"
        }
    }

    /// The standard scenario every test uses.
    static let standard = Scenario.generate(seed: 0x5CE7_A210)

    static func generate(seed: UInt64) -> Scenario {
        let start = EventTime(seconds: 1_795_507_200)  // 2026-11-24T08:00:00Z
        let end = start.adding(seconds: seconds)
        var setup = SplitMix64(seed: seed)
        let personas = backgroundPersonas(&setup)
        let victims = incidentPersonas(&setup)

        var raw: [(t: Int64, seq: Int, e: NormalizedEvent)] = []
        var seq = 0
        func add(_ e: NormalizedEvent) {
            raw.append((e.time.microseconds, seq, e))
            seq += 1
        }
        for (i, p) in (personas + victims.map(\.persona)).enumerated() {
            var rng = SplitMix64(seed: seed &+ 0x1000 &+ UInt64(i) &* 0x9E37_79B9)
            routine(p, from: start, to: end, &rng, add)
        }
        var incidentRng = SplitMix64(seed: seed ^ 0xBAD_C0DE)
        for v in victims {
            for e in v.inject(&incidentRng, end) {
                precondition(e.time.microseconds >= end.microseconds - incidentWindow * 1_000_000 && e.time < end)
                add(e)
            }
        }
        raw.sort { $0.t != $1.t ? $0.t < $1.t : $0.seq < $1.seq }
        var events: [NormalizedEvent] = []
        events.reserveCapacity(raw.count)
        for (line, r) in raw.enumerated() {
            var e = r.e
            e.origin = EventOrigin(source: "scenario-\(e.format.label)", line: Int64(line + 1))
            events.append(e)
        }
        return Scenario(start: start, end: end, events: events,
                        background: personas.map(\.identity),
                        heavy: personas.filter { $0.rate >= 3 }.map(\.identity),
                        incidents: victims.map(\.incident))
    }

    /// Steady Poisson traffic plus periodic jobs, over [start, end).
    static func routine(_ p: Persona, from start: EventTime, to end: EventTime, _ rng: inout SplitMix64,
                        _ add: (NormalizedEvent) -> Void) {
        var serial = 0
        func credential(at t: Int64) -> String {
            switch p.credential {
            case .fixed(let c): return c
            case .rotating(let prefix, let every):
                // Deterministic per (identity, session period), independent of the event order.
                var h = SplitMix64(seed: UInt64(bitPattern: Int64(p.identity.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
                                   &+ UInt64(t / 1_000_000 / every))
                return prefix + h.base32(16)
            }
        }
        func event(_ t: Int64, _ action: String, _ resource: String, _ decision: Decision, _ ip: String) -> NormalizedEvent {
            NormalizedEvent(time: EventTime(microseconds: t), identity: p.identity, identityKind: p.kind,
                            action: action, resource: resource, decision: decision, sourceIP: ip,
                            credentialID: credential(at: t), format: p.format,
                            origin: EventOrigin(source: "scenario", line: 0))
        }
        if p.rate > 0, !p.calls.isEmpty {
            let total = p.calls.reduce(0) { $0 + $1.weight }
            var t = Double(start.microseconds) + rng.exponential(mean: 1_000_000 / p.rate)
            while t < Double(end.microseconds) {
                var x = rng.unit() * total
                var call = p.calls[p.calls.count - 1]
                for c in p.calls {
                    if x < c.weight { call = c; break }
                    x -= c.weight
                }
                var resource = call.resources.isEmpty ? "" : rng.pick(call.resources)
                if let prefix = call.uniquePrefix { serial += 1; resource = prefix + String(serial) }
                let u = rng.unit()
                let decision: Decision = u < p.deny ? .deny : u < p.deny + p.error ? .error : .allow
                add(event(Int64(t), call.action, resource, decision, rng.pick(p.ips)))
                t += rng.exponential(mean: 1_000_000 / p.rate)
            }
        }
        for job in p.jobs {
            var runStart = start.microseconds + job.offset * 1_000_000
            var run = 0
            while runStart < end.microseconds, run < job.runs {
                let ip = rng.pick(p.ips)
                var t = Double(runStart) + rng.unit() * 20_000_000  // cron jitter
                for step in job.steps(&rng, run) {
                    guard t < Double(end.microseconds) else { break }
                    add(event(Int64(t), step.action, step.resource, step.decision, ip))
                    t += job.spacing * 1_000_000 * (0.5 + rng.unit())
                }
                run += 1
                runStart += job.every * 1_000_000
            }
        }
    }
}

// MARK: - Background

extension Scenario {
    static func backgroundPersonas(_ rng: inout SplitMix64) -> [Persona] {
        let githubRunners = pool(&rng, "20.57", 300)   // a fresh hosted runner almost every run
        let lambdaIPs = pool(&rng, "52.94", 60)
        let datadogIPs = pool(&rng, "3.233", 8)
        func c(_ a: String, _ r: [String], _ w: Double = 1, unique: String? = nil) -> Persona.Call {
            Persona.Call(action: a, resources: r, weight: w, uniquePrefix: unique)
        }
        func s(_ a: String, _ r: String = "", _ d: Decision = .allow) -> Persona.Step {
            Persona.Step(action: a, resource: r, decision: d)
        }
        let table = { (name: String) in "arn:aws:dynamodb:us-east-1:\(account):table/\(name)" }
        let teams = ["payments", "billing", "ledger", "search", "shop", "ci", "monitoring", "data"]
        let namespaces = ["shop", "payments", "billing", "ledger", "search", "monitoring", "logging", "ci",
                          "argocd", "ingress-nginx", "cert-manager", "kube-system", "default", "data"]

        var p: [Persona] = []

        // ---- CloudTrail ------------------------------------------------------------------
        p.append(Persona(  // HEAVY: the orders service's DynamoDB traffic
            identity: arn("role/orders-api"), kind: .awsRole, format: .cloudtrail,
            ips: ["10.0.1.15", "10.0.1.87", "10.0.2.33", "10.0.2.140", "10.0.3.9", "10.0.3.201"],
            credential: .rotating(prefix: "ASIA", everySeconds: 3600), rate: 5,
            calls: [c("dynamodb:GetItem", [table("orders"), table("order-items"), table("customers")], 5),
                    c("dynamodb:Query", [table("orders"), table("order-items")], 3),
                    c("dynamodb:PutItem", [table("orders"), table("order-items")], 2),
                    c("dynamodb:UpdateItem", [table("orders")], 1),
                    c("kms:Decrypt", ["arn:aws:kms:us-east-1:\(account):key/8f1c2d1e-orders"], 0.3)],
            error: 0.004))  // ConditionalCheckFailedException
        p.append(Persona(  // HEAVY: log shipping
            identity: arn("role/log-shipper"), kind: .awsRole, format: .cloudtrail,
            ips: ["10.0.4.10", "10.0.4.11"], credential: .rotating(prefix: "ASIA", everySeconds: 3600), rate: 3,
            calls: [c("logs:PutLogEvents", ["/aws/eks/prod/application", "/aws/eks/prod/audit", "/aws/lambda/thumbnailer"], 8),
                    c("logs:CreateLogStream", ["/aws/eks/prod/application"], 0.2),
                    c("s3:PutObject", ["arn:aws:s3:::acme-log-archive"], 1)],
            error: 0.002))  // ThrottlingException
        p.append(Persona(  // Lambda: unique objects, ever-changing AWS addresses, hourly session keys
            identity: arn("role/lambda-thumbnailer"), kind: .awsRole, format: .cloudtrail,
            ips: lambdaIPs, credential: .rotating(prefix: "ASIA", everySeconds: 3600), rate: 0.6,
            calls: [c("s3:GetObject", [], 1, unique: "arn:aws:s3:::acme-media/uploads/img-"),
                    c("s3:PutObject", [], 1, unique: "arn:aws:s3:::acme-media/thumbs/img-")]))
        p.append(Persona(  // Weekly access-key rotation, which happens to run early in these two hours
            identity: arn("role/key-rotation-ci"), kind: .awsRole, format: .cloudtrail,
            ips: githubRunners, credential: .rotating(prefix: "ASIA", everySeconds: 3600),
            jobs: [
                Persona.Job(every: 7 * 86400, offset: 9 * 60, spacing: 2) { _, _ in
                    var steps = [s("sts:GetCallerIdentity")]
                    for user in ["deploy-bot", "metrics-exporter", "backup-s3-sync", "legacy-etl"] {
                        let u = arn("user/\(user)")
                        steps += [s("iam:ListAccessKeys", u), s("iam:CreateAccessKey", u),
                                  s("secretsmanager:PutSecretValue",
                                    "arn:aws:secretsmanager:us-east-1:\(account):secret:iam/\(user)/access-key"),
                                  s("iam:UpdateAccessKey", u), s("iam:DeleteAccessKey", u)]
                    }
                    return steps
                },
                // Daily-style key-age check, every 30 min here: whoami from a fresh runner each time.
                Persona.Job(every: 1800, offset: 25 * 60, spacing: 1) { _, _ in
                    [s("sts:GetCallerIdentity"), s("iam:ListUsers"),
                     s("iam:ListAccessKeys", arn("user/deploy-bot")), s("iam:ListAccessKeys", arn("user/metrics-exporter"))]
                },
            ]))
        p.append(Persona(  // terraform plan every 30 min: whoami then a sweep of Describe/List/Get
            identity: arn("role/terraform-plan"), kind: .awsRole, format: .cloudtrail,
            ips: githubRunners, credential: .rotating(prefix: "ASIA", everySeconds: 3600),
            jobs: [Persona.Job(every: 1800, offset: 4 * 60, spacing: 0.4) { rng, _ in
                var steps = [s("sts:GetCallerIdentity")]
                let reads = ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeRouteTables",
                             "ec2:DescribeInstances", "iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                             "iam:GetPolicy", "iam:GetPolicyVersion", "s3:GetBucketPolicy", "s3:GetBucketVersioning",
                             "s3:GetBucketAcl", "rds:DescribeDBInstances", "rds:DescribeDBSubnetGroups", "eks:DescribeCluster",
                             "eks:DescribeNodegroup", "route53:ListHostedZones", "route53:ListResourceRecordSets",
                             "kms:DescribeKey", "kms:GetKeyPolicy", "lambda:GetFunction", "sqs:GetQueueAttributes",
                             "dynamodb:DescribeTable", "logs:DescribeLogGroups", "elasticloadbalancing:DescribeLoadBalancers"]
                for r in reads { steps.append(s(r, "")) }
                // A KMS key the plan role may not read: a standing, benign AccessDenied.
                if rng.chance(0.5) { steps.append(s("kms:GetKeyPolicy", "arn:aws:kms:us-east-1:\(account):key/legacy", .deny)) }
                return steps
            }]))
        p.append(Persona(  // CSPM scanner, hourly: a wide sweep that collects AccessDenied on what it may not see
            identity: arn("role/security-audit-scanner"), kind: .awsRole, format: .cloudtrail,
            ips: ["34.201.17.40", "34.201.17.41"], credential: .rotating(prefix: "ASIA", everySeconds: 3600),
            jobs: [Persona.Job(every: 3600, offset: 6 * 60, spacing: 0.3) { _, _ in
                var steps = [s("sts:GetCallerIdentity")]
                for r in ["iam:ListUsers", "iam:ListRoles", "iam:ListPolicies", "iam:GetAccountPasswordPolicy",
                          "iam:GetAccountSummary", "iam:ListAccessKeys", "s3:ListBuckets", "s3:GetBucketPolicy",
                          "s3:GetBucketEncryption", "ec2:DescribeInstances", "ec2:DescribeSecurityGroups",
                          "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "rds:DescribeDBInstances",
                          "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "kms:ListKeys",
                          "lambda:ListFunctions", "secretsmanager:ListSecrets", "guardduty:ListDetectors",
                          "config:DescribeConfigurationRecorders", "eks:ListClusters"] {
                    steps.append(s(r))
                }
                for r in ["organizations:DescribeOrganization", "macie2:GetMacieSession", "inspector2:ListFindings",
                          "securityhub:GetFindings", "account:GetAlternateContact", "backup:ListBackupVaults",
                          "sso:ListInstances"] {
                    steps.append(s(r, "", .deny))
                }
                return steps
            }]))
        p.append(Persona(
            identity: arn("user/deploy-bot"), kind: .awsUser, format: .cloudtrail,
            ips: ["10.20.9.4"], credential: .fixed("AKIA4DEPLOYBOT7Q2WXA"), rate: 0.02,
            calls: [c("ecr:GetAuthorizationToken", []), c("ecs:UpdateService", ["arn:aws:ecs:us-east-1:\(account):service/prod/web"]),
                    c("ecs:DescribeServices", ["arn:aws:ecs:us-east-1:\(account):service/prod/web"], 2)]))
        p.append(Persona(
            identity: arn("user/metrics-exporter"), kind: .awsUser, format: .cloudtrail,
            ips: ["10.20.7.7"], credential: .fixed("AKIA4METRICSEXP3KD9F"), rate: 0.25,
            calls: [c("cloudwatch:GetMetricData", [], 4), c("cloudwatch:ListMetrics", [], 1)]))
        p.append(Persona(  // sync every 15 min: list, then copy
            identity: arn("user/backup-s3-sync"), kind: .awsUser, format: .cloudtrail,
            ips: ["10.30.1.5"], credential: .fixed("AKIA4BACKUPSYNC8LM2P"),
            jobs: [Persona.Job(every: 900, offset: 3 * 60, spacing: 0.5) { rng, run in
                var steps = [s("s3:ListBucket", "arn:aws:s3:::acme-prod-data"), s("s3:ListBucket", "arn:aws:s3:::acme-backup")]
                for k in 0..<(10 + rng.below(15)) {
                    steps.append(s("s3:GetObject", "arn:aws:s3:::acme-prod-data/exports/\(run)-\(k).parquet"))
                    steps.append(s("s3:PutObject", "arn:aws:s3:::acme-backup/exports/\(run)-\(k).parquet"))
                }
                return steps
            }]))
        p.append(Persona(
            identity: arn("role/etl-glue"), kind: .awsRole, format: .cloudtrail,
            ips: ["10.0.8.20", "10.0.8.21"], credential: .rotating(prefix: "ASIA", everySeconds: 3600), rate: 0.3,
            calls: [c("glue:GetTable", ["arn:aws:glue:us-east-1:\(account):table/analytics/orders"], 2),
                    c("s3:GetObject", [], 3, unique: "arn:aws:s3:::acme-prod-data/raw/part-"),
                    c("s3:ListBucket", ["arn:aws:s3:::acme-prod-data"], 1),
                    c("athena:StartQueryExecution", ["arn:aws:athena:us-east-1:\(account):workgroup/etl"], 0.5)],
            error: 0.01))
        p.append(Persona(
            identity: arn("role/eks-node-group-prod"), kind: .awsRole, format: .cloudtrail,
            ips: ["10.0.1.23", "10.0.2.41", "10.0.3.77"], credential: .rotating(prefix: "ASIA", everySeconds: 3600), rate: 1,
            calls: [c("ecr:GetAuthorizationToken", [], 1), c("ecr:BatchGetImage", ["arn:aws:ecr:us-east-1:\(account):repository/web",
                                                                                    "arn:aws:ecr:us-east-1:\(account):repository/orders-api"], 3),
                    c("ecr:GetDownloadUrlForLayer", ["arn:aws:ecr:us-east-1:\(account):repository/web"], 3),
                    c("ec2:DescribeNetworkInterfaces", [], 2), c("ec2:AssignPrivateIpAddresses", [], 1)]))
        p.append(Persona(
            identity: "autoscaling.amazonaws.com", kind: .awsService, format: .cloudtrail,
            ips: ["autoscaling.amazonaws.com"], credential: .fixed(""), rate: 0.05,
            calls: [c("ec2:RunInstances", []), c("ec2:TerminateInstances", []), c("ec2:DescribeInstances", [], 3)]))
        p.append(Persona(  // an old job with a stale permission: a trickle of AccessDenied every hour
            identity: arn("user/legacy-etl"), kind: .awsUser, format: .cloudtrail,
            ips: ["10.20.3.9"], credential: .fixed("AKIA4LEGACYETL5VB7NW"), rate: 0.05,
            calls: [c("s3:GetObject", ["arn:aws:s3:::acme-legacy-exports/daily.csv", "arn:aws:s3:::acme-prod-data/legacy/daily.csv"]),
                    c("s3:PutObject", ["arn:aws:s3:::acme-prod-data/legacy/out.csv"])],
            deny: 0.06))
        p.append(Persona(  // third-party monitoring integration, every 5 min: a sweep of List/Describe/Get
            identity: arn("role/datadog-integration"), kind: .awsRole, format: .cloudtrail,
            ips: datadogIPs, credential: .rotating(prefix: "ASIA", everySeconds: 3600),
            jobs: [Persona.Job(every: 300, offset: 60, spacing: 0.2) { _, _ in
                ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "ec2:DescribeInstances", "tag:GetResources",
                 "rds:DescribeDBInstances", "elasticloadbalancing:DescribeLoadBalancers", "lambda:ListFunctions",
                 "sqs:ListQueues", "dynamodb:ListTables", "dynamodb:DescribeTable"].map { s($0) }
            }]))

        // ---- Kubernetes audit ------------------------------------------------------------
        func sa(_ ns: String, _ name: String) -> String { "system:serviceaccount:\(ns):\(name)" }
        func jti(_ rng: inout SplitMix64) -> String { "JTI=\(rng.hex(8))-\(rng.hex(4))-\(rng.hex(4))-\(rng.hex(12))" }
        p.append(Persona(  // HEAVY: a kubelet; it reads the secrets of the pods it runs, in many namespaces
            identity: "system:node:ip-10-0-1-23.ec2.internal", kind: .k8sNode, format: .k8sAudit,
            ips: ["10.0.1.23"], credential: .fixed("X509SHA256=\(rng.hex(16))"), rate: 4,
            calls: [c("get pods", namespaces.prefix(6).map { "\($0)/pods" }, 3),
                    c("update pods/status", ["shop/pods/cart-api-6d5f9", "payments/pods/payments-api-7d9fb", "search/pods/indexer-0"], 3),
                    c("update leases", ["kube-node-lease/leases/ip-10-0-1-23.ec2.internal"], 2),
                    c("get configmaps", ["shop/configmaps/kube-root-ca.crt", "payments/configmaps/kube-root-ca.crt"], 1),
                    c("get secrets", ["shop/secrets/cart-db-credentials", "payments/secrets/payments-tls",
                                      "search/secrets/indexer-credentials"], 0.5),
                    c("create serviceaccounts/token", ["shop/serviceaccounts/cart-api", "payments/serviceaccounts/payments-api"], 0.3)]))
        p.append(Persona(  // HEAVY: Prometheus lists and watches across every namespace
            identity: sa("monitoring", "prometheus"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.9.12"], credential: .fixed(jti(&rng)), rate: 3,
            calls: namespaces.flatMap { ns in
                [c("list pods", ["\(ns)/pods"]), c("watch endpoints", ["\(ns)/endpoints"]), c("list services", ["\(ns)/services"])]
            } + [c("list nodes", ["nodes"], 2), c("get nodes/metrics", ["nodes/ip-10-0-1-23.ec2.internal"], 2)]))
        p.append(Persona(  // ingress-nginx watches ingresses, services and TLS secrets cluster-wide
            identity: sa("ingress-nginx", "ingress-nginx"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.1.5"], credential: .fixed(jti(&rng)), rate: 1,
            calls: [c("list ingresses", ["ingresses"], 2), c("watch ingresses", ["ingresses"], 2),
                    c("list secrets", ["secrets"], 1), c("watch secrets", ["secrets"], 1),
                    c("list endpointslices", ["endpointslices"], 2), c("get configmaps", ["ingress-nginx/configmaps/ingress-controller-leader"], 1),
                    c("update leases", ["ingress-nginx/leases/ingress-nginx-leader"], 1)]))
        p.append(Persona(  // external-secrets writes synced secrets into many namespaces
            identity: sa("external-secrets", "external-secrets"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.2.8"], credential: .fixed(jti(&rng)), rate: 0.2,
            calls: namespaces.prefix(8).flatMap { ns in
                [c("get secrets", ["\(ns)/secrets/\(ns)-synced"]), c("update secrets", ["\(ns)/secrets/\(ns)-synced"], 0.5),
                 c("get externalsecrets", ["\(ns)/externalsecrets/\(ns)-synced"])]
            }))
        p.append(Persona(
            identity: sa("argocd", "argocd-application-controller"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.4.20"], credential: .fixed(jti(&rng)), rate: 1.5,
            calls: namespaces.prefix(8).flatMap { ns in
                [c("get deployments", ["\(ns)/deployments"], 2), c("list configmaps", ["\(ns)/configmaps"]),
                 c("patch deployments", ["\(ns)/deployments/\(ns)-api"], 0.2), c("watch services", ["\(ns)/services"])]
            }, error: 0.003))
        p.append(Persona(  // cert-manager: certificates and their secrets; a few 409 conflicts
            identity: sa("cert-manager", "cert-manager"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.5.3"], credential: .fixed(jti(&rng)), rate: 0.1,
            calls: [c("get certificates", ["shop/certificates/shop-tls", "payments/certificates/payments-tls"], 3),
                    c("update certificates/status", ["shop/certificates/shop-tls"], 1),
                    c("get secrets", ["shop/secrets/shop-tls", "payments/secrets/payments-tls"], 2),
                    c("update leases", ["kube-system/leases/cert-manager-controller"], 3)],
            error: 0.03))
        p.append(Persona(
            identity: sa("shop", "checkout"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.3.40"], credential: .fixed(jti(&rng)), rate: 0.05,
            calls: [c("get configmaps", ["shop/configmaps/checkout-config"]), c("get endpoints", ["shop/endpoints/payments"]),
                    c("get secrets", ["shop/secrets/checkout-stripe-public"], 0.3)]))
        p.append(Persona(
            identity: sa("kube-system", "coredns"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.0.10"], credential: .fixed(jti(&rng)), rate: 0.3,
            calls: [c("list services", ["services"]), c("watch endpointslices", ["endpointslices"]), c("list namespaces", ["namespaces"])]))
        p.append(Persona(
            identity: "system:kube-scheduler", kind: .k8sControlPlane, format: .k8sAudit,
            ips: ["10.0.0.5"], credential: .fixed(""), rate: 1,
            calls: [c("create pods/binding", namespaces.prefix(5).map { "\($0)/pods" }, 1),
                    c("update leases", ["kube-system/leases/kube-scheduler"], 3), c("list nodes", ["nodes"], 1)]))
        p.append(Persona(  // cluster-autoscaler: a known RBAC gap gives it a forbidden now and then
            identity: sa("kube-system", "cluster-autoscaler"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.0.31"], credential: .fixed(jti(&rng)), rate: 0.2,
            calls: [c("list nodes", ["nodes"], 3), c("list pods", ["pods"], 3), c("get configmaps", ["kube-system/configmaps/cluster-autoscaler-status"]),
                    c("update leases", ["kube-system/leases/cluster-autoscaler"], 2)],
            deny: 0.03))
        p.append(Persona(
            identity: sa("logging", "fluent-bit"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.6.2", "10.42.6.3", "10.42.6.4"], credential: .fixed(jti(&rng)), rate: 0.5,
            calls: [c("get pods", namespaces.map { "\($0)/pods" }), c("get namespaces", namespaces.map { "namespaces/\($0)" })]))
        p.append(Persona(  // the GitLab runner's Kubernetes executor: creates job pods, attaches and execs into them
            identity: sa("ci", "gitlab-runner"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.8.4"], credential: .fixed(jti(&rng)),
            jobs: [Persona.Job(every: 600, offset: 2 * 60, spacing: 3) { rng, run in
                let pod = "ci/pods/runner-\(rng.hex(8))-project-42-concurrent-\(run % 4)"
                return [s("create secrets", "ci/secrets/runner-\(run)-build-creds"), s("create pods", "ci/pods"),
                        s("get pods", pod), s("create pods/attach", pod), s("create pods/exec", pod), s("create pods/exec", pod),
                        s("get pods/log", pod), s("delete pods", pod), s("delete secrets", "ci/secrets/runner-\(run)-build-creds")]
            }]))
        p.append(Persona(  // velero, hourly: lists everything and backs up every namespace's secrets
            identity: sa("velero", "velero"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.7.9"], credential: .fixed(jti(&rng)),
            jobs: [Persona.Job(every: 3600, offset: 30 * 60, spacing: 0.3) { _, _ in
                namespaces.flatMap { ns in
                    [s("list secrets", "\(ns)/secrets"), s("list configmaps", "\(ns)/configmaps"),
                     s("list deployments", "\(ns)/deployments"), s("list persistentvolumeclaims", "\(ns)/persistentvolumeclaims")]
                } + [s("create backups", "velero/backups")]
            }]))
        p.append(Persona(
            identity: sa("keda", "keda-operator"), kind: .k8sServiceAccount, format: .k8sAudit,
            ips: ["10.42.2.30"], credential: .fixed(jti(&rng)), rate: 0.3,
            calls: [c("list scaledobjects", ["scaledobjects"], 2), c("get horizontalpodautoscalers", ["shop/horizontalpodautoscalers/cart-api"], 2),
                    c("get secrets", ["shop/secrets/keda-rabbitmq", "payments/secrets/keda-sqs"], 1)]))

        // ---- Vault -----------------------------------------------------------------------
        func accessor(_ rng: inout SplitMix64) -> String { "hmac-sha256:\(rng.hex(64))" }
        p.append(Persona(  // HEAVY: transit encryption on every payment
            identity: "approle-payments-api", kind: .vaultToken, format: .vault,
            ips: ["10.42.3.61", "10.42.3.62", "10.42.4.61"], credential: .fixed(accessor(&rng)), rate: 3,
            calls: [c("update transit/encrypt/payments-pii", ["transit/encrypt/payments-pii"], 3),
                    c("update transit/decrypt/payments-pii", ["transit/decrypt/payments-pii"], 2),
                    c("update auth/token/renew-self", ["auth/token/renew-self"], 0.01)],
            error: 0.001))
        p.append(Persona(  // hourly backup of every team's secrets
            identity: "approle-backup-job", kind: .vaultToken, format: .vault,
            ips: ["10.30.1.6"], credential: .fixed(accessor(&rng)),
            jobs: [Persona.Job(every: 3600, offset: 20 * 60, spacing: 0.5) { _, _ in
                var steps = [s("list secret/metadata/", "secret/metadata/")]
                for team in teams {
                    steps.append(s("list secret/metadata/\(team)", "secret/metadata/\(team)"))
                    for name in ["db", "api-key", "tls", "signing-key", "service-account"] {
                        steps.append(s("read secret/data/\(team)/\(name)", "secret/data/\(team)/\(name)"))
                    }
                }
                return steps
            }]))
        p.append(Persona(
            identity: "kubernetes-cart-api", kind: .vaultToken, format: .vault,
            ips: ["10.42.3.17"], credential: .fixed(accessor(&rng)), rate: 0.02,
            calls: [c("read secret/data/shop/cart", ["secret/data/shop/cart"], 3), c("update auth/token/renew-self", ["auth/token/renew-self"])]))
        p.append(Persona(  // CI deployer: a few secrets per run, from a new hosted runner each time
            identity: "approle-ci-deployer", kind: .vaultToken, format: .vault,
            ips: githubRunners, credential: .fixed(accessor(&rng)),
            jobs: [Persona.Job(every: 1200, offset: 7 * 60, spacing: 1) { _, _ in
                [s("update auth/approle/login", "auth/approle/login"), s("read secret/data/ci/registry", "secret/data/ci/registry"),
                 s("read secret/data/ci/deploy-key", "secret/data/ci/deploy-key"),
                 s("read secret/data/ci/kubeconfig", "secret/data/ci/kubeconfig")]
            }]))
        p.append(Persona(  // vault agent for ledger; its policy does not allow sys/mounts, which it keeps asking
            identity: "token-vault-agent-ledger", kind: .vaultToken, format: .vault,
            ips: ["10.42.5.44"], credential: .fixed(accessor(&rng)), rate: 0.1,
            calls: [c("read secret/data/ledger/db", ["secret/data/ledger/db"], 4), c("read secret/data/ledger/signing-key", ["secret/data/ledger/signing-key"], 1),
                    c("update auth/token/renew-self", ["auth/token/renew-self"], 1), c("read sys/mounts", ["sys/mounts"], 0.3)],
            deny: 0.04))
        p.append(Persona(  // certificate rotation every 30 min: mints certs
            identity: "approle-cert-rotator", kind: .vaultToken, format: .vault,
            ips: ["10.30.2.8"], credential: .fixed(accessor(&rng)),
            jobs: [Persona.Job(every: 1800, offset: 12 * 60, spacing: 1) { _, _ in
                ["shop", "payments", "ledger", "search"].flatMap { svc in
                    [s("update pki_int/issue/internal", "pki_int/issue/internal"), s("update secret/data/pki/\(svc)", "secret/data/pki/\(svc)")]
                }
            }]))
        p.append(Persona(  // dynamic database credentials, renewed
            identity: "kubernetes-billing-worker", kind: .vaultToken, format: .vault,
            ips: ["10.42.6.71", "10.42.6.72"], credential: .fixed(accessor(&rng)), rate: 0.05,
            calls: [c("read database/creds/billing-ro", ["database/creds/billing-ro"], 1), c("update sys/leases/renew", ["sys/leases/renew"], 3)]))
        p.append(Persona(
            identity: "approle-grafana", kind: .vaultToken, format: .vault,
            ips: ["10.42.9.30"], credential: .fixed(accessor(&rng)), rate: 0.01,
            calls: [c("read secret/data/monitoring/grafana", ["secret/data/monitoring/grafana"])]))

        // ---- OPA (agents and services) ---------------------------------------------------
        p.append(Persona(
            identity: "agent:code-review-bot", kind: .aiAgent, format: .opa,
            ips: ["10.50.1.20"], credential: .fixed("jti-\(rng.hex(16))"), rate: 0.05,
            calls: [c("tool:git.read_diff", [], 4, unique: "acme/web/pull/"), c("tool:git.comment", [], 2, unique: "acme/web/pull/"),
                    c("tool:ci.get_status", [], 1, unique: "acme/web/runs/")]))
        p.append(Persona(  // the SRE copilot keeps trying a restart its policy does not allow
            identity: "agent:sre-copilot", kind: .aiAgent, format: .opa,
            ips: ["10.50.1.21"], credential: .fixed("jti-\(rng.hex(16))"), rate: 0.03,
            calls: [c("tool:metrics.query", ["prometheus/prod"], 4), c("tool:logs.search", ["loki/prod"], 3),
                    c("tool:k8s.describe", ["shop/deployments/cart-api", "payments/deployments/payments-api"], 1),
                    c("tool:k8s.restart", ["shop/deployments/cart-api"], 0.5)],
            deny: 0.06))
        p.append(Persona(
            identity: "agent:sales-assistant", kind: .aiAgent, format: .opa,
            ips: ["10.50.1.22"], credential: .fixed("jti-\(rng.hex(16))"), rate: 0.04,
            calls: [c("tool:crm.lookup", [], 4, unique: "crm/accounts/"), c("tool:crm.update_opportunity", [], 1, unique: "crm/opportunities/"),
                    c("tool:email.draft", [], 2, unique: "mail/drafts/"), c("tool:calendar.read", ["calendar/sales"], 1)]))
        p.append(Persona(
            identity: "agent:docs-writer", kind: .aiAgent, format: .opa,
            ips: ["10.50.1.23"], credential: .fixed("jti-\(rng.hex(16))"), rate: 0.01,
            calls: [c("tool:docs.read", [], 3, unique: "docs/pages/"), c("tool:docs.write", [], 1, unique: "docs/pages/")]))
        p.append(Persona(  // HEAVY: Envoy ext_authz decisions for the checkout gateway; expired tokens are denied
            identity: "spiffe://acme.internal/ns/payments/sa/checkout-gateway", kind: .workload, format: .opa,
            ips: ["10.42.3.90", "10.42.3.91"], credential: .fixed(""), rate: 5,
            calls: [c("GET /api/v1/cart", ["/api/v1/cart"], 5), c("POST /api/v1/checkout", ["/api/v1/checkout"], 1),
                    c("GET /api/v1/orders", [], 3, unique: "/api/v1/orders/"), c("POST /api/v1/payments/intent", ["/api/v1/payments/intent"], 1)],
            deny: 0.01))
        p.append(Persona(
            identity: "svc:reporting-api", kind: .service, format: .opa,
            ips: ["10.42.7.50"], credential: .fixed(""), rate: 0.5,
            calls: [c("GET /reports/daily", ["/reports/daily"], 3), c("GET /reports/monthly", ["/reports/monthly"], 1),
                    c("POST /reports/export", ["/reports/export"], 0.2)],
            deny: 0.005))

        // ---- GitHub ----------------------------------------------------------------------
        let repos = ["acme/web", "acme/orders-api", "acme/payments", "acme/infra", "acme/search-indexer", "acme/mobile"]
        p.append(Persona(
            identity: "dependabot[bot]", kind: .githubApp, format: .github,
            ips: pool(&rng, "140.82", 10), credential: .fixed(String(rng.below(900_000) + 100_000)), rate: 0.02,
            calls: [c("git.clone", repos, 3), c("pull_request.create", repos, 1), c("git.push", repos, 1)]))
        p.append(Persona(
            identity: "renovate[bot]", kind: .githubApp, format: .github,
            ips: pool(&rng, "35.190", 6), credential: .fixed(String(rng.below(900_000) + 100_000)), rate: 0.03,
            calls: [c("git.clone", repos, 4), c("git.push", repos, 2), c("pull_request.create", repos, 1), c("pull_request.merge", repos, 0.3)]))
        p.append(Persona(  // Actions: pushes to protected branches get rejected now and then
            identity: "github-actions[bot]", kind: .githubApp, format: .github,
            ips: githubRunners, credential: .fixed(String(rng.below(900_000) + 100_000)), rate: 1,
            calls: [c("git.clone", repos, 6), c("workflows.prepared_workflow_job", repos, 2), c("workflows.completed_workflow_run", repos, 2),
                    c("packages.package_version_published", ["acme/web", "acme/orders-api"], 0.5), c("git.push", repos, 0.5)],
            deny: 0.004))
        p.append(Persona(  // a release PAT, hourly
            identity: "acme-release-bot", kind: .githubToken, format: .github,
            ips: ["10.20.11.3"], credential: .fixed("github_pat_\(rng.base32(22))"),
            jobs: [Persona.Job(every: 3600, offset: 40 * 60, spacing: 2) { _, run in
                [s("git.clone", "acme/web"), s("git.push", "acme/web"), s("release.published", "acme/web"),
                 s("packages.package_version_published", "acme/web")]
            }]))
        p.append(Persona(  // terraform cloud clones every infra repo each run
            identity: "acme-terraform-cloud", kind: .githubToken, format: .github,
            ips: pool(&rng, "75.2.98", 4), credential: .fixed("ghp_\(rng.base32(30))"),
            jobs: [Persona.Job(every: 1800, offset: 14 * 60, spacing: 0.5) { _, _ in
                (["acme/infra", "acme/infra-modules", "acme/infra-dns", "acme/infra-iam"] + repos).map { s("git.clone", $0) }
            }]))
        p.append(Persona(  // provisions new repos with deploy keys (a credential mint by design)
            identity: "repo-provisioner[bot]", kind: .githubApp, format: .github,
            ips: ["10.20.11.9"], credential: .fixed(String(rng.below(900_000) + 100_000)),
            jobs: [Persona.Job(every: 3600, offset: 35 * 60, spacing: 2) { _, run in
                let repo = "acme/service-\(run + 17)"
                return [s("repo.create", repo), s("repo.add_member", repo), s("deploy_key.create", repo),
                        s("protected_branch.create", repo)]
            }]))

        // ---- nhitop native (API keys, CI jobs, services) ---------------------------------
        p.append(Persona(  // HEAVY: a logistics partner's API key; expired-scope 401s are routine
            identity: "apikey:partner-acme-logistics", kind: .apiKey, format: .nhitop,
            ips: ["192.0.2.10", "192.0.2.11", "192.0.2.12"], credential: .fixed("key_live_\(rng.hex(10))"), rate: 4,
            calls: [c("GET /v1/shipments", ["/v1/shipments"], 3), c("GET /v1/shipments/{id}", [], 5, unique: "/v1/shipments/shp_"),
                    c("POST /v1/shipments/{id}/events", [], 2, unique: "/v1/shipments/shp_")],
            deny: 0.015))
        p.append(Persona(
            identity: "apikey:mobile-backend", kind: .apiKey, format: .nhitop,
            ips: ["10.60.1.5", "10.60.1.6"], credential: .fixed("key_live_\(rng.hex(10))"), rate: 1,
            calls: [c("GET /v1/profile", ["/v1/profile"], 3), c("GET /v1/feed", ["/v1/feed"], 5), c("POST /v1/events", ["/v1/events"], 2)],
            error: 0.002))
        p.append(Persona(
            identity: "ci:deploy-pipeline", kind: .ciJob, format: .nhitop,
            ips: githubRunners, credential: .fixed("ci_\(rng.hex(20))"),
            jobs: [Persona.Job(every: 1200, offset: 10 * 60, spacing: 5) { rng, _ in
                [s("artifact.download", "acme/web"), s("deploy.start", "prod/web"), s("k8s.apply", "prod/web"),
                 s("deploy.finish", "prod/web", rng.chance(0.1) ? .error : .allow)]
            }]))
        p.append(Persona(
            identity: "ci:nightly-data-export", kind: .ciJob, format: .nhitop,
            ips: ["10.20.12.4"], credential: .fixed("ci_\(rng.hex(20))"),
            jobs: [Persona.Job(every: 3600, offset: 50 * 60, spacing: 1) { _, _ in
                [s("export.start", "warehouse/orders"), s("warehouse.read", "warehouse/orders"),
                 s("warehouse.read", "warehouse/customers"), s("storage.write", "exports/orders"), s("export.finish", "warehouse/orders")]
            }]))
        p.append(Persona(
            identity: "svc:billing-cron", kind: .service, format: .nhitop,
            ips: ["10.42.6.80"], credential: .fixed("svc_\(rng.hex(16))"),
            jobs: [Persona.Job(every: 300, offset: 30, spacing: 1) { _, _ in
                [s("invoices.generate", "billing/invoices"), s("ledger.read", "ledger/accounts")]
            }]))
        p.append(Persona(
            identity: "workload:batch-reconciler", kind: .workload, format: .nhitop,
            ips: ["10.42.6.81"], credential: .fixed("svc_\(rng.hex(16))"), rate: 0.2,
            calls: [c("ledger.read", ["ledger/accounts", "ledger/entries"], 3), c("payments.read", ["payments/settlements"], 2),
                    c("ledger.write", ["ledger/reconciliations"], 1)],
            error: 0.01))
        return p
    }
}

// MARK: - Incidents

extension Scenario {
    struct Victim {
        var persona: Persona
        var incident: ScenarioIncident
        var inject: (inout SplitMix64, EventTime) -> [NormalizedEvent]
    }

    static let novelty = ["new network", "new address", "new source", "never seen", "first seen", "first time from"]

    static func incidentPersonas(_ rng: inout SplitMix64) -> [Victim] {
        var victims: [Victim] = []
        func at(_ end: EventTime, _ secondsBeforeEnd: Double) -> EventTime {
            EventTime(microseconds: end.microseconds - Int64(secondsBeforeEnd * 1_000_000))
        }

        // (1) A leaked access key of an existing IAM user, used from a new network.
        let reporting = arn("user/reporting-bot")
        let reportingKey = "AKIA4REPORTBOT2HX6QC"
        victims.append(Victim(
            persona: Persona(
                identity: reporting, kind: .awsUser, format: .cloudtrail, ips: ["10.20.5.11", "10.20.6.12"],
                credential: .fixed(reportingKey), rate: 0.1,
                calls: [Persona.Call(action: "athena:StartQueryExecution", resources: ["arn:aws:athena:us-east-1:\(account):workgroup/reporting"], weight: 2),
                        Persona.Call(action: "athena:GetQueryExecution", resources: ["arn:aws:athena:us-east-1:\(account):workgroup/reporting"], weight: 4),
                        Persona.Call(action: "athena:GetQueryResults", resources: ["arn:aws:athena:us-east-1:\(account):workgroup/reporting"], weight: 2),
                        Persona.Call(action: "s3:GetObject", resources: [], weight: 2, uniquePrefix: "arn:aws:s3:::acme-reports/results/"),
                        Persona.Call(action: "s3:PutObject", resources: [], weight: 1, uniquePrefix: "arn:aws:s3:::acme-reports/daily/"),
                        Persona.Call(action: "glue:GetTable", resources: ["arn:aws:glue:us-east-1:\(account):table/analytics/orders"], weight: 1)]),
            incident: ScenarioIncident(
                name: "leaked AWS key", identity: reporting,
                mentions: [novelty, ["denied"], ["access key", "createaccesskey", "minted", "credential"]]),
            inject: { rng, end in
                let ip = "203.0.113.77"
                var out: [NormalizedEvent] = []
                func e(_ t: EventTime, _ action: String, _ resource: String = "", _ d: Decision = .allow) {
                    out.append(NormalizedEvent(time: t, identity: reporting, identityKind: .awsUser, action: action,
                                               resource: resource, decision: d, sourceIP: ip, credentialID: reportingKey,
                                               format: .cloudtrail, origin: EventOrigin(source: "scenario", line: 0)))
                }
                var t = at(end, 14 * 60)
                e(t, "sts:GetCallerIdentity")
                t = t.adding(seconds: 40)
                let sweep: [(String, String, Decision)] = [
                    ("iam:GetUser", reporting, .allow), ("iam:ListAttachedUserPolicies", reporting, .deny),
                    ("iam:ListUserPolicies", reporting, .deny), ("iam:ListUsers", "", .deny), ("iam:ListRoles", "", .deny),
                    ("iam:ListGroupsForUser", reporting, .deny), ("s3:ListBuckets", "", .allow),
                    ("s3:ListBucket", "arn:aws:s3:::acme-reports", .allow), ("s3:ListBucket", "arn:aws:s3:::acme-prod-data", .deny),
                    ("s3:ListBucket", "arn:aws:s3:::acme-backup", .deny), ("s3:GetBucketPolicy", "arn:aws:s3:::acme-reports", .deny),
                    ("ec2:DescribeInstances", "us-east-1", .deny), ("ec2:DescribeInstances", "us-west-2", .deny),
                    ("ec2:DescribeInstances", "eu-west-1", .deny), ("ec2:DescribeSecurityGroups", "", .deny),
                    ("ec2:DescribeSnapshots", "", .deny), ("lambda:ListFunctions", "", .deny), ("rds:DescribeDBInstances", "", .deny),
                    ("secretsmanager:ListSecrets", "", .deny), ("ssm:DescribeParameters", "", .deny), ("kms:ListKeys", "", .deny),
                    ("dynamodb:ListTables", "", .deny), ("sns:ListTopics", "", .deny), ("sqs:ListQueues", "", .deny),
                    ("eks:ListClusters", "", .deny), ("cloudtrail:DescribeTrails", "", .deny),
                    ("organizations:DescribeOrganization", "", .deny), ("athena:ListWorkGroups", "", .allow),
                    ("glue:GetDatabases", "", .allow), ("glue:GetTables", "arn:aws:glue:us-east-1:\(account):database/analytics", .allow),
                ]
                for (a, r, d) in sweep {
                    e(t, a, r, d)
                    t = EventTime(microseconds: t.microseconds + 500_000 + Int64(rng.below(3_000_000)))
                }
                // It found a door: a key for another user, then a look at the data it can read.
                t = at(end, 6 * 60)
                e(t, "iam:ListAccessKeys", arn("user/deploy-bot"))
                e(t.adding(seconds: 3), "iam:CreateAccessKey", arn("user/deploy-bot"))
                for k in 0..<6 {
                    e(t.adding(seconds: 30 + Int64(k) * 20), "s3:GetObject", "arn:aws:s3:::acme-reports/daily/customers-\(k).csv")
                }
                return out
            }))

        // (2) A Kubernetes service account reaching across namespaces, then exec.
        let cart = "system:serviceaccount:shop:cart-api"
        let cartToken = "JTI=\(rng.hex(8))-\(rng.hex(4))-\(rng.hex(4))-\(rng.hex(12))"
        victims.append(Victim(
            persona: Persona(
                identity: cart, kind: .k8sServiceAccount, format: .k8sAudit, ips: ["10.42.3.17"],
                credential: .fixed(cartToken), rate: 0.05,
                calls: [Persona.Call(action: "get configmaps", resources: ["shop/configmaps/cart-config"], weight: 3),
                        Persona.Call(action: "get endpoints", resources: ["shop/endpoints/redis", "shop/endpoints/payments"], weight: 2),
                        Persona.Call(action: "get secrets", resources: ["shop/secrets/cart-db-credentials"], weight: 1)]),
            incident: ScenarioIncident(
                name: "k8s SA across namespaces", identity: cart,
                mentions: [["secret"], ["exec"], ["denied", "forbidden", "namespace"]]),
            inject: { rng, end in
                var out: [NormalizedEvent] = []
                var t = at(end, 12 * 60)
                func e(_ action: String, _ resource: String, _ d: Decision = .allow) {
                    out.append(NormalizedEvent(time: t, identity: cart, identityKind: .k8sServiceAccount, action: action,
                                               resource: resource, decision: d, sourceIP: "10.42.3.17", credentialID: cartToken,
                                               format: .k8sAudit, origin: EventOrigin(source: "scenario", line: 0)))
                    t = EventTime(microseconds: t.microseconds + 2_000_000 + Int64(rng.below(20_000_000)))
                }
                e("create selfsubjectrulesreviews", "selfsubjectrulesreviews")
                e("list namespaces", "namespaces", .deny)
                e("list secrets", "payments/secrets")
                e("get secrets", "payments/secrets/stripe-api-key")
                e("get secrets", "payments/secrets/payments-db")
                e("list secrets", "kube-system/secrets", .deny)
                e("get secrets", "kube-system/secrets/aws-node-credentials", .deny)
                e("list secrets", "billing/secrets", .deny)
                e("list secrets", "ledger/secrets", .deny)
                e("get secrets", "ledger/secrets/ledger-signing-key", .deny)
                e("list secrets", "default/secrets", .deny)
                e("get secrets", "monitoring/secrets/grafana-admin", .deny)
                e("list pods", "payments/pods")
                e("create pods/exec", "payments/pods/payments-api-7d9fb6c5d-x2k4q")
                e("create pods/exec", "payments/pods/payments-api-7d9fb6c5d-x2k4q")
                e("get secrets", "payments/secrets/payments-tls")
                return out
            }))

        // (3) An AI agent calling payment and export tools it never used.
        let agent = "agent:support-assistant"
        let agentToken = "jti-\(rng.hex(16))"
        victims.append(Victim(
            persona: Persona(
                identity: agent, kind: .aiAgent, format: .opa, ips: ["10.50.1.10"], credential: .fixed(agentToken), rate: 0.03,
                calls: [Persona.Call(action: "tool:tickets.read", resources: [], weight: 5, uniquePrefix: "tickets/T-"),
                        Persona.Call(action: "tool:kb.search", resources: ["kb/support"], weight: 4),
                        Persona.Call(action: "tool:tickets.reply", resources: [], weight: 2, uniquePrefix: "tickets/T-"),
                        Persona.Call(action: "tool:customers.lookup", resources: [], weight: 2, uniquePrefix: "customers/cus_")]),
            incident: ScenarioIncident(
                name: "AI agent payment/export tools", identity: agent,
                mentions: [["tool"], ["denied", "payments.refund", "customers.export", "payments", "export", "refund"]]),
            inject: { rng, end in
                var out: [NormalizedEvent] = []
                var t = at(end, 11 * 60)
                func e(_ action: String, _ resource: String, _ d: Decision = .allow) {
                    out.append(NormalizedEvent(time: t, identity: agent, identityKind: .aiAgent, action: action,
                                               resource: resource, decision: d, sourceIP: "10.50.1.10", credentialID: agentToken,
                                               format: .opa, origin: EventOrigin(source: "scenario", line: 0)))
                    t = EventTime(microseconds: t.microseconds + 5_000_000 + Int64(rng.below(40_000_000)))
                }
                e("tool:tickets.read", "tickets/T-88412")
                e("tool:customers.lookup", "customers/cus_Q8d1")
                e("tool:payments.list_transactions", "customers/cus_Q8d1")
                e("tool:payments.refund", "payments/ch_3Nf81", .allow)
                e("tool:payments.refund", "payments/ch_3Nf82", .allow)
                e("tool:payments.refund", "payments/ch_3Nf83", .deny)
                e("tool:payments.refund", "payments/ch_3Nf84", .deny)
                e("tool:customers.export", "customers/segment:all", .deny)
                e("tool:customers.export", "customers/segment:enterprise")
                e("tool:payments.list_transactions", "customers/segment:enterprise")
                e("tool:payments.update_payout_account", "payouts/acct_main", .deny)
                e("tool:payments.refund", "payments/ch_3Nf85", .deny)
                return out
            }))

        // (4) A Vault token reading other teams' secrets from a new address.
        let indexer = "approle-search-indexer"
        let indexerAccessor = "hmac-sha256:\(rng.hex(64))"
        victims.append(Victim(
            persona: Persona(
                identity: indexer, kind: .vaultToken, format: .vault, ips: ["10.42.7.31"], credential: .fixed(indexerAccessor),
                rate: 0.05,
                calls: [Persona.Call(action: "read secret/data/search/elastic", resources: ["secret/data/search/elastic"], weight: 4),
                        Persona.Call(action: "read secret/data/search/s3-snapshots", resources: ["secret/data/search/s3-snapshots"], weight: 1),
                        Persona.Call(action: "update auth/token/renew-self", resources: ["auth/token/renew-self"], weight: 2)]),
            incident: ScenarioIncident(
                name: "Vault token outside its path", identity: indexer,
                mentions: [["secret"], novelty, ["denied"]]),
            inject: { rng, end in
                var out: [NormalizedEvent] = []
                var t = at(end, 13 * 60)
                func e(_ path: String, _ d: Decision = .allow, op: String = "read") {
                    out.append(NormalizedEvent(time: t, identity: indexer, identityKind: .vaultToken, action: "\(op) \(path)",
                                               resource: path, decision: d, sourceIP: "10.99.14.3", credentialID: indexerAccessor,
                                               format: .vault, origin: EventOrigin(source: "scenario", line: 0)))
                    t = EventTime(microseconds: t.microseconds + 3_000_000 + Int64(rng.below(30_000_000)))
                }
                e("auth/token/lookup-self")
                e("secret/metadata/", .deny, op: "list")
                e("secret/metadata/search", op: "list")
                e("secret/data/search/elastic")
                e("secret/data/payments/stripe", .deny)
                e("secret/data/payments/db", .deny)
                e("secret/data/billing/postgres")
                e("secret/data/billing/api-key")
                e("secret/data/ledger/signing-key", .deny)
                e("secret/data/shop/cart")
                e("secret/data/ci/deploy-key")
                e("secret/data/ci/registry")
                e("secret/data/aws/root-keys", .deny)
                e("secret/data/data/warehouse")
                return out
            }))
        return victims
    }
}

/// The scenario's draws on top of the shared generator.
extension SplitMix64 {
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    /// Exponential inter-arrival time with the given mean (a Poisson process).
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unit())
    }
    mutating func hex(_ count: Int, upper: Bool = false) -> String {
        let digits = Array(upper ? "0123456789ABCDEF" : "0123456789abcdef")
        return String((0..<count).map { _ in digits[below(16)] })
    }
    mutating func base32(_ count: Int) -> String {
        let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return String((0..<count).map { _ in digits[below(32)] })
    }
}
