import Events
extension DemoRender {
    /// A Vault file-audit pair: the request line, then the response line with the same
    /// `request.id` a few milliseconds later. Denials carry `error` on both, the response
    /// in Vault's multierror form.
    static func vault(_ p: DemoVaultPrincipal, operation: String, path: String,
                      event: DemoEvent, time: Int64, rng: inout DemoRandom) -> [(Int64, [UInt8])] {
        let requestID = rng.uuid()
        let mount = path.hasPrefix("auth/") ? String(path.split(separator: "/").prefix(2).joined(separator: "/")) + "/"
            : String(path.prefix(while: { $0 != "/" })) + "/"
        let mountType: String
        switch mount {
        case "secret/": mountType = "kv"
        case "database/": mountType = "database"
        case "pki/": mountType = "pki"
        case "aws/": mountType = "aws"
        case "transit/": mountType = "transit"
        case "sys/": mountType = "system"
        case "auth/token/": mountType = "token"
        default: mountType = "kv"
        }
        let mountAccessor = mountType + "_" + String(DemoRandom.salt(mount) & 0xFFFF_FFFF, radix: 16)
        let port = rng.range(30_000...60_999)
        let responseTime = time + rng.range64(300...6_000)
        let ns1 = rng.below(1000), ns2 = rng.below(1000)

        func line(type: String, at t: Int64, ns: Int) -> [UInt8] {
            JSONWriter.line { w in
                w.field("time", DemoTimeFormat.nanos(t, extra: ns))
                w.field("type", type)
                w.object("auth") { a in
                    a.field("client_token", p.clientTokenHMAC)
                    a.field("accessor", p.accessor)
                    a.field("display_name", p.displayName)
                    a.field("policies", strings: p.policies)
                    a.field("token_policies", strings: p.policies)
                    a.object("metadata") { m in for (k, v) in p.metadata { m.field(k, v) } }
                    a.field("entity_id", p.entityID)
                    a.field("token_type", "service")
                    a.field("token_ttl", 3600)
                    a.field("token_issue_time", DemoTimeFormat.seconds(t.floorDivided(by: 3_600_000_000) * 3_600_000_000))
                }
                w.object("request") { r in
                    r.field("id", requestID)
                    r.field("client_id", p.entityID)
                    r.field("operation", operation)
                    r.field("mount_point", mount)
                    r.field("mount_type", mountType)
                    r.field("mount_accessor", mountAccessor)
                    r.field("client_token", p.clientTokenHMAC)
                    r.field("client_token_accessor", p.accessor)
                    r.object("namespace") { n in n.field("id", "root") }
                    r.field("path", path)
                    r.field("remote_address", event.sourceIP)
                    r.field("remote_port", port)
                }
                if type == "response", event.outcome == .allow {
                    w.object("response") { r in
                        r.field("mount_point", mount)
                        r.field("mount_type", mountType)
                        r.field("mount_accessor", mountAccessor)
                        if operation == "read" || operation == "list" {
                            r.object("data") { d in
                                d.field(operation == "list" ? "keys" : "data", "hmac-sha256:" + String(DemoRandom.salt(path), radix: 16))
                            }
                        }
                    }
                }
                switch event.outcome {
                case .allow: break
                case .deny: w.field("error", type == "request" ? "permission denied" : "1 error occurred:\n\t* permission denied\n\n")
                case .error: w.field("error", type == "request" ? "lease not found or lease is not renewable" :
                    "1 error occurred:\n\t* lease not found or lease is not renewable\n\n")
                }
            }
        }
        return [(time, line(type: "request", at: time, ns: ns1)),
                (responseTime, line(type: "response", at: responseTime, ns: ns2))]
    }
}
