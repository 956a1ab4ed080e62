import Events
import Foundation
import Testing
@testable import Rules

/// The AWS families of the built-in catalogue: they compile, they catch the real attack
/// recordings of ../shared/corpus/cloudtrail, and the request fields keep routine use quiet.
@Suite("AWS catalogue")
struct AWSCatalogueTests {
    static let rules = RuleLoader.load(builtin: true)

    /// The ids of the rules hit by `records` (JSON lines), at any level.
    static func ids(_ records: String) -> Set<String> {
        Set(decode(records, rules: rules).flatMap(\.ruleHits).map(\.rule.id))
    }

    // MARK: shape

    @Test func everyEntryCompiles() {
        #expect(!BuiltinCatalogue.aws.isEmpty)
        for family in BuiltinCatalogue.aws {
            let parsed = CatalogueParser.parse(yaml: family.yaml, path: "builtin:\(family.name)", infoPath: "builtin")
            #expect(parsed.skipped.isEmpty, "\(family.name): \(parsed.skipped.map(\.reason))")
            #expect(!parsed.entries.isEmpty, "\(family.name) has no entries")
        }
        let ours = Self.rules.skipped.filter { $0.path.hasPrefix("builtin:aws") }
        #expect(ours.isEmpty, "\(ours.map { "\($0.path): \($0.reason)" })")
    }

    @Test func entriesAreNamedPlacedAndUnique() {
        let aws = Self.rules.rules.filter { $0.id.hasPrefix("aws.") }
        #expect(aws.count >= 100, "only \(aws.count) AWS entries loaded")
        #expect(Set(aws.map(\.id)).count == aws.count, "duplicate ids")
        for r in aws {
            #expect(r.format == .cloudtrail, "\(r.id)")
            #expect(!r.tactic.isEmpty, "\(r.id) has no tactic")
            #expect(!r.techniques.isEmpty, "\(r.id) has no technique")
            #expect(!r.falsePositives.isEmpty, "\(r.id) names no false positive")
        }
    }

    // MARK: the real recordings

    /// Each attack recording of the corpus and the entry that must catch it.
    static let mustCover: [(file: String, rule: String)] = [
        ("aws.credential-access.ec2-get-password-data.json", "aws.ec2.password-data-requested"),
        ("aws.credential-access.ec2-steal-instance-credentials.json", "aws.ssm.shell-command-sent"),
        ("aws.credential-access.secretsmanager-retrieve-secrets.json", "aws.secretsmanager.secret-read-with-user-key"),
        ("aws.defense-evasion.organizations-leave.json", "aws.organizations.leave"),
        ("aws.discovery.ec2-download-user-data.json", "aws.ec2.user-data-read"),
        ("aws.impact.bedrock-invoke-model.json", "aws.bedrock.model-access-enabled"),
        ("aws.persistence.iam-backdoor-user.json", "aws.iam.access-key-for-other-user"),
        ("aws.persistence.iam-create-admin-user.json", "aws.iam.admin-policy-attached"),
        ("aws.persistence.sts-federation-token.json", "aws.sts.federation-token"),
        ("ec2_proxy_s3_exfiltration_2020-09-14011940.json", "aws.ec2.instance-credentials-off-instance"),
    ]

    static func recording(_ file: String) -> [NormalizedEvent]? {
        let url = Shared.corpus.appendingPathComponent("cloudtrail/" + file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("corpus file missing: \(url.path)")
            return nil
        }
        return decode([UInt8](data), rules: rules, name: file)
    }

    @Test(.enabled(if: Shared.isAvailable, Shared.absent), arguments: mustCover)
    func recordingIsCaught(file: String, rule: String) throws {
        let events = try #require(Self.recording(file))
        let hits = events.flatMap(\.ruleHits).filter { $0.rule.id == rule }
        #expect(!hits.isEmpty, "\(file): \(rule) did not match (hits: \(Set(events.flatMap(\.ruleHits).map(\.rule.id))))")
        for hit in hits {
            #expect(hit.rule.level >= .medium, "\(rule) is \(hit.rule.level.label)")
            #expect(!hit.rule.tactic.isEmpty)
            #expect(!hit.reason.contains("?"), "\(rule): \(hit.reason)")
        }
    }

    /// In the OTRF recording only the instance role's session, driven from a Mac, is flagged;
    /// the console user browsing EC2 and the instances' own AssumeRole calls are not.
    @Test(.enabled(if: Shared.isAvailable, Shared.absent))
    func proxiedInstanceCredentialsOnly() throws {
        let events = try #require(Self.recording("ec2_proxy_s3_exfiltration_2020-09-14011940.json"))
        let flagged = events.filter { !$0.ruleHits.isEmpty }
        #expect(flagged.count == 11, "\(flagged.count) events flagged")
        #expect(flagged.allSatisfy { $0.identity.contains("BankingWAFRole") }, "\(Set(flagged.map(\.identity)))")
        let reason = try #require(flagged.first?.ruleHits.first?.reason)
        #expect(reason.contains("i-0317f6c6b66ae9c40") && reason.contains("macOS"), "\(reason)")
    }

    /// The cloudgrep samples are a plain StopInstances: nothing to say.
    @Test(.enabled(if: Shared.isAvailable, Shared.absent), arguments: ["cloudtrail.json", "cloudtrail_singleline.json"])
    func routineRecordingStaysQuiet(file: String) throws {
        let events = try #require(Self.recording(file))
        #expect(!events.isEmpty)
        #expect(events.flatMap(\.ruleHits).isEmpty)
    }

    // MARK: request fields separate the technique from routine use

    /// Who makes a synthetic call, as its `userIdentity` JSON (account 111122223333).
    enum Caller {
        /// IAM user alice with `key`.
        case user(key: String = "AKIAEXAMPLE")
        case root(key: String = "ASIAROOTSESSION")
        /// The role of instance i-0abc1234, through instance-profile credentials.
        case instance
        /// A person signed in through IAM Identity Center.
        case sso

        var json: String {
            switch self {
            case .user(let key):
                #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"\#(key)","userName":"alice"}"#
            case .root(let key):
                #"{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":"\#(key)"}"#
            case .instance:
                #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:i-0abc1234","arn":"arn:aws:sts::111122223333:assumed-role/web/i-0abc1234","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/web","accountId":"111122223333","userName":"web"},"attributes":{"creationDate":"2026-03-01T09:00:00Z","mfaAuthenticated":"false"},"ec2RoleDelivery":"2.0"}}"#
            case .sso:
                #"{"type":"AssumedRole","principalId":"AROASSO:bob@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/bob@example.com","accountId":"111122223333","accessKeyId":"ASIASSO"}"#
            }
        }
    }

    /// A CloudTrail record of account 111122223333; `extra` holds more members.
    static func call(_ name: String, _ source: String, _ extra: String = "", key: String = "AKIAEXAMPLE",
                     by caller: Caller? = nil, agent: String = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64") -> String {
        let who = (caller ?? .user(key: key)).json
        return #"{"eventVersion":"1.09","userIdentity":\#(who),"eventTime":"2026-03-01T10:00:00Z","eventSource":"\#(source)","eventName":"\#(name)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"\#(agent)","recipientAccountId":"111122223333"\#(extra.isEmpty ? "" : "," + extra)}"# + "\n"
    }

    static func ingress(_ params: String) -> String {
        call("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", #""requestParameters":\#(params)"#)
    }

    @Test func securityGroupOnlyWorldToAdminPorts() {
        let rule = "aws.ec2.admin-ports-open-to-world"
        let flat = #"{"groupId":"sg-1","ipProtocol":"tcp","cidrIp":"0.0.0.0/0","fromPort":22,"toPort":22}"#
        #expect(Self.ids(Self.ingress(flat)).contains(rule))
        let listed = #"{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":3389,"toPort":3389,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}"#
        #expect(Self.ids(Self.ingress(listed)).contains(rule))
        let v6All = #"{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"-1","ipv6Ranges":{"items":[{"cidrIpv6":"::/0"}]}}]}}"#
        #expect(Self.ids(Self.ingress(v6All)).contains(rule))
        let range = #"{"groupId":"sg-1","ipProtocol":"tcp","cidrIp":"0.0.0.0/0","fromPort":0,"toPort":65535}"#
        #expect(Self.ids(Self.ingress(range)).contains(rule))
        // HTTPS to the world, SSH from the office, and a /20 are routine.
        let https = #"{"groupId":"sg-1","ipProtocol":"tcp","cidrIp":"0.0.0.0/0","fromPort":443,"toPort":443}"#
        #expect(!Self.ids(Self.ingress(https)).contains(rule))
        let office = #"{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"198.51.100.0/24"}]}}]}}"#
        #expect(!Self.ids(Self.ingress(office)).contains(rule))
        let twenty = #"{"groupId":"sg-1","ipProtocol":"tcp","cidrIp":"10.16.0.0/20","fromPort":22,"toPort":22}"#
        #expect(!Self.ids(Self.ingress(twenty)).contains(rule))
    }

    @Test func accessKeysAndPasswordsForOthersOnly() {
        let forBob = Self.call("CreateAccessKey", "iam.amazonaws.com", #""requestParameters":{"userName":"bob"}"#)
        #expect(Self.ids(forBob).contains("aws.iam.access-key-for-other-user"))
        let forSelf = Self.call("CreateAccessKey", "iam.amazonaws.com", #""requestParameters":{"userName":"alice"}"#)
        #expect(!Self.ids(forSelf).contains("aws.iam.access-key-for-other-user"))
        let implicitSelf = Self.call("CreateAccessKey", "iam.amazonaws.com", #""requestParameters":null"#)
        #expect(Self.ids(implicitSelf).isEmpty)
        let denied = Self.call("CreateAccessKey", "iam.amazonaws.com", #""errorCode":"AccessDenied","requestParameters":{"userName":"bob"}"#)
        #expect(Self.ids(denied).isEmpty)
        let reset = Self.call("UpdateLoginProfile", "iam.amazonaws.com", #""requestParameters":{"userName":"bob"}"#)
        #expect(Self.ids(reset).contains("aws.iam.login-profile-updated-for-other-user"))
    }

    static func trust(_ document: String) -> String {
        let escaped = document.replacingOccurrences(of: "\"", with: "\\\"")
        return Self.call("UpdateAssumeRolePolicy", "iam.amazonaws.com",
                         #""requestParameters":{"roleName":"deploy","policyDocument":"\#(escaped)"}"#)
    }

    @Test func roleTrustByWhoItNames() {
        let foreign = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}]}"#
        #expect(Self.ids(Self.trust(foreign)) == ["aws.iam.role-trust-foreign-account"])
        let wildcard = #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
        #expect(Self.ids(Self.trust(wildcard)) == ["aws.iam.role-trust-wildcard"])
        let own = #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ci"},"Action":"sts:AssumeRole"}]}"#
        #expect(Self.ids(Self.trust(own)) == ["aws.iam.role-trust-changed"])
        let service = #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        #expect(Self.ids(Self.trust(service)).isEmpty)
    }

    static func inline(_ document: String) -> String {
        let escaped = document.replacingOccurrences(of: "\"", with: "\\\"")
        return Self.call("PutRolePolicy", "iam.amazonaws.com",
                         #""requestParameters":{"roleName":"ci","policyName":"p","policyDocument":"\#(escaped)"}"#)
    }

    @Test func inlineAdminPolicyButNotADenyAll() {
        let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        #expect(Self.ids(Self.inline(admin)).contains("aws.iam.admin-inline-policy"))
        let listed = #"{"Statement":[{"Action":["s3:GetObject","*"],"Resource":"*","Effect":"Allow"}]}"#
        #expect(Self.ids(Self.inline(listed)).contains("aws.iam.admin-inline-policy"))
        // nhitop's own session revocation writes Deny * on *: it must not read as an escalation.
        let revoke = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-03-01T10:00:00Z"}}}]}"#
        #expect(Self.ids(Self.inline(revoke)).isEmpty)
        let scoped = #"{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#
        #expect(Self.ids(Self.inline(scoped)).isEmpty)
    }

    @Test func sharingOnlyWhenAdding() {
        let share = Self.call("ModifySnapshotAttribute", "ec2.amazonaws.com",
                              #""requestParameters":{"snapshotId":"snap-1","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"add":{"items":[{"userId":"999988887777"}]}}}"#)
        #expect(Self.ids(share) == ["aws.ec2.snapshot-shared"])
        let unshare = Self.call("ModifySnapshotAttribute", "ec2.amazonaws.com",
                                #""requestParameters":{"snapshotId":"snap-1","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"remove":{"items":[{"userId":"999988887777"}]}}}"#)
        #expect(Self.ids(unshare).isEmpty)
        let publicAMI = Self.call("ModifyImageAttribute", "ec2.amazonaws.com",
                                  #""requestParameters":{"imageId":"ami-1","launchPermission":{"add":{"items":[{"group":"all"}]}}}"#)
        #expect(Self.ids(publicAMI) == ["aws.ec2.ami-made-public"])
        let rds = Self.call("ModifyDBSnapshotAttribute", "rds.amazonaws.com",
                            #""requestParameters":{"attributeName":"restore","dBSnapshotIdentifier":"db1","valuesToAdd":["999988887777"]}"#)
        #expect(Self.ids(rds) == ["aws.rds.snapshot-shared"])
        let rdsRemove = Self.call("ModifyDBSnapshotAttribute", "rds.amazonaws.com",
                                  #""requestParameters":{"attributeName":"restore","dBSnapshotIdentifier":"db1","valuesToRemove":["999988887777"]}"#)
        #expect(Self.ids(rdsRemove).isEmpty)
    }

    @Test func lambdaOnlyWhenPublic() {
        let open = Self.call("AddPermission20150331v2", "lambda.amazonaws.com",
                             #""requestParameters":{"functionName":"f","statementId":"s","action":"lambda:InvokeFunction","principal":"*"}"#)
        #expect(Self.ids(open) == ["aws.lambda.public-invoke-permission"])
        let s3 = Self.call("AddPermission20150331v2", "lambda.amazonaws.com",
                           #""requestParameters":{"functionName":"f","statementId":"s","action":"lambda:InvokeFunction","principal":"s3.amazonaws.com"}"#)
        #expect(Self.ids(s3).isEmpty)
        let partner = Self.call("AddPermission20150331v2", "lambda.amazonaws.com",
                                #""requestParameters":{"functionName":"f","action":"lambda:InvokeFunction","principal":"999988887777"}"#)
        #expect(Self.ids(partner) == ["aws.lambda.cross-account-invoke-permission"])
        let own = Self.call("AddPermission20150331v2", "lambda.amazonaws.com",
                            #""requestParameters":{"functionName":"f","action":"lambda:InvokeFunction","principal":"111122223333"}"#)
        #expect(Self.ids(own).isEmpty)
        let url = Self.call("CreateFunctionUrlConfig20211031", "lambda.amazonaws.com",
                            #""requestParameters":{"functionName":"f","authType":"NONE"}"#)
        #expect(Self.ids(url) == ["aws.lambda.public-function-url"])
        let iamURL = Self.call("CreateFunctionUrlConfig20211031", "lambda.amazonaws.com",
                               #""requestParameters":{"functionName":"f","authType":"AWS_IAM"}"#)
        #expect(Self.ids(iamURL).isEmpty)
    }

    @Test func eventSelectorsOnlyWhenNarrowed() {
        func selectors(_ s: String) -> String {
            Self.call("PutEventSelectors", "cloudtrail.amazonaws.com", #""requestParameters":{"trailName":"main","eventSelectors":\#(s)}"#)
        }
        let rule = "aws.cloudtrail.event-selectors-narrowed"
        #expect(Self.ids(selectors(#"[{"readWriteType":"All","includeManagementEvents":false,"dataResources":[]}]"#)) == [rule])
        #expect(Self.ids(selectors(#"[{"readWriteType":"WriteOnly","includeManagementEvents":true}]"#)) == [rule])
        #expect(Self.ids(selectors(#"[{"readWriteType":"All","includeManagementEvents":true,"excludeManagementEventSources":["kms.amazonaws.com"]}]"#)) == [rule])
        // Adding S3 data events to a full trail is routine.
        #expect(Self.ids(selectors(#"[{"readWriteType":"All","includeManagementEvents":true,"excludeManagementEventSources":[],"dataResources":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]"#)).isEmpty)

        func advanced(_ s: String) -> String {
            Self.call("PutAdvancedEventSelectors", "cloudtrail.amazonaws.com", #""requestParameters":{"trailName":"main","advancedEventSelectors":\#(s)}"#)
        }
        let adv = "aws.cloudtrail.advanced-selectors-narrowed"
        let full = #"[{"name":"m","fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]},{"name":"d","fieldSelectors":[{"field":"eventCategory","equals":["Data"]},{"field":"resources.type","equals":["AWS::S3::Object"]}]}]"#
        #expect(Self.ids(advanced(full)).isEmpty)
        let dataOnly = #"[{"name":"d","fieldSelectors":[{"field":"eventCategory","equals":["Data"]},{"field":"resources.type","equals":["AWS::S3::Object"]}]}]"#
        #expect(Self.ids(advanced(dataOnly)) == [adv])
        let writesOnly = #"[{"name":"m","fieldSelectors":[{"field":"eventCategory","equals":["Management"]},{"field":"readOnly","equals":["false"]}]}]"#
        #expect(Self.ids(advanced(writesOnly)) == [adv])
    }

    @Test func bucketPolicyStatementByStatement() {
        func policy(_ statements: String) -> String {
            Self.call("PutBucketPolicy", "s3.amazonaws.com",
                      #""requestParameters":{"bucketName":"acme-data","bucketPolicy":{"Version":"2012-10-17","Statement":\#(statements)},"policy":""}"#)
        }
        let tls = #"{"Sid":"tls","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-data/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#
        let ownRole = #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}"#
        #expect(Self.ids(policy("[\(tls),\(ownRole)]")).isEmpty)
        let publicRead = #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}"#
        #expect(Self.ids(policy("[\(tls),\(publicRead)]")) == ["aws.s3.bucket-policy-public"])
        let partner = #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::193672423079:root"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::acme-data","arn:aws:s3:::acme-data/*"]}"#
        #expect(Self.ids(policy("[\(partner)]")) == ["aws.s3.bucket-policy-foreign-account"])
    }

    @Test func secretsWithUserKeysOnly() {
        let get = #""requestParameters":{"secretId":"prod/db"}"#
        #expect(Self.ids(Self.call("GetSecretValue", "secretsmanager.amazonaws.com", get)) == ["aws.secretsmanager.secret-read-with-user-key"])
        #expect(Self.ids(Self.call("GetSecretValue", "secretsmanager.amazonaws.com", get, key: "ASIAEXAMPLE")).isEmpty)
    }

    // MARK: one witness per entry

    static func rp(_ json: String) -> String { #""requestParameters":\#(json)"# }

    static func doc(_ json: String) -> String { json.replacingOccurrences(of: "\"", with: "\\\"") }

    static let adminDoc = doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
    static let wildcardTrust = doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#)
    static let foreignTrust = doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"sts:AssumeRole"}]}"#)

    /// A record each entry must catch, in the shape CloudTrail writes for that call.
    static let witnesses: [(rule: String, record: String)] = [
        // identity
        ("aws.iam.access-key-for-other-user", call("CreateAccessKey", "iam.amazonaws.com", rp(#"{"userName":"bob"}"#) + #","responseElements":{"accessKey":{"userName":"bob","accessKeyId":"AKIANEWKEY","status":"Active"}}"#)),
        ("aws.iam.root-access-key-created", call("CreateAccessKey", "iam.amazonaws.com", rp("null") + #","responseElements":{"accessKey":{"accessKeyId":"AKIANEWROOTKEY","status":"Active"}}"#, by: .root())),
        ("aws.iam.admin-policy-attached", call("AttachRolePolicy", "iam.amazonaws.com", rp(#"{"roleName":"r","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#))),
        ("aws.iam.admin-policy-attached-to-group", call("AttachGroupPolicy", "iam.amazonaws.com", rp(#"{"groupName":"g","policyArn":"arn:aws:iam::aws:policy/IAMFullAccess"}"#))),
        ("aws.iam.admin-inline-policy", call("PutUserPolicy", "iam.amazonaws.com", rp(#"{"userName":"bob","policyName":"p","policyDocument":"\#(adminDoc)"}"#))),
        ("aws.iam.admin-policy-version", call("CreatePolicyVersion", "iam.amazonaws.com", rp(#"{"policyArn":"arn:aws:iam::111122223333:policy/p","setAsDefault":true,"policyDocument":"\#(adminDoc)"}"#))),
        ("aws.iam.policy-version-switched", call("SetDefaultPolicyVersion", "iam.amazonaws.com", rp(#"{"policyArn":"arn:aws:iam::111122223333:policy/p","versionId":"v1"}"#))),
        ("aws.iam.permissions-boundary-removed", call("DeleteRolePermissionsBoundary", "iam.amazonaws.com", rp(#"{"roleName":"r"}"#))),
        ("aws.iam.admin-group-membership", call("AddUserToGroup", "iam.amazonaws.com", rp(#"{"groupName":"Admins","userName":"bob"}"#))),
        ("aws.iam.user-created", call("CreateUser", "iam.amazonaws.com", rp(#"{"userName":"bob"}"#))),
        ("aws.iam.login-profile-created-for-other-user", call("CreateLoginProfile", "iam.amazonaws.com", rp(#"{"userName":"bob","passwordResetRequired":false}"#))),
        ("aws.iam.login-profile-updated-for-other-user", call("UpdateLoginProfile", "iam.amazonaws.com", rp(#"{"userName":"bob"}"#))),
        ("aws.iam.role-trust-wildcard", call("CreateRole", "iam.amazonaws.com", rp(#"{"roleName":"r","assumeRolePolicyDocument":"\#(wildcardTrust)"}"#))),
        ("aws.iam.role-trust-foreign-account", call("CreateRole", "iam.amazonaws.com", rp(#"{"roleName":"r","assumeRolePolicyDocument":"\#(foreignTrust)"}"#))),
        ("aws.iam.role-trust-changed", call("UpdateAssumeRolePolicy", "iam.amazonaws.com", rp(#"{"roleName":"r","policyDocument":"\#(doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ci"},"Action":"sts:AssumeRole"}]}"#))"}"#))),
        ("aws.iam.mfa-deactivated", call("DeactivateMFADevice", "iam.amazonaws.com", rp(#"{"userName":"bob","serialNumber":"arn:aws:iam::111122223333:mfa/bob"}"#))),
        ("aws.iam.saml-provider-updated", call("UpdateSAMLProvider", "iam.amazonaws.com", rp(#"{"sAMLProviderArn":"arn:aws:iam::111122223333:saml-provider/okta"}"#))),
        ("aws.iam.saml-provider-created", call("CreateSAMLProvider", "iam.amazonaws.com", rp(#"{"name":"okta"}"#))),
        ("aws.iam.oidc-provider-created", call("CreateOpenIDConnectProvider", "iam.amazonaws.com", rp(#"{"url":"https://token.actions.githubusercontent.com"}"#))),
        ("aws.iam.service-specific-credential-created", call("CreateServiceSpecificCredential", "iam.amazonaws.com", rp(#"{"userName":"bob","serviceName":"bedrock.amazonaws.com"}"#))),
        ("aws.iam.authorization-details-dumped", call("GetAccountAuthorizationDetails", "iam.amazonaws.com", rp("null"))),
        ("aws.sts.federation-token", call("GetFederationToken", "sts.amazonaws.com", rp(#"{"name":"x"}"#) + #","responseElements":{"credentials":{"accessKeyId":"ASIAFEDERATED","expiration":"Mar 1, 2026, 10:00:00 PM"}}"#)),
        ("aws.signin.console-token-from-keys", call("GetSigninToken", "signin.amazonaws.com", rp("null"))),
        ("aws.signin.console-login-without-mfa", call("ConsoleLogin", "signin.amazonaws.com", #""responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"}"#)),
        ("aws.signin.root-console-login", call("ConsoleLogin", "signin.amazonaws.com", #""responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"Yes"}"#, by: .root())),
        ("aws.root.access-key-used", call("ListBuckets", "s3.amazonaws.com", rp("null"), by: .root(key: "AKIAROOTKEY"))),
        ("aws.organizations.leave", call("LeaveOrganization", "organizations.amazonaws.com", #""errorCode":"AccessDenied""#)),
        ("aws.organizations.account-removed", call("RemoveAccountFromOrganization", "organizations.amazonaws.com", rp(#"{"accountId":"999988887777"}"#))),
        ("aws.organizations.scp-disabled", call("DisablePolicyType", "organizations.amazonaws.com", rp(#"{"rootId":"r-1","policyType":"SERVICE_CONTROL_POLICY"}"#))),
        ("aws.sso.identity-source-changed", call("EnableExternalIdPConfigurationForDirectory", "sso-directory.amazonaws.com", rp("null"))),
        ("aws.sso.admin-permission-set", call("AttachManagedPolicyToPermissionSet", "sso.amazonaws.com", rp(#"{"permissionSetArn":"ps","managedPolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#))),
        ("aws.rolesanywhere.trust-anchor-created", call("CreateTrustAnchor", "rolesanywhere.amazonaws.com", rp(#"{"name":"ca","enabled":true}"#))),
        ("aws.rolesanywhere.profile-created", call("CreateProfile", "rolesanywhere.amazonaws.com", rp(#"{"name":"p","roleArns":["arn:aws:iam::111122223333:role/r"]}"#))),
        // compute and network
        ("aws.ec2.password-data-requested", call("GetPasswordData", "ec2.amazonaws.com", #""errorCode":"Client.UnauthorizedOperation","# + rp(#"{"instanceId":"i-1"}"#))),
        ("aws.ec2.user-data-read", call("DescribeInstanceAttribute", "ec2.amazonaws.com", rp(#"{"instanceId":"i-1","attribute":"userData"}"#))),
        ("aws.ec2.user-data-modified", call("ModifyInstanceAttribute", "ec2.amazonaws.com", rp(#"{"instanceId":"i-1","userData":"<sensitiveDataRemoved>"}"#))),
        ("aws.ec2.gpu-instances-requested", call("RunInstances", "ec2.amazonaws.com", rp(#"{"instanceType":"g5.12xlarge","instancesSet":{"items":[{"imageId":"ami-1","minCount":1,"maxCount":4}]}}"#))),
        ("aws.ec2.admin-ports-open-to-world", call("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", rp(#"{"groupId":"sg-1","ipProtocol":"tcp","cidrIp":"0.0.0.0/0","fromPort":3389,"toPort":3389}"#))),
        ("aws.ec2.imds-v1-allowed", call("ModifyInstanceMetadataOptions", "ec2.amazonaws.com", rp(#"{"ModifyInstanceMetadataOptionsRequest":{"InstanceId":"i-1","HttpTokens":"optional"}}"#))),
        ("aws.ec2.serial-console-enabled", call("EnableSerialConsoleAccess", "ec2.amazonaws.com", rp(#"{"EnableSerialConsoleAccessRequest":""}"#))),
        ("aws.ec2-instance-connect.ssh-key-pushed", call("SendSSHPublicKey", "ec2-instance-connect.amazonaws.com", rp(#"{"instanceId":"i-1","instanceOSUser":"ec2-user","sSHPublicKey":"ssh-ed25519 AAAA"}"#))),
        ("aws.ec2-instance-connect.serial-console-key-pushed", call("SendSerialConsoleSSHPublicKey", "ec2-instance-connect.amazonaws.com", rp(#"{"instanceId":"i-1","serialPort":0}"#))),
        ("aws.ec2.instance-credentials-off-instance", call("ListBuckets", "s3.amazonaws.com", rp("null"), by: .instance, agent: "[aws-cli/1.18.136 Python/3.8.5 Darwin/19.5.0 botocore/1.17.59]")),
        ("aws.ec2.instance-role-discovery", call("ListRoles", "iam.amazonaws.com", rp("null"), by: .instance)),
        ("aws.ec2.key-pair-imported", call("ImportKeyPair", "ec2.amazonaws.com", rp(#"{"keyName":"k"}"#))),
        ("aws.ec2.image-exported", call("ExportImage", "ec2.amazonaws.com", rp(#"{"imageId":"ami-1","diskImageFormat":"RAW"}"#))),
        ("aws.ssm.shell-command-sent", call("SendCommand", "ssm.amazonaws.com", rp(#"{"documentName":"AWS-RunPowerShellScript","instanceIds":["i-1"]}"#))),
        ("aws.ssm.session-started", call("StartSession", "ssm.amazonaws.com", rp(#"{"target":"i-1"}"#), by: .instance)),
        ("aws.lambda.public-invoke-permission", call("AddPermission20150331v2", "lambda.amazonaws.com", rp(#"{"functionName":"f","action":"lambda:InvokeFunctionUrl","principal":"*"}"#))),
        ("aws.lambda.cross-account-invoke-permission", call("AddPermission20150331v2", "lambda.amazonaws.com", rp(#"{"functionName":"f","action":"lambda:InvokeFunction","principal":"arn:aws:iam::999988887777:root"}"#))),
        ("aws.lambda.public-function-url", call("UpdateFunctionUrlConfig20211031", "lambda.amazonaws.com", rp(#"{"functionName":"f","authType":"NONE"}"#))),
        ("aws.lambda.code-updated", call("UpdateFunctionCode20150331v2", "lambda.amazonaws.com", rp(#"{"functionName":"f","publish":true}"#))),
        ("aws.lambda.layer-attached", call("UpdateFunctionConfiguration20150331v2", "lambda.amazonaws.com", rp(#"{"functionName":"f","layers":["arn:aws:lambda:us-east-1:999988887777:layer:x:1"]}"#))),
        ("aws.lambda.layer-made-public", call("AddLayerVersionPermission20181031", "lambda.amazonaws.com", rp(#"{"layerName":"l","versionNumber":1,"principal":"*","action":"lambda:GetLayerVersion"}"#))),
        ("aws.ecs.execute-command", call("ExecuteCommand", "ecs.amazonaws.com", rp(#"{"cluster":"c","task":"t","command":"/bin/sh","interactive":true}"#))),
        ("aws.eks.cluster-admin-access-granted", call("AssociateAccessPolicy", "eks.amazonaws.com", rp(#"{"name":"prod","principalArn":"arn:aws:iam::111122223333:role/x","policyArn":"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"}"#))),
        ("aws.eks.public-endpoint-enabled", call("UpdateClusterConfig", "eks.amazonaws.com", rp(#"{"name":"prod","resourcesVpcConfig":{"endpointPublicAccess":true,"publicAccessCidrs":["0.0.0.0/0"]}}"#))),
        ("aws.sagemaker.notebook-lifecycle-changed", call("UpdateNotebookInstance", "sagemaker.amazonaws.com", rp(#"{"notebookInstanceName":"nb","lifecycleConfigName":"lc"}"#))),
        ("aws.glue.dev-endpoint-access", call("UpdateDevEndpoint", "glue.amazonaws.com", rp(#"{"endpointName":"e","addPublicKeys":["ssh-rsa AAAA"]}"#))),
        ("aws.account.region-enabled", call("EnableRegion", "account.amazonaws.com", rp(#"{"RegionName":"ap-east-1"}"#))),
        ("aws.ses.sending-enumerated", call("GetSendQuota", "ses.amazonaws.com", rp("null"))),
        ("aws.ses.production-access-requested", call("PutAccountDetails", "ses.amazonaws.com", rp(#"{"mailType":"MARKETING","websiteURL":"https://x.example","productionAccessEnabled":true}"#))),
        // data
        ("aws.ec2.snapshot-shared", call("ModifySnapshotAttribute", "ec2.amazonaws.com", rp(#"{"snapshotId":"snap-1","createVolumePermission":{"add":{"items":[{"userId":"999988887777"}]}}}"#))),
        ("aws.ec2.snapshot-made-public", call("ModifySnapshotAttribute", "ec2.amazonaws.com", rp(#"{"snapshotId":"snap-1","createVolumePermission":{"add":{"items":[{"group":"all"}]}}}"#))),
        ("aws.ec2.ami-shared", call("ModifyImageAttribute", "ec2.amazonaws.com", rp(#"{"imageId":"ami-1","launchPermission":{"add":{"items":[{"userId":"999988887777"}]}}}"#))),
        ("aws.ec2.ami-made-public", call("ModifyImageAttribute", "ec2.amazonaws.com", rp(#"{"imageId":"ami-1","launchPermission":{"add":{"items":[{"group":"all"}]}}}"#))),
        ("aws.ec2.public-sharing-block-disabled", call("DisableSnapshotBlockPublicAccess", "ec2.amazonaws.com", rp("null"))),
        ("aws.ec2.ebs-default-encryption-disabled", call("DisableEbsEncryptionByDefault", "ec2.amazonaws.com", rp("null"))),
        ("aws.ec2.ami-deregistered", call("DeregisterImage", "ec2.amazonaws.com", rp(#"{"imageId":"ami-1"}"#))),
        ("aws.rds.snapshot-shared", call("ModifyDBSnapshotAttribute", "rds.amazonaws.com", rp(#"{"attributeName":"restore","dBSnapshotIdentifier":"s","valuesToAdd":["999988887777"]}"#))),
        ("aws.rds.snapshot-made-public", call("ModifyDBSnapshotAttribute", "rds.amazonaws.com", rp(#"{"attributeName":"restore","dBSnapshotIdentifier":"s","valuesToAdd":["all"]}"#))),
        ("aws.rds.cluster-snapshot-shared", call("ModifyDBClusterSnapshotAttribute", "rds.amazonaws.com", rp(#"{"attributeName":"restore","dBClusterSnapshotIdentifier":"s","valuesToAdd":["999988887777"]}"#))),
        ("aws.rds.cluster-snapshot-made-public", call("ModifyDBClusterSnapshotAttribute", "rds.amazonaws.com", rp(#"{"attributeName":"restore","dBClusterSnapshotIdentifier":"s","valuesToAdd":["all"]}"#))),
        ("aws.rds.made-public", call("RestoreDBInstanceFromDBSnapshot", "rds.amazonaws.com", rp(#"{"dBInstanceIdentifier":"db","dBSnapshotIdentifier":"s"}"#) + #","responseElements":{"publiclyAccessible":true}"#)),
        ("aws.rds.master-password-changed", call("ModifyDBInstance", "rds.amazonaws.com", rp(#"{"dBInstanceIdentifier":"db","masterUserPassword":"HIDDEN_DUE_TO_SECURITY_REASONS","applyImmediately":true}"#))),
        ("aws.rds.cluster-master-password-changed", call("ModifyDBCluster", "rds.amazonaws.com", rp(#"{"dBClusterIdentifier":"c","masterUserPassword":"HIDDEN_DUE_TO_SECURITY_REASONS"}"#))),
        ("aws.secretsmanager.secret-read-with-user-key", call("GetSecretValue", "secretsmanager.amazonaws.com", rp(#"{"secretId":"prod/db"}"#))),
        ("aws.secretsmanager.batch-secret-read", call("BatchGetSecretValue", "secretsmanager.amazonaws.com", rp(#"{"filters":[{"key":"tag-key","values":["prod"]}]}"#), key: "ASIAEXAMPLE")),
        ("aws.secretsmanager.secret-made-public", call("PutResourcePolicy", "secretsmanager.amazonaws.com", rp(#"{"secretId":"s","resourcePolicy":"\#(doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#))"}"#))),
        ("aws.secretsmanager.secret-force-deleted", call("DeleteSecret", "secretsmanager.amazonaws.com", rp(#"{"secretId":"s","forceDeleteWithoutRecovery":true}"#))),
        ("aws.ssm.secure-parameters-read-with-user-key", call("GetParametersByPath", "ssm.amazonaws.com", rp(#"{"path":"/prod","recursive":true,"withDecryption":true}"#))),
        ("aws.kms.key-deletion-scheduled", call("ScheduleKeyDeletion", "kms.amazonaws.com", rp(#"{"keyId":"k","pendingWindowInDays":7}"#))),
        ("aws.kms.external-key-created", call("CreateKey", "kms.amazonaws.com", rp(#"{"origin":"EXTERNAL","keySpec":"SYMMETRIC_DEFAULT"}"#) + #","responseElements":{"keyMetadata":{"keyId":"1234abcd","origin":"EXTERNAL"}}"#)),
        ("aws.kms.key-disabled", call("DisableKey", "kms.amazonaws.com", rp(#"{"keyId":"k"}"#))),
        ("aws.bedrock.model-access-enabled", call("CreateFoundationModelAgreement", "bedrock.amazonaws.com", rp(#"{"modelId":"anthropic.claude-3-haiku"}"#))),
        ("aws.bedrock.model-use-case-submitted", call("PutUseCaseForModelAccess", "bedrock.amazonaws.com", rp("null"))),
        ("aws.bedrock.invoked-with-user-key", call("InvokeModel", "bedrock.amazonaws.com", rp(#"{"modelId":"anthropic.claude-3-haiku"}"#))),
        ("aws.bedrock.guardrail-deleted", call("DeleteGuardrail", "bedrock.amazonaws.com", rp(#"{"guardrailIdentifier":"g"}"#))),
        ("aws.s3.bucket-policy-public", call("PutBucketPolicy", "s3.amazonaws.com", rp(#"{"bucketName":"b","policy":"\#(doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#))"}"#))),
        ("aws.s3.bucket-policy-foreign-account", call("PutBucketPolicy", "s3.amazonaws.com", rp(#"{"bucketName":"b","bucketPolicy":{"Statement":[{"Principal":{"AWS":["999988887777"]},"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}}"#))),
        ("aws.s3.bucket-acl-public", call("PutBucketAcl", "s3.amazonaws.com", rp(#"{"bucketName":"b","x-amz-acl":["public-read"]}"#))),
        ("aws.s3.public-access-block-removed", call("PutBucketPublicAccessBlock", "s3.amazonaws.com", rp(#"{"bucketName":"b","PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"IgnorePublicAcls":true,"BlockPublicPolicy":false,"RestrictPublicBuckets":false}}"#))),
        ("aws.s3.versioning-suspended", call("PutBucketVersioning", "s3.amazonaws.com", rp(#"{"bucketName":"b","VersioningConfiguration":{"Status":"Suspended"}}"#))),
        ("aws.s3.short-lifecycle-expiration", call("PutBucketLifecycle", "s3.amazonaws.com", rp(#"{"bucketName":"trail-logs","LifecycleConfiguration":{"Rule":{"ID":"x","Status":"Enabled","Filter":{"Prefix":"*"},"Expiration":{"Days":1}}}}"#))),
        ("aws.s3.object-version-deleted", call("DeleteObject", "s3.amazonaws.com", rp(#"{"bucketName":"b","key":"k","versionId":"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"}"#))),
        ("aws.s3.objects-batch-deleted", call("DeleteObjects", "s3.amazonaws.com", rp(#"{"bucketName":"b","delete":""}"#))),
        ("aws.s3.customer-key-encryption", call("CopyObject", "s3.amazonaws.com", rp(#"{"bucketName":"b","key":"k","x-amz-server-side-encryption-customer-algorithm":"AES256"}"#))),
        ("aws.backup.recovery-point-deleted", call("DeleteRecoveryPoint", "backup.amazonaws.com", rp(#"{"backupVaultName":"v","recoveryPointArn":"arn"}"#))),
        // logging
        ("aws.cloudtrail.logging-stopped", call("StopLogging", "cloudtrail.amazonaws.com", rp(#"{"name":"main"}"#))),
        ("aws.cloudtrail.trail-deleted", call("DeleteTrail", "cloudtrail.amazonaws.com", rp(#"{"name":"main"}"#))),
        ("aws.cloudtrail.event-data-store-stopped", call("StopEventDataStoreIngestion", "cloudtrail.amazonaws.com", rp(#"{"eventDataStore":"eds"}"#))),
        ("aws.cloudtrail.event-selectors-narrowed", call("PutEventSelectors", "cloudtrail.amazonaws.com", rp(#"{"trailName":"main","eventSelectors":[{"readWriteType":"ReadOnly","includeManagementEvents":true}]}"#))),
        ("aws.cloudtrail.advanced-selectors-narrowed", call("PutAdvancedEventSelectors", "cloudtrail.amazonaws.com", rp(#"{"trailName":"main","advancedEventSelectors":[{"fieldSelectors":[{"field":"eventCategory","equals":["Management"]},{"field":"eventSource","notEquals":["iam.amazonaws.com"]}]}]}"#))),
        ("aws.cloudtrail.trail-weakened", call("UpdateTrail", "cloudtrail.amazonaws.com", rp(#"{"name":"main","isMultiRegionTrail":false}"#))),
        ("aws.guardduty.detector-disabled", call("UpdateDetector", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","enable":false}"#))),
        ("aws.guardduty.protection-disabled", call("UpdateDetector", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","features":[{"name":"S3_DATA_EVENTS","status":"DISABLED"}]}"#))),
        ("aws.guardduty.findings-auto-archived", call("CreateFilter", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","name":"f","action":"ARCHIVE"}"#))),
        ("aws.guardduty.trusted-ip-list", call("CreateIPSet", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","location":"https://s3.amazonaws.com/b/ips.txt","activate":true}"#))),
        ("aws.guardduty.member-detached", call("DisassociateFromAdministratorAccount", "guardduty.amazonaws.com", rp(#"{"detectorId":"d"}"#))),
        ("aws.guardduty.publishing-destination-deleted", call("DeletePublishingDestination", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","destinationId":"x"}"#))),
        ("aws.config.recording-stopped", call("StopConfigurationRecorder", "config.amazonaws.com", rp(#"{"configurationRecorderName":"default"}"#))),
        ("aws.securityhub.disabled", call("DisableSecurityHub", "securityhub.amazonaws.com", rp("null"))),
        ("aws.securityhub.standards-disabled", call("BatchDisableStandards", "securityhub.amazonaws.com", rp(#"{"standardsSubscriptionArns":["arn:s"]}"#))),
        ("aws.securityhub.findings-suppressed", call("BatchUpdateFindings", "securityhub.amazonaws.com", rp(#"{"findingIdentifiers":[{"id":"f"}],"workflow":{"status":"SUPPRESSED"}}"#))),
        ("aws.security-services.disabled", call("DeleteAnalyzer", "access-analyzer.amazonaws.com", rp(#"{"analyzerName":"a"}"#))),
        ("aws.ec2.flow-logs-deleted", call("DeleteFlowLogs", "ec2.amazonaws.com", rp(#"{"DeleteFlowLogsRequest":{"FlowLogId":{"content":"fl-1","tag":1}}}"#))),
        ("aws.route53resolver.query-logging-removed", call("DisassociateResolverQueryLogConfig", "route53resolver.amazonaws.com", rp(#"{"resolverQueryLogConfigId":"rqlc-1","resourceId":"vpc-1"}"#))),
        ("aws.bedrock.invocation-logging-deleted", call("DeleteModelInvocationLoggingConfiguration", "bedrock.amazonaws.com", rp("null"))),
    ]

    @Test func everyEntryHasAWitness() {
        let aws = Set(Self.rules.rules.map(\.id).filter { $0.hasPrefix("aws.") })
        let witnessed = Set(Self.witnesses.map(\.rule))
        #expect(aws.subtracting(witnessed).isEmpty, "no witness: \(aws.subtracting(witnessed).sorted())")
        #expect(witnessed.subtracting(aws).isEmpty, "unknown: \(witnessed.subtracting(aws).sorted())")
    }

    @Test(arguments: witnesses)
    func witnessIsCaught(rule: String, record: String) throws {
        let events = decode(record, rules: Self.rules)
        #expect(events.count == 1)
        let hit = try #require(events.first?.ruleHits.first { $0.rule.id == rule },
                               "\(rule) missed; hits: \(events.flatMap(\.ruleHits).map(\.rule.id))")
        #expect(!hit.reason.contains("?"), "\(rule): \(hit.reason)")
    }

    /// The same APIs used routinely: nothing at all.
    static let routine: [String] = [
        call("DescribeInstanceAttribute", "ec2.amazonaws.com", rp(#"{"instanceId":"i-1","attribute":"instanceType"}"#)),
        call("RunInstances", "ec2.amazonaws.com", rp(#"{"instanceType":"t3.micro","instancesSet":{"items":[{"imageId":"ami-1","minCount":1,"maxCount":1}]}}"#)),
        call("SendCommand", "ssm.amazonaws.com", rp(#"{"documentName":"AWS-RunPatchBaseline","instanceIds":["i-1"]}"#)),
        call("StartSession", "ssm.amazonaws.com", rp(#"{"target":"i-1"}"#), by: .sso),
        call("ExecuteCommand", "ecs.amazonaws.com", rp(#"{"cluster":"c","task":"t","command":"/bin/sh"}"#), by: .sso),
        call("ListBuckets", "s3.amazonaws.com", rp("null"), by: .instance, agent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0-amzn2023 exe/x86_64"),
        call("GetObject", "s3.amazonaws.com", rp(#"{"bucketName":"b","key":"k"}"#), by: .instance),
        call("ConsoleLogin", "signin.amazonaws.com", #""responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"Yes"}"#),
        call("GetSigninToken", "signin.amazonaws.com", rp("null"), agent: "Jersey/${project.version}"),
        call("UpdateDetector", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","enable":true,"findingPublishingFrequency":"SIX_HOURS"}"#)),
        call("CreateFilter", "guardduty.amazonaws.com", rp(#"{"detectorId":"d","name":"f","action":"NOOP"}"#)),
        call("UpdateTrail", "cloudtrail.amazonaws.com", rp(#"{"name":"main","isMultiRegionTrail":true,"s3BucketName":"logs"}"#)),
        call("PutBucketVersioning", "s3.amazonaws.com", rp(#"{"bucketName":"b","VersioningConfiguration":{"Status":"Enabled"}}"#)),
        call("PutBucketLifecycle", "s3.amazonaws.com", rp(#"{"bucketName":"b","LifecycleConfiguration":{"Rule":[{"Status":"Enabled","Expiration":{"Days":365}}]}}"#)),
        call("PutBucketPublicAccessBlock", "s3.amazonaws.com", rp(#"{"bucketName":"b","PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"IgnorePublicAcls":true,"BlockPublicPolicy":true,"RestrictPublicBuckets":true}}"#)),
        call("PutBucketAcl", "s3.amazonaws.com", rp(#"{"bucketName":"b","x-amz-acl":["private"]}"#)),
        call("DeleteObject", "s3.amazonaws.com", rp(#"{"bucketName":"b","key":"k"}"#)),
        call("PutObject", "s3.amazonaws.com", rp(#"{"bucketName":"b","key":"k","x-amz-server-side-encryption":"aws:kms"}"#)),
        call("ModifyDBInstance", "rds.amazonaws.com", rp(#"{"dBInstanceIdentifier":"db","allocatedStorage":100}"#) + #","responseElements":{"publiclyAccessible":true}"#),
        call("GetParameters", "ssm.amazonaws.com", rp(#"{"names":["/app/flag"],"withDecryption":false}"#)),
        call("CreateKey", "kms.amazonaws.com", rp(#"{"origin":"AWS_KMS"}"#)),
        call("DeleteSecret", "secretsmanager.amazonaws.com", rp(#"{"secretId":"s","recoveryWindowInDays":30}"#)),
        call("BatchGetSecretValue", "secretsmanager.amazonaws.com", rp(#"{"secretIdList":["a","b"]}"#), key: "ASIAEXAMPLE"),
        call("UpdateClusterConfig", "eks.amazonaws.com", rp(#"{"name":"prod","logging":{"clusterLogging":[{"types":["api"],"enabled":true}]}}"#)),
        call("ModifyInstanceMetadataOptions", "ec2.amazonaws.com", rp(#"{"ModifyInstanceMetadataOptionsRequest":{"InstanceId":"i-1","HttpTokens":"required"}}"#)),
        call("AttachRolePolicy", "iam.amazonaws.com", rp(#"{"roleName":"r","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#)),
        call("CreatePolicyVersion", "iam.amazonaws.com", rp(#"{"policyArn":"arn:aws:iam::111122223333:policy/p","setAsDefault":false,"policyDocument":"\#(adminDoc)"}"#)),
    ]

    @Test(arguments: routine)
    func routineUseStaysQuiet(record: String) {
        let events = decode(record, rules: Self.rules)
        #expect(events.count == 1)
        #expect(events.flatMap(\.ruleHits).isEmpty, "\(events.flatMap(\.ruleHits).map { "\($0.rule.id): \($0.reason)" })")
    }
}
