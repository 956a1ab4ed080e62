/// One background identity: who it is, where it runs, what it usually does and how often.
struct DemoActor: Sendable {
    var principal: DemoPrincipal
    /// Its usual addresses (a pod IP, a VPC subnet, a CI runner pool).
    var ips: [String]
    var userAgent: String
    /// Mean gap between its actions.
    var meanGapMicros: Int64
    /// Its usual actions; repeat an entry to weight it. `{n}` in a string becomes a number.
    var routine: [DemoOp]
    /// Benign failures (throttling, not found) and rare benign denies, per thousand actions.
    var errorPerMille: Int = 6
    var denyPerMille: Int = 2
}

/// The background cast: ~45 non-human identities across all six formats, each with its
/// own routine. Credentials are derived from the identity name, so they are the same
/// for every seed.
enum DemoCast {
    static let account = "123456789012"

    static func ms(_ v: Int64) -> Int64 { v * 1000 }

    // MARK: op shorthands
    static func aws(_ source: String, _ name: String, _ params: [(String, String)] = []) -> DemoOp {
        .aws(source: source, name: name, params: params)
    }
    static func k8s(_ verb: String, _ resource: String, ns: String = "", name: String = "", group: String = "",
                    sub: String = "") -> DemoOp {
        .k8s(verb: verb, group: group, resource: resource, subresource: sub, namespace: ns, name: name)
    }
    static func vault(_ operation: String, _ path: String) -> DemoOp { .vault(operation: operation, path: path) }
    static func tool(_ name: String, _ resource: String) -> DemoOp { .tool(name: name, resource: resource) }
    static func gh(_ action: String, _ repo: String) -> DemoOp { .github(action: action, repo: repo, method: "", path: "") }
    static func ghAPI(_ method: String, _ path: String, repo: String = "") -> DemoOp {
        .github(action: "api.request", repo: repo, method: method, path: path)
    }
    static func native(_ action: String, _ resource: String) -> DemoOp { .native(action: action, resource: resource) }

    static func k8sSA(_ ns: String, _ name: String) -> DemoPrincipal {
        var r = DemoRandom(seed: DemoRandom.salt("k8s:\(ns):\(name)"))
        return .k8s(namespace: ns, name: name, uid: r.uuid())
    }

    static let boto = "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.223-211.872.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4"
    static let goSDK = "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64"
    static let terraform = "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.62.0"
    static let javaSDK = "aws-sdk-java/2.26.25 Linux/5.10.223 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4"

    static let all: [DemoActor] = cloudTrail + kubernetes + vault + agents + github + native

    /// The cast principal with this identity (incidents compromise cast members).
    static func principal(_ identity: String) -> DemoPrincipal {
        guard let p = all.first(where: { $0.principal.identity == identity || $0.principal.identity.hasSuffix("/" + identity) })?.principal
        else { preconditionFailure("no demo identity \(identity)") }
        return p
    }

    // MARK: AWS (CloudTrail)
    static let cloudTrail: [DemoActor] = [
        DemoActor(principal: .aws(.role("eks-orders-reader", session: "botocore-session-1732871555")),
                  ips: ["10.0.12.41", "10.0.13.77", "10.0.14.9"], userAgent: boto, meanGapMicros: ms(1000),
                  routine: [aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-orders-prod"), ("key", "orders/2026/11/{n}.json")]),
                            aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-orders-prod"), ("key", "orders/2026/11/{n}.json")]),
                            aws("dynamodb.amazonaws.com", "GetItem", [("tableName", "orders")]),
                            aws("dynamodb.amazonaws.com", "Query", [("tableName", "orders"), ("indexName", "by-customer")]),
                            aws("kms.amazonaws.com", "Decrypt", [("keyId", "alias/orders")])]),
        DemoActor(principal: .aws(.role("eks-payments-api", session: "payments-api-5c7d9")),
                  ips: ["10.0.21.15", "10.0.22.31"], userAgent: javaSDK, meanGapMicros: ms(2000),
                  routine: [aws("dynamodb.amazonaws.com", "GetItem", [("tableName", "payments")]),
                            aws("dynamodb.amazonaws.com", "PutItem", [("tableName", "payments")]),
                            aws("dynamodb.amazonaws.com", "UpdateItem", [("tableName", "payments")]),
                            aws("kms.amazonaws.com", "Decrypt", [("keyId", "alias/payments")]),
                            aws("sqs.amazonaws.com", "SendMessage", [("queueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/payment-events")])]),
        DemoActor(principal: .aws(.role("terraform-ci", session: "GitHubActions")),
                  ips: ["192.0.2.14", "192.0.2.15", "192.0.2.88"], userAgent: terraform, meanGapMicros: ms(6000),
                  routine: [aws("ec2.amazonaws.com", "DescribeVpcs"), aws("ec2.amazonaws.com", "DescribeSubnets"),
                            aws("ec2.amazonaws.com", "DescribeSecurityGroups"), aws("iam.amazonaws.com", "GetRole", [("roleName", "eks-orders-reader")]),
                            aws("iam.amazonaws.com", "ListAttachedRolePolicies", [("roleName", "eks-payments-api")]),
                            aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-tfstate"), ("key", "prod/terraform.tfstate")]),
                            aws("s3.amazonaws.com", "PutObject", [("bucketName", "acme-tfstate"), ("key", "prod/terraform.tfstate")]),
                            aws("eks.amazonaws.com", "DescribeCluster", [("name", "prod-eu")]),
                            aws("sts.amazonaws.com", "GetCallerIdentity")],
                  denyPerMille: 4),
        DemoActor(principal: .aws(.user("svc-backup")),
                  ips: ["10.0.40.5"], userAgent: "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11.9",
                  meanGapMicros: ms(20000),
                  routine: [aws("s3.amazonaws.com", "PutObject", [("bucketName", "acme-backups"), ("key", "pg/orders/{n}.dump")]),
                            aws("s3.amazonaws.com", "ListObjects", [("bucketName", "acme-backups")]),
                            aws("rds.amazonaws.com", "DescribeDBSnapshots", [("dBInstanceIdentifier", "orders-prod")])]),
        DemoActor(principal: .aws(.user("svc-reporting")),
                  ips: ["10.0.41.23"], userAgent: javaSDK, meanGapMicros: ms(8000),
                  routine: [aws("athena.amazonaws.com", "StartQueryExecution", [("workGroup", "reporting")]),
                            aws("athena.amazonaws.com", "GetQueryExecution", [("queryExecutionId", "{n}")]),
                            aws("athena.amazonaws.com", "GetQueryResults", [("queryExecutionId", "{n}")]),
                            aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-analytics"), ("key", "reports/daily/{n}.csv")]),
                            aws("glue.amazonaws.com", "GetTable", [("databaseName", "analytics"), ("name", "orders")])]),
        DemoActor(principal: .aws(.role("lambda-thumbnailer", session: "thumbnailer")),
                  ips: ["10.0.60.10", "10.0.61.10"], userAgent: goSDK, meanGapMicros: ms(3000),
                  routine: [aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-uploads"), ("key", "img/{n}.png")]),
                            aws("s3.amazonaws.com", "PutObject", [("bucketName", "acme-thumbnails"), ("key", "img/{n}_256.webp")])],
                  errorPerMille: 15),
        DemoActor(principal: .aws(.role("datadog-integration", session: "DatadogAWSIntegration")),
                  ips: ["192.0.2.201", "192.0.2.202"], userAgent: "Datadog", meanGapMicros: ms(5000),
                  routine: [aws("monitoring.amazonaws.com", "GetMetricData"), aws("monitoring.amazonaws.com", "ListMetrics"),
                            aws("ec2.amazonaws.com", "DescribeInstances"), aws("tag.amazonaws.com", "GetResources"),
                            aws("rds.amazonaws.com", "DescribeDBInstances")],
                  errorPerMille: 20),
        DemoActor(principal: .aws(.service("config.amazonaws.com")),
                  ips: ["config.amazonaws.com"], userAgent: "config.amazonaws.com", meanGapMicros: ms(15000),
                  routine: [aws("ec2.amazonaws.com", "DescribeSecurityGroups"), aws("iam.amazonaws.com", "GetRolePolicy", [("roleName", "terraform-ci")]),
                            aws("s3.amazonaws.com", "GetBucketPolicy", [("bucketName", "acme-orders-prod")])],
                  denyPerMille: 0),
        DemoActor(principal: .aws(.role("karpenter", session: "karpenter-7b8f6")),
                  ips: ["10.0.12.200"], userAgent: goSDK, meanGapMicros: ms(4000),
                  routine: [aws("ec2.amazonaws.com", "DescribeInstances"), aws("ec2.amazonaws.com", "DescribeInstanceTypeOfferings"),
                            aws("ec2.amazonaws.com", "DescribeSubnets"), aws("ec2.amazonaws.com", "DescribeLaunchTemplates"),
                            aws("pricing.amazonaws.com", "GetProducts"), aws("ec2.amazonaws.com", "CreateFleet")]),
        DemoActor(principal: .aws(.role("bedrock-support-agent", session: "support-agent-runtime")),
                  ips: ["10.0.70.12"], userAgent: boto, meanGapMicros: ms(4000),
                  routine: [aws("bedrock.amazonaws.com", "InvokeModel", [("modelId", "anthropic.claude-3-5-sonnet-20240620-v1:0")]),
                            aws("bedrock.amazonaws.com", "InvokeModel", [("modelId", "anthropic.claude-3-5-sonnet-20240620-v1:0")]),
                            aws("bedrock.amazonaws.com", "Retrieve", [("knowledgeBaseId", "KB7Q2ZP4XW")])]),
        DemoActor(principal: .aws(.role("gha-deploy", session: "GitHubActions")),
                  ips: ["192.0.2.14", "192.0.2.15"], userAgent: goSDK, meanGapMicros: ms(12000),
                  routine: [aws("ecr.amazonaws.com", "GetAuthorizationToken"),
                            aws("ecr.amazonaws.com", "BatchGetImage", [("repositoryName", "web")]),
                            aws("ecr.amazonaws.com", "PutImage", [("repositoryName", "web")]),
                            aws("ecs.amazonaws.com", "UpdateService", [("cluster", "prod"), ("service", "web")]),
                            aws("ecs.amazonaws.com", "DescribeServices", [("cluster", "prod")])]),
    ]

    // MARK: Kubernetes audit
    static let kubernetes: [DemoActor] = [
        DemoActor(principal: k8sSA("monitoring", "prometheus"), ips: ["10.42.3.17"], userAgent: "prometheus/v2.53.1",
                  meanGapMicros: ms(400),
                  routine: [k8s("list", "pods"), k8s("watch", "pods"), k8s("list", "endpoints"), k8s("watch", "endpoints"),
                            k8s("list", "services"), k8s("get", "nodes", name: "ip-10-0-12-41.ec2.internal", sub: "proxy"),
                            k8s("get", "nodes", name: "ip-10-0-13-77.ec2.internal", sub: "proxy"), k8s("list", "nodes")],
                  errorPerMille: 2, denyPerMille: 1),
        DemoActor(principal: k8sSA("argocd", "argocd-application-controller"), ips: ["10.42.5.8"],
                  userAgent: "argocd-application-controller/v2.12.3 (linux/amd64) kubernetes/$Format", meanGapMicros: ms(700),
                  routine: [k8s("get", "deployments", ns: "payments", name: "payments-api", group: "apps"),
                            k8s("get", "deployments", ns: "orders", name: "orders-worker", group: "apps"),
                            k8s("patch", "deployments", ns: "orders", name: "orders-worker", group: "apps"),
                            k8s("list", "applications", ns: "argocd", group: "argoproj.io"),
                            k8s("update", "applications", ns: "argocd", name: "payments", group: "argoproj.io"),
                            k8s("watch", "configmaps", ns: "argocd"), k8s("get", "services", ns: "web", name: "web")],
                  errorPerMille: 4),
        DemoActor(principal: k8sSA("cert-manager", "cert-manager"), ips: ["10.42.1.44"],
                  userAgent: "cert-manager-controller/v1.15.3 (linux/amd64) cert-manager/3a1c6a8", meanGapMicros: ms(3000),
                  routine: [k8s("get", "certificates", ns: "web", name: "web-tls", group: "cert-manager.io"),
                            k8s("update", "certificates", ns: "web", name: "web-tls", group: "cert-manager.io", sub: "status"),
                            k8s("get", "secrets", ns: "web", name: "web-tls"),
                            k8s("update", "leases", ns: "kube-system", name: "cert-manager-controller", group: "coordination.k8s.io"),
                            k8s("update", "leases", ns: "kube-system", name: "cert-manager-controller", group: "coordination.k8s.io")]),
        DemoActor(principal: k8sSA("payments", "payments-api"), ips: ["10.42.7.21"],
                  userAgent: "payments-api/1.8.2 (linux/amd64) kubernetes/client-go", meanGapMicros: ms(4000),
                  routine: [k8s("get", "configmaps", ns: "payments", name: "payments-config"),
                            k8s("get", "secrets", ns: "payments", name: "payments-db"),
                            k8s("get", "configmaps", ns: "payments", name: "feature-flags"),
                            k8s("watch", "configmaps", ns: "payments")]),
        DemoActor(principal: k8sSA("kube-system", "coredns"), ips: ["10.42.0.5"],
                  userAgent: "coredns/v1.11.1 (linux/amd64) kubernetes/$Format", meanGapMicros: ms(2000),
                  routine: [k8s("watch", "endpointslices", group: "discovery.k8s.io"), k8s("list", "services"),
                            k8s("watch", "namespaces"), k8s("list", "endpointslices", group: "discovery.k8s.io")],
                  errorPerMille: 1, denyPerMille: 0),
        DemoActor(principal: k8sSA("kube-system", "external-dns"), ips: ["10.42.0.19"],
                  userAgent: "external-dns/v0.14.2 (linux/amd64) kubernetes/$Format", meanGapMicros: ms(6000),
                  routine: [k8s("list", "services"), k8s("list", "ingresses", group: "networking.k8s.io"), k8s("list", "nodes")]),
        DemoActor(principal: k8sSA("ci", "gitlab-runner"), ips: ["10.42.9.3"],
                  userAgent: "gitlab-runner/17.3.1 (linux/amd64) kubernetes/client-go", meanGapMicros: ms(5000),
                  routine: [k8s("create", "pods", ns: "ci"), k8s("get", "pods", ns: "ci", name: "runner-{n}-project-42-concurrent-0"),
                            k8s("get", "pods", ns: "ci", name: "runner-{n}-project-42-concurrent-0", sub: "log"),
                            k8s("delete", "pods", ns: "ci", name: "runner-{n}-project-42-concurrent-0"),
                            k8s("create", "secrets", ns: "ci"), k8s("delete", "secrets", ns: "ci", name: "runner-{n}-registry")],
                  errorPerMille: 12),
        DemoActor(principal: k8sSA("logging", "fluent-bit"), ips: ["10.42.2.61", "10.42.3.62", "10.42.4.63"],
                  userAgent: "fluent-bit/3.1.6", meanGapMicros: ms(1500),
                  routine: [k8s("get", "pods", ns: "payments", name: "payments-api-7d9f8c6b5-x2k4q"),
                            k8s("get", "pods", ns: "orders", name: "orders-worker-5b6c7d8e9-p9r7t"),
                            k8s("get", "pods", ns: "web", name: "web-6c5d4b3a2-z8w1v"), k8s("get", "namespaces", name: "payments")]),
        DemoActor(principal: k8sSA("kube-system", "cluster-autoscaler"), ips: ["10.42.0.33"],
                  userAgent: "cluster-autoscaler/v1.30.2 (linux/amd64) kubernetes/$Format", meanGapMicros: ms(3000),
                  routine: [k8s("list", "nodes"), k8s("list", "pods"),
                            k8s("update", "configmaps", ns: "kube-system", name: "cluster-autoscaler-status"),
                            k8s("update", "leases", ns: "kube-system", name: "cluster-autoscaler", group: "coordination.k8s.io")]),
        DemoActor(principal: k8sSA("kyverno", "kyverno-admission-controller"), ips: ["10.42.6.12"],
                  userAgent: "kyverno/v1.12.5 (linux/amd64) kubernetes/$Format", meanGapMicros: ms(2000),
                  routine: [k8s("list", "clusterpolicies", group: "kyverno.io"), k8s("watch", "policies", group: "kyverno.io"),
                            k8s("get", "configmaps", ns: "kyverno", name: "kyverno"),
                            k8s("create", "policyreports", ns: "payments", group: "wgpolicyk8s.io")]),
    ]

    // MARK: Vault
    static func vaultK8s(_ ns: String, _ sa: String, _ policy: String) -> DemoPrincipal {
        .vault(.make("kubernetes-\(ns)-\(sa)", policies: [policy],
                     metadata: [("role", sa), ("service_account_name", sa), ("service_account_namespace", ns)]))
    }
    static func vaultAppRole(_ role: String, _ policy: String) -> DemoPrincipal {
        .vault(.make("approle-\(role)", policies: [policy], metadata: [("role_name", role)]))
    }

    static let vault: [DemoActor] = [
        DemoActor(principal: .vault(.make("kubernetes-payments-api", policies: ["payments-read"],
                                          metadata: [("role", "payments-api"), ("service_account_name", "payments-api"),
                                                     ("service_account_namespace", "payments")])),
                  ips: ["10.42.7.21"], userAgent: "", meanGapMicros: ms(5000),
                  routine: [vault("read", "secret/data/payments/db"), vault("read", "secret/data/payments/stripe"),
                            vault("read", "transit/decrypt/payments"), vault("update", "transit/encrypt/payments")]),
        DemoActor(principal: vaultAppRole("ci-runner", "ci"), ips: ["10.42.9.3", "192.0.2.14"], userAgent: "",
                  meanGapMicros: ms(10000),
                  routine: [vault("read", "secret/data/ci/registry"), vault("read", "secret/data/ci/npm-token"),
                            vault("read", "secret/data/ci/sonar"), vault("list", "secret/metadata/ci")]),
        DemoActor(principal: vaultK8s("orders", "orders-worker", "orders-read"), ips: ["10.42.8.14", "10.42.8.15"], userAgent: "",
                  meanGapMicros: ms(4000),
                  routine: [vault("read", "database/creds/orders-ro"), vault("read", "secret/data/orders/queue"),
                            vault("update", "sys/leases/renew")],
                  errorPerMille: 20),
        DemoActor(principal: vaultAppRole("backup-agent", "backup"), ips: ["10.0.40.5"], userAgent: "", meanGapMicros: ms(60000),
                  routine: [vault("read", "secret/data/backup/s3"), vault("list", "secret/metadata/backup"),
                            vault("read", "database/creds/backup-ro")]),
        DemoActor(principal: vaultK8s("cert-manager", "cert-manager", "pki-issue"), ips: ["10.42.1.44"], userAgent: "",
                  meanGapMicros: ms(20000),
                  routine: [vault("update", "pki/issue/internal"), vault("read", "pki/cert/ca")]),
        DemoActor(principal: .vault(.make("jwt-terraform-cloud", policies: ["terraform"],
                                          metadata: [("role", "tfc-prod"), ("terraform_workspace_name", "infra-prod")])),
                  ips: ["192.0.2.90"], userAgent: "", meanGapMicros: ms(15000),
                  routine: [vault("read", "aws/creds/terraform"), vault("read", "secret/data/infra/cloudflare"),
                            vault("read", "secret/data/infra/datadog")]),
    ]

    // MARK: AI agents (OPA decision logs from the tool gateway)
    static let agents: [DemoActor] = [
        DemoActor(principal: .agent(id: "agent:support-copilot", onBehalfOf: "queue:support-tier1"), ips: ["10.60.1.12"],
                  userAgent: "", meanGapMicros: ms(3000),
                  routine: [tool("kb.search", "kb://articles"), tool("kb.search", "kb://articles"), tool("ticket.read", "zendesk://tickets/{n}"),
                            tool("summarize", "zendesk://tickets/{n}"), tool("ticket.create", "zendesk://tickets"),
                            tool("ticket.comment", "zendesk://tickets/{n}")],
                  errorPerMille: 0, denyPerMille: 3),
        DemoActor(principal: .agent(id: "agent:sre-assistant", onBehalfOf: "oncall:platform"), ips: ["10.60.1.13"],
                  userAgent: "", meanGapMicros: ms(6000),
                  routine: [tool("metrics.query", "prometheus://prod"), tool("logs.search", "loki://prod/payments"),
                            tool("runbook.read", "confluence://runbooks/{n}"), tool("ticket.comment", "jira://OPS-{n}")],
                  errorPerMille: 0, denyPerMille: 3),
        DemoActor(principal: .agent(id: "agent:code-reviewer", onBehalfOf: "github:acme"), ips: ["10.60.1.14"],
                  userAgent: "", meanGapMicros: ms(8000),
                  routine: [tool("github.read_pr", "github://acme/web/pull/{n}"), tool("repo.search", "github://acme/web"),
                            tool("github.comment", "github://acme/web/pull/{n}")],
                  errorPerMille: 0, denyPerMille: 2),
        DemoActor(principal: .agent(id: "agent:sales-researcher", onBehalfOf: "team:sales-emea"), ips: ["10.60.1.15"],
                  userAgent: "", meanGapMicros: ms(10000),
                  routine: [tool("web.search", "https://search"), tool("crm.read", "salesforce://accounts/{n}"),
                            tool("summarize", "salesforce://accounts/{n}")],
                  errorPerMille: 0, denyPerMille: 3),
        DemoActor(principal: .agent(id: "agent:finance-reconciler", onBehalfOf: "team:finance-ops"), ips: ["10.60.1.16"],
                  userAgent: "", meanGapMicros: ms(12000),
                  routine: [tool("ledger.read", "netsuite://ledger/2026-11"), tool("invoice.read", "netsuite://invoices/{n}"),
                            tool("payments.status", "stripe://charges/ch_{n}")],
                  errorPerMille: 0, denyPerMille: 2),
    ]

    // MARK: GitHub audit
    static let appToken = "GitHub App server-to-server token"
    static let finePAT = "Fine-grained personal access token"

    static let github: [DemoActor] = [
        DemoActor(principal: .github(.make("deploy-bot[bot]", accessType: appToken, userAgent: "git/2.45.2")),
                  ips: ["192.0.2.14", "192.0.2.15"], userAgent: "git/2.45.2", meanGapMicros: ms(10000),
                  routine: [gh("git.clone", "acme/web"), gh("git.clone", "acme/payments-api"), gh("git.fetch", "acme/infra"),
                            ghAPI("GET", "/repos/acme/web/deployments", repo: "acme/web"),
                            ghAPI("POST", "/repos/acme/web/deployments", repo: "acme/web")]),
        DemoActor(principal: .github(.make("dependabot[bot]", accessType: appToken, userAgent: "dependabot-core/0.275.0")),
                  ips: ["192.0.2.120"], userAgent: "dependabot-core/0.275.0", meanGapMicros: ms(20000),
                  routine: [gh("git.fetch", "acme/web"), gh("git.fetch", "acme/orders-worker"), gh("git.push", "acme/web"),
                            .github(action: "pull_request.create", repo: "acme/web", method: "", path: "Bump axios from 1.7.2 to 1.7.4")]),
        DemoActor(principal: .github(.make("renovate[bot]", accessType: appToken, userAgent: "Renovate/38.55.0")),
                  ips: ["192.0.2.121"], userAgent: "Renovate/38.55.0", meanGapMicros: ms(25000),
                  routine: [gh("git.clone", "acme/infra"), ghAPI("GET", "/repos/acme/infra/pulls", repo: "acme/infra"),
                            .github(action: "pull_request.create", repo: "acme/infra", method: "", path: "Update terraform aws to v5.62.0")]),
        DemoActor(principal: .github(.make("ci-release-token", accessType: finePAT, userAgent: "git/2.43.0")),
                  ips: ["192.0.2.14"], userAgent: "git/2.43.0", meanGapMicros: ms(30000),
                  routine: [gh("git.clone", "acme/web"), gh("git.push", "acme/web"),
                            ghAPI("POST", "/repos/acme/web/releases", repo: "acme/web")]),
        DemoActor(principal: .github(.make("docs-sync-token", accessType: finePAT, userAgent: "git/2.45.2")),
                  ips: ["192.0.2.60"], userAgent: "git/2.45.2", meanGapMicros: ms(45000),
                  routine: [gh("git.clone", "acme/docs"), gh("git.push", "acme/docs")]),
        DemoActor(principal: .github(.make("github-actions[bot]", accessType: appToken, userAgent: "GitHub-Actions")),
                  ips: ["192.0.2.14", "192.0.2.15", "192.0.2.88"], userAgent: "GitHub-Actions", meanGapMicros: ms(4000),
                  routine: [gh("git.fetch", "acme/web"), gh("git.fetch", "acme/payments-api"), gh("git.fetch", "acme/infra"),
                            ghAPI("POST", "/repos/acme/web/check-runs", repo: "acme/web"),
                            ghAPI("GET", "/repos/acme/web/actions/artifacts", repo: "acme/web")],
                  errorPerMille: 10),
    ]

    // MARK: nhitop native (CI jobs, API keys, services)
    static let native: [DemoActor] = [
        DemoActor(principal: .native(identity: "jenkins:deploy-prod", kind: "ci_job", credential: "jenkins-cred-7f3a"),
                  ips: ["10.0.50.4"], userAgent: "", meanGapMicros: ms(20000),
                  routine: [native("artifact.download", "nexus://releases/web"), native("deploy", "ecs://prod/web"),
                            native("smoke_test", "https://web.acme.example/health")]),
        DemoActor(principal: .native(identity: "buildkite:payments-tests", kind: "ci_job", credential: "bk-agent-token-19c2"),
                  ips: ["10.0.50.21", "10.0.50.22"], userAgent: "", meanGapMicros: ms(8000),
                  routine: [native("checkout", "git://acme/payments-api"), native("test", "payments-api/unit"),
                            native("artifact.upload", "s3://acme-ci-artifacts/payments-api/{n}")],
                  errorPerMille: 40),
        DemoActor(principal: .native(identity: "apikey:partner-logistics", kind: "api_key", credential: "pk_live_...9f2c"),
                  ips: ["192.0.2.77"], userAgent: "", meanGapMicros: ms(2000),
                  routine: [native("GET /v1/shipments", "/v1/shipments/{n}"), native("GET /v1/orders", "/v1/orders/{n}"),
                            native("POST /v1/shipments/events", "/v1/shipments/{n}/events")],
                  errorPerMille: 15, denyPerMille: 3),
        DemoActor(principal: .native(identity: "apikey:mobile-app-prod", kind: "api_key", credential: "ak_prod_...41be"),
                  ips: ["192.0.2.30", "192.0.2.31", "192.0.2.32"], userAgent: "", meanGapMicros: ms(500),
                  routine: [native("GET /v1/catalog", "/v1/catalog"), native("POST /v1/sessions", "/v1/sessions"),
                            native("GET /v1/orders", "/v1/orders/{n}"), native("POST /v1/cart", "/v1/cart/{n}")],
                  errorPerMille: 8, denyPerMille: 2),
        DemoActor(principal: .native(identity: "apikey:billing-export", kind: "api_key", credential: "ak_prod_...c07d"),
                  ips: ["10.0.80.2"], userAgent: "", meanGapMicros: ms(30000),
                  routine: [native("GET /v1/invoices", "/v1/invoices?since=24h")]),
        DemoActor(principal: .native(identity: "svc:nightly-export", kind: "service", credential: "svc-export-mtls"),
                  ips: ["10.0.80.9"], userAgent: "", meanGapMicros: ms(60000),
                  routine: [native("export", "warehouse://orders"), native("upload", "sftp://partner-bi/orders")]),
    ]
}
