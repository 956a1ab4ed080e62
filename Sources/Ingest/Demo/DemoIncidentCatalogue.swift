/// The rotating incidents. Each compromises an identity that also runs in the background,
/// so the operator sees a familiar row turn risky. Entry `k` of the schedule plays
/// `catalogue[k mod count]`.
enum DemoIncidentCatalogue {
    static let count = 6

    static func make(index: Int, start: Int64, rng: DemoRandom) -> (DemoIncident, DemoScript) {
        var b = DemoScriptBuilder(start: start, rng: rng)
        switch index {
        case 0: return leakedIAMKey(&b)
        case 1: return k8sEscalation(&b)
        case 2: return agentToolAbuse(&b)
        case 3: return vaultTokenMisuse(&b)
        case 4: return githubTokenExfil(&b)
        default: return apiKeyScraping(&b)
        }
    }

    static let kinds = ["leaked-iam-key", "k8s-sa-escalation", "agent-tool-abuse", "vault-token-misuse",
                        "github-token-exfil", "api-key-scraping"]

    // 1. A long-lived IAM user key leaks: validated by a scanner, then recon, secrets, persistence, exfil.
    static func leakedIAMKey(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        guard case .aws(let user) = DemoCast.principal("svc-reporting") else { preconditionFailure() }
        let p = DemoPrincipal.aws(user)
        let ip = "203.0.113.57"
        let cli = "aws-cli/2.13.5 Python/3.11.4 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 prompt/off command/"
        b.add(p, DemoCast.aws("sts.amazonaws.com", "GetCallerIdentity"), ip: ip, ua: "TruffleHog")
        b.wait(12_000...16_000)
        b.add(p, DemoCast.aws("sts.amazonaws.com", "GetCallerIdentity"), ip: ip, ua: cli + "sts.get-caller-identity")
        let recon: [(String, String, [(String, String)], DemoOutcome)] = [
            ("iam", "ListUsers", [], .allow), ("iam", "ListRoles", [], .allow),
            ("iam", "GetAccountAuthorizationDetails", [], .deny),
            ("iam", "ListAttachedUserPolicies", [("userName", "svc-reporting")], .allow),
            ("iam", "ListAccessKeys", [("userName", "svc-backup")], .allow),
            ("s3", "ListBuckets", [], .allow), ("ec2", "DescribeRegions", [], .deny),
            ("ec2", "DescribeInstances", [], .deny), ("lambda", "ListFunctions20150331", [], .deny),
            ("rds", "DescribeDBInstances", [], .deny), ("secretsmanager", "ListSecrets", [], .allow),
            ("dynamodb", "ListTables", [], .deny), ("kms", "ListKeys", [], .deny),
            ("organizations", "DescribeOrganization", [], .deny), ("cloudtrail", "DescribeTrails", [], .deny),
            ("guardduty", "ListDetectors", [], .deny), ("eks", "ListClusters", [], .deny),
            ("ssm", "DescribeParameters", [], .deny), ("iam", "ListPolicies", [], .allow),
            ("sns", "ListTopics", [], .deny), ("ecr", "DescribeRepositories", [], .deny),
        ]
        for (svc, name, params, outcome) in recon {
            b.wait(200...900)
            b.add(p, DemoCast.aws("\(svc).amazonaws.com", name, params), outcome, ip: ip, ua: cli + "\(svc)")
        }
        for region in ["us-west-2", "eu-west-1", "ap-southeast-1"] {
            b.wait(300...700)
            var r = user
            r.region = region
            b.add(.aws(r), DemoCast.aws("ec2.amazonaws.com", "DescribeInstances"), .deny, ip: ip, ua: cli + "ec2.describe-instances")
        }
        b.wait(6_000...10_000)
        for (secret, outcome) in [("prod/reporting/redshift", DemoOutcome.allow), ("prod/payments/stripe", .deny),
                                  ("prod/orders/db", .deny), ("prod/reporting/looker", .allow), ("prod/admin/break-glass", .deny)] {
            b.wait(800...2_500)
            b.add(p, DemoCast.aws("secretsmanager.amazonaws.com", "GetSecretValue", [("secretId", secret)]), outcome,
                  ip: ip, ua: cli + "secretsmanager.get-secret-value")
        }
        b.wait(5_000...9_000)
        b.add(p, DemoCast.aws("iam.amazonaws.com", "CreateAccessKey", [("userName", "svc-backup")]), ip: ip, ua: cli + "iam.create-access-key")
        b.wait(1_000...3_000)
        b.add(p, DemoCast.aws("iam.amazonaws.com", "CreateLoginProfile", [("userName", "svc-reporting")]), .deny, ip: ip, ua: cli + "iam.create-login-profile")
        b.wait(1_000...3_000)
        b.add(p, DemoCast.aws("iam.amazonaws.com", "AttachUserPolicy", [("userName", "svc-reporting"),
                                                                         ("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess")]),
              .deny, ip: ip, ua: cli + "iam.attach-user-policy")
        b.wait(6_000...10_000)
        b.add(p, DemoCast.aws("s3.amazonaws.com", "ListObjects", [("bucketName", "acme-analytics"), ("prefix", "exports/")]), ip: ip, ua: cli + "s3.ls")
        for i in 1...8 {
            b.wait(700...1_800)
            b.add(p, DemoCast.aws("s3.amazonaws.com", "GetObject", [("bucketName", "acme-analytics"), ("key", "exports/customers-2026-11-\(10 + i).csv")]),
                  ip: ip, ua: cli + "s3.cp")
        }
        return b.finish(kind: "leaked-iam-key", principal: p, description:
            "IAM user svc-reporting's access key used from new IP \(ip) (TruffleHog, then Kali aws-cli): GetCallerIdentity, List/Describe burst with many AccessDenied, GetSecretValue, CreateAccessKey for svc-backup, S3 export downloads")
    }

    // 2. A stolen service-account token: secrets sweep, exec, binding itself to cluster-admin.
    static func k8sEscalation(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        let p = DemoCast.principal("system:serviceaccount:payments:payments-api")
        let ip = "198.51.100.23"
        let ua = "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"
        func k(_ op: DemoOp, _ o: DemoOutcome = .allow, gap: ClosedRange<Int64> = 1_500...4_000) {
            b.wait(gap)
            b.add(p, op, o, ip: ip, ua: ua)
        }
        b.add(p, DemoCast.k8s("create", "selfsubjectrulesreviews", group: "authorization.k8s.io"), ip: ip, ua: ua)
        k(DemoCast.k8s("list", "secrets", ns: "payments"))
        for ns in ["kube-system", "argocd", "monitoring", "cert-manager", "default", "orders"] {
            k(DemoCast.k8s("list", "secrets", ns: ns), .deny, gap: 300...1_200)
        }
        k(DemoCast.k8s("list", "secrets"), .deny)
        k(DemoCast.k8s("get", "secrets", ns: "payments", name: "payments-db"))
        k(DemoCast.k8s("list", "pods", ns: "payments"))
        k(DemoCast.k8s("create", "pods", ns: "payments", name: "payments-api-7d9f8c6b5-x2k4q", sub: "exec"), gap: 3_000...6_000)
        k(DemoCast.k8s("list", "clusterroles", group: "rbac.authorization.k8s.io"), .deny, gap: 5_000...9_000)
        k(DemoCast.k8s("list", "clusterrolebindings", group: "rbac.authorization.k8s.io"))
        k(DemoCast.k8s("create", "clusterrolebindings", name: "payments-api-admin", group: "rbac.authorization.k8s.io"), gap: 4_000...8_000)
        k(DemoCast.k8s("list", "secrets"), gap: 5_000...8_000)
        for (ns, name) in [("kube-system", "aws-credentials"), ("argocd", "argocd-secret"), ("monitoring", "grafana-admin"),
                           ("cert-manager", "letsencrypt-account-key"), ("kube-system", "bootstrap-token-9x2kq1")] {
            k(DemoCast.k8s("get", "secrets", ns: ns, name: name), gap: 500...2_000)
        }
        k(DemoCast.k8s("create", "serviceaccounts", ns: "kube-system", name: "clusterrole-aggregation-controller", sub: "token"), gap: 3_000...6_000)
        k(DemoCast.k8s("create", "pods", ns: "kube-system"), .deny, gap: 2_000...5_000)
        return b.finish(kind: "k8s-sa-escalation", principal: p, description:
            "payments-api service-account token used from \(ip): secrets listed across namespaces (forbidden), pods/exec, a ClusterRoleBinding to cluster-admin, then cluster-wide secret reads and a minted token")
    }

    // 3. A prompt-injected support agent reaches for payment and export tools.
    static func agentToolAbuse(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        let p = DemoCast.principal("agent:support-copilot")
        let ip = "10.60.1.12"
        func t(_ tool: String, _ resource: String, _ o: DemoOutcome = .allow, gap: ClosedRange<Int64> = 2_500...6_000) {
            b.wait(gap)
            b.add(p, DemoCast.tool(tool, resource), o, ip: ip)
        }
        b.add(p, DemoCast.tool("ticket.read", "zendesk://tickets/48213"), ip: ip)
        t("summarize", "zendesk://tickets/48213")
        t("customers.search", "warehouse://customers?email=*")
        t("crm.export", "salesforce://contacts", .deny)
        t("customers.export", "warehouse://customers?fields=email,card_last4", .deny)
        t("customers.export", "warehouse://customers?fields=email", .deny, gap: 500...1_500)
        for i in 0..<3 {
            t("payments.refund", "stripe://charges/ch_3Q\(48213 + i * 7)", gap: 2_000...6_000)
        }
        for i in 0..<4 {
            t("payments.refund", "stripe://charges/ch_3Q\(48300 + i * 11)", .deny, gap: 600...2_000)
        }
        t("payments.payout.create", "stripe://payouts", .deny)
        t("email.send", "mailto:refunds@acme-support.example")
        t("files.export", "gdrive://finance/refunds-2026-11.xlsx", .deny)
        t("payments.refund", "stripe://charges/ch_3Q48421", .deny, gap: 4_000...8_000)
        t("ticket.comment", "zendesk://tickets/48213")
        return b.finish(kind: "agent-tool-abuse", principal: p, description:
            "support-copilot, after reading a poisoned ticket, calls customers.export, payments.refund, payments.payout.create and email.send, tools it never used; OPA denies most")
    }

    // 4. A CI AppRole token, lifted from a runner, probes Vault from outside.
    static func vaultTokenMisuse(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        let p = DemoCast.principal("approle-ci-runner")
        let ip = "203.0.113.201"
        func v(_ op: String, _ path: String, _ o: DemoOutcome = .allow, gap: ClosedRange<Int64> = 2_000...6_000) {
            b.wait(gap)
            b.add(p, DemoCast.vault(op, path), o, ip: ip)
        }
        b.add(p, DemoCast.vault("read", "auth/token/lookup-self"), ip: ip)
        v("read", "secret/data/ci/registry")
        v("list", "secret/metadata", .deny)
        v("list", "secret/metadata/payments", .deny, gap: 400...1_200)
        for path in ["secret/data/payments/db", "secret/data/payments/stripe", "secret/data/prod/aws",
                     "secret/data/infra/cloudflare", "database/creds/orders-ro", "aws/creds/terraform"] {
            v("read", path, .deny, gap: 800...2_500)
        }
        v("read", "secret/data/ci/deploy-keys", gap: 8_000...14_000)
        v("read", "secret/data/ci/aws-deploy")
        v("list", "sys/policies/acl", .deny)
        v("read", "sys/mounts", .deny, gap: 400...1_200)
        v("update", "auth/token/create", gap: 10_000...15_000)
        v("read", "secret/data/backup/s3", .deny)
        v("read", "transit/keys/payments", .deny)
        return b.finish(kind: "vault-token-misuse", principal: p, description:
            "approle-ci-runner token used from new address \(ip): reads Vault paths outside secret/data/ci (permission denied on most), lists policies, creates a child token")
    }

    // 5. A release PAT clones the whole org and asks for a broader token.
    static func githubTokenExfil(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        let p = DemoCast.principal("ci-release-token")
        let ip = "198.51.100.77"
        let py = "python-requests/2.31.0"
        b.add(p, DemoCast.ghAPI("GET", "/user"), ip: ip, ua: py)
        b.wait(1_000...3_000)
        b.add(p, DemoCast.ghAPI("GET", "/orgs/acme/repos"), ip: ip, ua: py)
        b.wait(500...1_500)
        b.add(p, DemoCast.ghAPI("GET", "/orgs/acme/repos?page=2"), ip: ip, ua: py)
        let repos = ["web", "payments-api", "orders-worker", "infra", "docs", "billing", "auth-service", "mobile-app",
                     "data-pipeline", "ml-models", "secrets-rotation", "terraform-modules", "helm-charts", "internal-tools",
                     "sre-runbooks", "customer-portal", "admin-console", "fraud-detection", "ledger", "vault-config"]
        for repo in repos {
            b.wait(1_200...3_500)
            b.add(p, DemoCast.gh("git.clone", "acme/\(repo)"), ip: ip, ua: "git/2.39.2")
        }
        for repo in ["infra", "vault-config", "secrets-rotation"] {
            b.wait(1_000...2_500)
            b.add(p, DemoCast.gh("repo.download_zip", "acme/\(repo)"), ip: ip, ua: py)
        }
        for path in ["/repos/acme/vault-config/actions/secrets", "/orgs/acme/actions/secrets",
                     "/repos/acme/infra/environments/prod/secrets", "/orgs/acme/members"] {
            b.wait(500...1_500)
            b.add(p, DemoCast.ghAPI("GET", path, repo: path.hasPrefix("/repos/") ? "acme/" + path.split(separator: "/")[2] : ""),
                  path == "/orgs/acme/members" ? .allow : .deny, ip: ip, ua: py)
        }
        b.wait(3_000...6_000)
        b.add(p, DemoCast.gh("personal_access_token.request_created", ""), ip: ip, ua: py)
        return b.finish(kind: "github-token-exfil", principal: p, description:
            "ci-release-token (fine-grained PAT) used from \(ip): clones 20 repos, downloads zips, 403 on Actions secrets, requests a new PAT")
    }

    // 6. A partner API key scrapes customer records and registers a webhook.
    static func apiKeyScraping(_ b: inout DemoScriptBuilder) -> (DemoIncident, DemoScript) {
        let p = DemoCast.principal("apikey:partner-logistics")
        let ip = "203.0.113.88"
        b.add(p, DemoCast.native("GET /v1/me", "/v1/me"), ip: ip)
        b.wait(8_000...12_000)
        for i in 0..<36 {
            b.wait(500...1_800)
            let denied = i % 4 == 3
            b.add(p, DemoCast.native("GET /v1/customers", "/v1/customers/\(100_200 + i)"), denied ? .deny : .allow, ip: ip)
        }
        for (action, resource) in [("GET /v1/admin/users", "/v1/admin/users"), ("GET /v1/exports", "/v1/exports/customers"),
                                   ("GET /v1/admin/api-keys", "/v1/admin/api-keys")] {
            b.wait(1_000...3_000)
            b.add(p, DemoCast.native(action, resource), .deny, ip: ip)
        }
        b.wait(2_000...5_000)
        b.add(p, DemoCast.native("POST /v1/webhooks", "/v1/webhooks"), ip: ip)
        return b.finish(kind: "api-key-scraping", principal: p, description:
            "partner-logistics API key used from \(ip): enumerates /v1/customers/* it never reads, denied on admin routes, registers a webhook")
    }
}
