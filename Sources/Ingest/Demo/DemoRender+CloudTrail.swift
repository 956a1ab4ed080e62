import Events
extension DemoRender {
    /// One CloudTrail record (`eventVersion` 1.09, the CloudWatch/Lake JSON-lines shape).
    static func cloudTrail(_ p: DemoAWSPrincipal, source: String, name: String, params: [(String, String)],
                           event: DemoEvent, time: Int64, rng: inout DemoRandom) -> [UInt8] {
        let service = String(source.prefix(while: { $0 != "." }))
        let readOnly = ["Get", "List", "Describe", "Head", "Lookup", "Query", "Scan", "Decrypt", "Search"]
            .contains(where: name.hasPrefix) || name == "GetCallerIdentity"
        let dataEvent = (service == "s3" && ["GetObject", "PutObject", "DeleteObject", "HeadObject"].contains(name))
            || (service == "dynamodb" && ["GetItem", "PutItem", "Query", "Scan", "UpdateItem", "BatchGetItem"].contains(name))
        return JSONWriter.line { w in
            w.field("eventVersion", "1.09")
            w.object("userIdentity") { u in
                u.field("type", p.type.rawValue)
                switch p.type {
                case .awsService:
                    u.field("invokedBy", p.name)
                case .iamUser:
                    u.field("principalId", p.uniqueId)
                    u.field("arn", p.callerARN)
                    u.field("accountId", p.account)
                    u.field("accessKeyId", p.accessKeyId)
                    u.field("userName", p.name)
                case .assumedRole:
                    u.field("principalId", p.uniqueId + ":" + p.session)
                    u.field("arn", p.callerARN)
                    u.field("accountId", p.account)
                    u.field("accessKeyId", p.accessKeyId)
                    u.object("sessionContext") { s in
                        s.object("sessionIssuer") { i in
                            i.field("type", "Role")
                            i.field("principalId", p.uniqueId)
                            i.field("arn", p.identityARN)
                            i.field("accountId", p.account)
                            i.field("userName", p.name)
                        }
                        s.object("attributes") { a in
                            // Sessions are renewed hourly.
                            a.field("creationDate", DemoTimeFormat.seconds(time.floorDivided(by: 3_600_000_000) * 3_600_000_000))
                            a.field("mfaAuthenticated", "false")
                        }
                    }
                }
            }
            w.field("eventTime", DemoTimeFormat.seconds(time))
            w.field("eventSource", source)
            w.field("eventName", name)
            w.field("awsRegion", p.region)
            w.field("sourceIPAddress", event.sourceIP)
            w.field("userAgent", event.userAgent)
            switch event.outcome {
            case .allow: break
            case .deny:
                let (code, message) = denial(service: service, name: name, caller: p.callerARN, params: params, account: p.account, region: p.region)
                w.field("errorCode", code)
                w.field("errorMessage", message)
            case .error:
                let (code, message) = benignError(service: service)
                w.field("errorCode", code)
                w.field("errorMessage", message)
            }
            if params.isEmpty {
                w.nullField("requestParameters")
            } else {
                w.object("requestParameters") { r in for (k, v) in params { r.field(k, v) } }
            }
            if name == "CreateAccessKey", event.outcome == .allow {
                let user = params.first(where: { $0.0 == "userName" })?.1 ?? p.name
                let newKey = "AKIA" + rng.token(16, alphabet: DemoRandom.upperAlnum)
                w.object("responseElements") { r in
                    r.object("accessKey") { k in
                        k.field("userName", user)
                        k.field("accessKeyId", newKey)
                        k.field("status", "Active")
                        k.field("createDate", DemoTimeFormat.seconds(time))
                    }
                }
            } else {
                w.nullField("responseElements")
            }
            w.field("requestID", rng.uuid())
            w.field("eventID", rng.uuid())
            w.field("readOnly", readOnly)
            w.field("eventType", "AwsApiCall")
            w.field("managementEvent", !dataEvent)
            w.field("recipientAccountId", p.account)
            w.field("eventCategory", dataEvent ? "Data" : "Management")
        }
    }

    private static func denial(service: String, name: String, caller: String, params: [(String, String)],
                               account: String, region: String) -> (String, String) {
        if service == "ec2" { return ("Client.UnauthorizedOperation", "You are not authorized to perform this operation.") }
        let code = ["iam", "s3", "sts", "organizations", "cloudtrail"].contains(service) ? "AccessDenied" : "AccessDeniedException"
        let value = params.first?.1 ?? ""
        let target: String
        switch service {
        case _ where value.isEmpty: target = "*"
        case "s3": target = "arn:aws:s3:::\(value)"
        case "iam": target = "arn:aws:iam::\(account):user/\(value)"
        case "secretsmanager": target = "arn:aws:secretsmanager:\(region):\(account):secret:\(value)"
        case "dynamodb": target = "arn:aws:dynamodb:\(region):\(account):table/\(value)"
        default: target = "arn:aws:\(service):\(region):\(account):\(value)"
        }
        return (code, "User: \(caller) is not authorized to perform: \(service):\(name) on resource: \(target) because no identity-based policy allows the \(service):\(name) action")
    }

    private static func benignError(service: String) -> (String, String) {
        switch service {
        case "s3": ("NoSuchKey", "The specified key does not exist.")
        case "iam": ("NoSuchEntity", "The role with name ci-temp cannot be found.")
        case "secretsmanager": ("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
        case "dynamodb": ("ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.")
        default: ("ThrottlingException", "Rate exceeded")
        }
    }
}
