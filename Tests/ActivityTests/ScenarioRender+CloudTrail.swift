import Events

/// CloudTrail records for the scenario's AWS events: userIdentity by identity kind, the
/// request's parameters and `resources` where the real API puts them, errorCode for denies and errors.
extension ScenarioRender {
    static let account = Scenario.account
    static let region = "us-east-1"

    /// A CloudTrail record (eventVersion 1.09, one record a line) and the resource it carries.
    func cloudTrail(_ e: NormalizedEvent, attack: Bool, _ rng: inout SplitMix64) -> (RawJSON, String) {
        let colon = e.action.firstIndex(of: ":")!
        let service = String(e.action[..<colon])
        let name = String(e.action[e.action.index(after: colon)...])
        let source = "\(service).amazonaws.com"
        let call = awsCall(e, service: service, name: name, &rng)
        let readOnly = ["Get", "List", "Describe", "Head", "Query", "Scan", "Decrypt", "BatchGet"].contains { name.hasPrefix($0) }
        let dataEvent = (service == "s3" && ["GetObject", "PutObject", "ListBucket"].contains(name))
            || (service == "dynamodb" && ["GetItem", "PutItem", "UpdateItem", "Query"].contains(name))

        let session = e.identityKind == .awsRole ? Self.sessionName(role: RenderText.last(e.identity, after: "role/"), e) : ""
        let (identity, callerARN) = memoized("aws|\(e.identity)|\(e.credentialID)|\(session)|\(e.time.seconds / 3600)") { awsIdentity(e) }
        var fields: [(String, RawJSON)] = [
            ("eventVersion", .s("1.09")),
            ("userIdentity", identity),
            ("eventTime", .s(e.time.iso8601)),
            ("eventSource", .s(source)),
            ("eventName", .s(name)),
            ("awsRegion", .s(call.region)),
            ("sourceIPAddress", .s(e.sourceIP)),
            ("userAgent", .s(awsUserAgent(e, service: service, name: name, attack: attack))),
        ]
        switch e.decision {
        case .deny:
            let code = service == "ec2" ? "Client.UnauthorizedOperation"
                : ["iam", "s3", "sts", "organizations", "cloudtrail", "rds", "sqs", "sns"].contains(service) ? "AccessDenied"
                : "AccessDeniedException"
            let target = e.resource.hasPrefix("arn:") ? e.resource : "*"
            fields.append(("errorCode", .s(code)))
            fields.append(("errorMessage", .s(service == "ec2" ? "You are not authorized to perform this operation."
                : "User: \(callerARN) is not authorized to perform: \(e.action) on resource: \(target) because no identity-based policy allows the \(e.action) action")))
        case .error:
            let (code, message) = Self.benignError(service: service, name: name)
            fields.append(("errorCode", .s(code)))
            fields.append(("errorMessage", .s(message)))
        default:
            break
        }
        fields.append(("requestParameters", call.params))
        fields.append(("responseElements", e.decision == .allow ? call.response : .null))
        if !call.resources.isEmpty { fields.append(("resources", .a(call.resources))) }
        fields += [
            ("requestID", .s(rng.idUUID())),
            ("eventID", .s(rng.idUUID())),
            ("readOnly", .b(readOnly)),
            ("eventType", .s("AwsApiCall")),
            ("managementEvent", .b(!dataEvent)),
            ("recipientAccountId", .s(Self.account)),
            ("eventCategory", .s(dataEvent ? "Data" : "Management")),
        ]
        if e.identityKind != .awsService {
            fields.append(("tlsDetails", .o([
                ("tlsVersion", .s("TLSv1.3")), ("cipherSuite", .s("TLS_AES_128_GCM_SHA256")),
                ("clientProvidedHostHeader", .s(["iam", "sts"].contains(service) ? source : "\(service).\(call.region).amazonaws.com")),
            ])))
        }
        return (.o(fields), call.carried)
    }

    /// userIdentity as CloudTrail writes it for the identity's kind, and the caller's ARN.
    func awsIdentity(_ e: NormalizedEvent) -> (RawJSON, String) {
        switch e.identityKind {
        case .awsRole:
            let role = RenderText.last(e.identity, after: "role/")
            var ids = RenderText.stable(e.identity)
            let roleID = "AROA" + ids.idBase32(17)
            let session = Self.sessionName(role: role, e)
            let arn = "arn:aws:sts::\(Self.account):assumed-role/\(role)/\(session)"
            let hour = e.time.seconds / 3600 * 3600
            var context: [(String, RawJSON)] = [
                ("sessionIssuer", .o([("type", .s("Role")), ("principalId", .s(roleID)), ("arn", .s(e.identity)),
                                      ("accountId", .s(Self.account)), ("userName", .s(role))])),
                ("attributes", .o([("creationDate", .s(EventTime(seconds: hour).iso8601)), ("mfaAuthenticated", .s("false"))])),
            ]
            // Roles assumed with a web identity: GitHub Actions' OIDC, EKS service accounts (IRSA).
            if let provider = Self.webIdentityProvider(role: role) {
                context.append(("webIdFederationData", .o([("federatedProvider", .s(provider)), ("attributes", .o([]))])))
            }
            return (.o([
                ("type", .s("AssumedRole")), ("principalId", .s("\(roleID):\(session)")), ("arn", .s(arn)),
                ("accountId", .s(Self.account)), ("accessKeyId", .s(e.credentialID)), ("sessionContext", .o(context)),
            ]), arn)
        case .awsUser:
            var ids = RenderText.stable(e.identity)
            return (.o([
                ("type", .s("IAMUser")), ("principalId", .s("AIDA" + ids.idBase32(17))), ("arn", .s(e.identity)),
                ("accountId", .s(Self.account)), ("accessKeyId", .s(e.credentialID)),
                ("userName", .s(RenderText.last(e.identity, after: "user/"))),
            ]), e.identity)
        default:  // an AWS service acting on its own behalf
            return (.o([("type", .s("AWSService")), ("invokedBy", .s(e.identity))]), e.identity)
        }
    }

    static func sessionName(role: String, _ e: NormalizedEvent) -> String {
        switch role {
        case "lambda-thumbnailer": return "lambda-thumbnailer"            // Lambda names the session after the function
        case "key-rotation-ci", "terraform-plan": return "GitHubActions"  // aws-actions/configure-aws-credentials
        case "datadog-integration": return "DatadogAWSIntegration"
        case "eks-node-group-prod":                                        // the instance id of the node calling
            var r = RenderText.stable(e.sourceIP)
            return "i-0" + r.idHex(16)
        default:
            return "botocore-session-\(e.time.seconds / 3600 * 3600)"
        }
    }

    static func webIdentityProvider(role: String) -> String? {
        switch role {
        case "key-rotation-ci", "terraform-plan":
            return "arn:aws:iam::\(account):oidc-provider/token.actions.githubusercontent.com"
        case "orders-api", "log-shipper":
            return "arn:aws:iam::\(account):oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5C9A1F0E7B3D4A2C8E6F1B0D9A7C3E51"
        default:
            return nil
        }
    }

    func awsUserAgent(_ e: NormalizedEvent, service: String, name: String, attack: Bool) -> String {
        let cli = { (distrib: String, kernel: String) in
            "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#\(kernel) md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#\(distrib) md/prompt#off md/command#\(service).\(RenderText.kebab(name))"
        }
        if attack { return cli("kali.2024", "6.8.11-amd64") }
        let goSDK = "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/\(service)#1.34.4"
        switch RenderText.last(e.identity, after: "/") {
        case "orders-api", "metrics-exporter": return goSDK
        case "log-shipper": return "aws-fluent-bit-plugins/2.32.2 " + goSDK
        case "lambda-thumbnailer":
            return "aws-sdk-js/3.637.0 ua/2.1 os/linux#5.10.224-233.867.amzn2.x86_64 lang/js md/nodejs#20.17.0 api/s3#3.637.0 exec-env/AWS_Lambda_nodejs20.x"
        case "key-rotation-ci", "deploy-bot": return cli("ubuntu.22", "6.5.0-1025-azure")
        case "backup-s3-sync": return cli("ubuntu.22", "5.15.0-1064-aws")
        case "terraform-plan":
            return "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.62.0 (+https://registry.terraform.io/providers/hashicorp/aws) " + goSDK
        case "eks-node-group-prod":
            return service == "ec2" ? "amazon-vpc-cni-k8s/version/v1.18.3 " + goSDK : "ecr-credential-provider/v1.30.0 " + goSDK
        case "datadog-integration": return "Datadog/1.0 aws-sdk-go/1.44.327 (go1.21.0; linux; amd64)"
        case "legacy-etl": return "Boto3/1.9.201 Python/2.7.18 Linux/4.14.336-257.566.amzn2.x86_64 Botocore/1.12.201"
        case "etl-glue", "reporting-bot":
            return "aws-sdk-java/2.26.25 Linux/5.10.224-212.876.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.12+7-LTS Java/17.0.12 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy"
        case "autoscaling.amazonaws.com": return "autoscaling.amazonaws.com"
        default:
            return "Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.1.102-111.182.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.5 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.0"
        }
    }

    static func benignError(service: String, name: String) -> (String, String) {
        switch service {
        case "dynamodb": ("ConditionalCheckFailedException", "The conditional request failed")
        case "s3": name == "GetObject" ? ("NoSuchKey", "The specified key does not exist.") : ("SlowDown", "Please reduce your request rate.")
        case "glue": ("EntityNotFoundException", "Table not found")
        case "athena": ("InvalidRequestException", "Query has not yet finished. Current state: RUNNING")
        default: ("ThrottlingException", "Rate exceeded")
        }
    }

    struct AWSCall {
        var params: RawJSON = .null
        var response: RawJSON = .null
        var resources: [RawJSON] = []
        var region = ScenarioRender.region
        /// The resource the record names for nhitop (see `Record.resource`).
        var carried = ""
    }

    static func resource(_ type: String, _ arn: String, account: Bool = true) -> RawJSON {
        .o((account ? [("accountId", RawJSON.s(ScenarioRender.account))] : []) + [("type", .s(type)), ("ARN", .s(arn))])
    }

    /// An older key of `user` than the one it runs with: rotation retires that one.
    static func retiredKey(_ user: String) -> String {
        var r = RenderText.stable("retired:" + user)
        return "AKIA4" + r.idBase32(15)
    }

    /// What the API call names and where: requestParameters, responseElements, resources.
    func awsCall(_ e: NormalizedEvent, service: String, name: String, _ rng: inout SplitMix64) -> AWSCall {
        var c = AWSCall()
        let r = e.resource
        switch service {
        case "s3":
            guard let path = RenderText.after(r, "arn:aws:s3:::") else {
                if name == "ListBuckets" { c.params = .o([("Host", .s("s3.\(Self.region).amazonaws.com"))]) }
                return c
            }
            let slash = path.firstIndex(of: "/")
            let bucket = slash.map { String(path[..<$0]) } ?? path
            let key = slash.map { String(path[path.index(after: $0)...]) }
            var params: [(String, RawJSON)] = [("bucketName", .s(bucket)), ("Host", .s("\(bucket).s3.\(Self.region).amazonaws.com"))]
            if let key { params.append(("key", .s(key))) }
            switch name {
            case "ListBucket": params += [("list-type", .s("2")), ("prefix", .s("")), ("encoding-type", .s("url"))]
            case "PutObject": params.append(("x-amz-server-side-encryption", .s("aws:kms")))
            case "GetBucketPolicy": params.append(("policy", .s("")))
            default: break
            }
            c.params = .o(params)
            let bucketARN = "arn:aws:s3:::\(bucket)"
            c.resources = key == nil ? [Self.resource("AWS::S3::Bucket", bucketARN)]
                : [Self.resource("AWS::S3::Object", r, account: false), Self.resource("AWS::S3::Bucket", bucketARN)]
            c.carried = r
        case "dynamodb":
            guard let table = RenderText.after(r, ":table/") else { return c }
            let item = RawJSON.o([("pk", .s("ORDER#\(rng.idDigits(9))"))])
            c.params = name == "Query"
                ? .o([("tableName", .s(table)), ("keyConditionExpression", .s("pk = :pk")), ("limit", .n(100))])
                : .o([("tableName", .s(table)), ("key", item)])
            c.resources = [Self.resource("AWS::DynamoDB::Table", r)]
            c.carried = r
        case "kms":
            guard r.hasPrefix("arn:") else { return c }
            c.params = name == "Decrypt"
                ? .o([("encryptionAlgorithm", .s("SYMMETRIC_DEFAULT")), ("encryptionContext", .o([("service", .s("orders-api"))]))])
                : .o([("keyId", .s(r)), ("policyName", .s("default"))])
            c.resources = [Self.resource("AWS::KMS::Key", r)]
            c.carried = r
        case "iam":
            guard let user = RenderText.after(r, ":user/") else { return c }
            var params: [(String, RawJSON)] = [("userName", .s(user))]
            switch name {
            case "CreateAccessKey":
                let key = "AKIA4" + rng.idBase32(15)
                c.response = .o([("accessKey", .o([
                    ("userName", .s(user)), ("accessKeyId", .s(key)), ("status", .s("Active")),
                    ("createDate", .s(Self.consoleDate(e.time))),
                ]))])
            case "UpdateAccessKey":
                params += [("accessKeyId", .s(Self.retiredKey(user))), ("status", .s("Inactive"))]
            case "DeleteAccessKey":
                params.append(("accessKeyId", .s(Self.retiredKey(user))))
            case "ListAccessKeys", "ListAttachedUserPolicies", "ListUserPolicies", "ListGroupsForUser":
                params.append(("maxItems", .n(100)))
            default:
                break
            }
            c.params = .o(params)
            c.carried = user
        case "secretsmanager":
            guard r.hasPrefix("arn:") else { return c }
            // The secret's value is never logged; its id and the idempotency token are.
            c.params = .o([("secretId", .s(r)), ("clientRequestToken", .s(rng.idUUID()))])
            c.response = .o([("arn", .s(r)), ("name", .s(RenderText.after(r, ":secret:") ?? r)), ("versionId", .s(rng.idUUID())),
                             ("versionStages", .a([.s("AWSCURRENT")]))])
            c.carried = r
        case "ecr":
            guard let repo = RenderText.after(r, ":repository/") else { return c }
            c.params = name == "BatchGetImage"
                ? .o([("registryId", .s(Self.account)), ("repositoryName", .s(repo)),
                      ("imageIds", .a([.o([("imageTag", .s("2026.11.24-\(rng.idHex(7))"))])])),
                      ("acceptedMediaTypes", .a([.s("application/vnd.oci.image.manifest.v1+json"),
                                                 .s("application/vnd.docker.distribution.manifest.v2+json")]))])
                : .o([("registryId", .s(Self.account)), ("repositoryName", .s(repo)), ("layerDigest", .s("sha256:" + rng.idHex(64)))])
            c.resources = [.o([("accountId", .s(Self.account)), ("ARN", .s(r))])]
            c.carried = r
        case "ecs":
            guard let path = RenderText.after(r, ":service/"), let slash = path.firstIndex(of: "/") else { return c }
            let cluster = String(path[..<slash]), svc = String(path[path.index(after: slash)...])
            c.params = name == "UpdateService"
                ? .o([("cluster", .s(cluster)), ("service", .s(svc)), ("forceNewDeployment", .b(true))])
                : .o([("cluster", .s(cluster)), ("services", .a([.s(svc)])), ("include", .a([]))])
        case "glue":
            if let path = RenderText.after(r, ":table/"), let slash = path.firstIndex(of: "/") {
                let table = String(path[path.index(after: slash)...])
                c.params = .o([("databaseName", .s(String(path[..<slash]))), ("name", .s(table))])
                c.carried = table
            } else if let db = RenderText.after(r, ":database/") {
                c.params = .o([("databaseName", .s(db))])
            }
        case "athena":
            if let workgroup = RenderText.after(r, ":workgroup/") {
                c.params = name == "StartQueryExecution"
                    ? .o([("queryString", .s("SELECT order_id, total FROM analytics.orders WHERE day = current_date - interval '1' day")),
                          ("clientRequestToken", .s(rng.idUUID())), ("workGroup", .s(workgroup))])
                    : .o([("queryExecutionId", .s(rng.idUUID()))])
            }
        case "logs":
            guard r.hasPrefix("/aws/") else { return c }
            c.params = .o([("logGroupName", .s(r)), ("logStreamName", .s("fluent-bit-\(rng.idHex(10))"))])
        case "ec2":
            if r.hasPrefix("us-") || r.hasPrefix("eu-") { c.region = r }  // a sweep across regions
            switch name {
            case "RunInstances":
                c.params = .o([
                    ("instancesSet", .o([("items", .a([.o([("imageId", .s("ami-0" + rng.idHex(16))), ("minCount", .n(1)), ("maxCount", .n(1))])]))])),
                    ("instanceType", .s("m6i.xlarge")),
                    ("launchTemplate", .o([("launchTemplateId", .s("lt-0" + rng.idHex(16))), ("version", .s("7"))])),
                    ("subnetId", .s("subnet-0" + rng.idHex(16))),
                ])
            case "TerminateInstances":
                c.params = .o([("instancesSet", .o([("items", .a([.o([("instanceId", .s("i-0" + rng.idHex(16)))])]))]))])
            case "AssignPrivateIpAddresses":
                c.params = .o([("networkInterfaceId", .s("eni-0" + rng.idHex(16))), ("secondaryPrivateIpAddressCount", .n(1))])
            case let n where n.hasPrefix("Describe"):
                c.params = .o([("filterSet", .o([])), ("maxResults", .n(1000))])
            default:
                break
            }
        default:
            break
        }
        return c
    }

    /// `Nov 24, 2026 8:09:12 AM`: how IAM writes a key's createDate in responseElements.
    static func consoleDate(_ t: EventTime) -> String {
        let c = CivilTime(epochSeconds: t.seconds)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let h12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(months[c.month - 1]) \(c.day), \(c.year) \(h12):\(two(c.minute)):\(two(c.second)) \(c.hour < 12 ? "AM" : "PM")"
    }
}
