extension BuiltinCatalogue {
    /// IAM, STS, sign-in, root, Organizations, IAM Identity Center, IAM Roles Anywhere.
    ///
    /// Policy documents arrive as JSON strings inside `requestParameters`, so they are matched
    /// with regexes over the text. Two patterns recur: an `Allow` granting `Action: *` (admin),
    /// and a principal that is `*` or another AWS account (an account id or its ARN);
    /// "another" means the document never names the account it lives in (`recipientAccountId`).
    static let awsIdentity = #"""
- id: aws.iam.access-key-for-other-user
  title: Access key created for another IAM user
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098.001]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateAccessKey
      errorCode: null
      requestParameters.userName|exists: true
    _self:
      requestParameters.userName|fieldref: userIdentity.userName
    condition: selection and not _self
  reason: "created access key {responseElements.accessKey.accessKeyId} for user {requestParameters.userName}"
  falsepositives: [An administrator or a key-rotation job issuing keys to service users]

- id: aws.iam.root-access-key-created
  title: Access key created for the root user
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1098.001]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateAccessKey
      errorCode: null
      userIdentity.type: Root
    _named:
      requestParameters.userName|exists: true
    condition: selection and not _named
  reason: "created root access key {responseElements.accessKey.accessKeyId}"
  falsepositives: [None expected; AWS advises against root access keys]

- id: aws.iam.admin-policy-attached
  title: Administrator policy attached to a user or role
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: [AttachUserPolicy, AttachRolePolicy]
      errorCode: null
      requestParameters.policyArn|endswith: [':policy/AdministratorAccess', ':policy/IAMFullAccess']
    condition: selection
  reason: "attached {requestParameters.policyArn} to {@resource}"
  falsepositives: [Provisioning of a break-glass or administrator role]

- id: aws.iam.admin-policy-attached-to-group
  title: Administrator policy attached to a group
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: AttachGroupPolicy
      errorCode: null
      requestParameters.policyArn|endswith: [':policy/AdministratorAccess', ':policy/IAMFullAccess']
    condition: selection
  reason: "attached {requestParameters.policyArn} to group {requestParameters.groupName}"
  falsepositives: [Provisioning of an administrators group]

- id: aws.iam.admin-inline-policy
  title: Inline policy allowing every action written
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: [PutUserPolicy, PutRolePolicy, PutGroupPolicy]
      errorCode: null
    admin:
      requestParameters.policyDocument|re: '"Effect"\s*:\s*"Allow"[^{}]*"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"|"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"[^{}]*"Effect"\s*:\s*"Allow"'
    condition: selection and admin
  reason: "wrote inline policy {requestParameters.policyName} allowing every action to {@resource}"
  falsepositives: [Provisioning of a break-glass or administrator role]

- id: aws.iam.admin-policy-version
  title: Managed policy given a new default version allowing every action
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreatePolicyVersion
      errorCode: null
      requestParameters.setAsDefault: true
    admin:
      requestParameters.policyDocument|re: '"Effect"\s*:\s*"Allow"[^{}]*"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"|"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"[^{}]*"Effect"\s*:\s*"Allow"'
    condition: selection and admin
  reason: "made a version of {requestParameters.policyArn} that allows every action the default"
  falsepositives: [An administrator policy maintained as code]

- id: aws.iam.policy-version-switched
  title: Managed policy switched to another existing version
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: SetDefaultPolicyVersion
      errorCode: null
    condition: selection
  reason: "made version {requestParameters.versionId} of {requestParameters.policyArn} the default"
  falsepositives: [Rolling back a faulty policy change by hand]

- id: aws.iam.permissions-boundary-removed
  title: Permissions boundary removed from a user or role
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1098]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: [DeleteUserPermissionsBoundary, DeleteRolePermissionsBoundary]
      errorCode: null
    condition: selection
  reason: "removed the permissions boundary of {@resource}"
  falsepositives: [Decommissioning a delegated-administration setup]

- id: aws.iam.admin-group-membership
  title: User added to an administrators group
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: AddUserToGroup
      errorCode: null
      requestParameters.groupName|contains: admin
    condition: selection
  reason: "added {requestParameters.userName} to group {requestParameters.groupName}"
  falsepositives: [Onboarding an administrator]

- id: aws.iam.user-created
  title: IAM user created
  format: cloudtrail
  level: low
  tactic: persistence
  techniques: [T1136.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateUser
      errorCode: null
    condition: selection
  reason: "created IAM user {requestParameters.userName}"
  falsepositives: [Onboarding; service users created by infrastructure code]

- id: aws.iam.login-profile-created-for-other-user
  title: Console password created for another IAM user
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateLoginProfile
      errorCode: null
      requestParameters.userName|exists: true
    _self:
      requestParameters.userName|fieldref: userIdentity.userName
    condition: selection and not _self
  reason: "gave user {requestParameters.userName} a console password"
  falsepositives: [An administrator onboarding a person]

- id: aws.iam.login-profile-updated-for-other-user
  title: Console password of another IAM user changed
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: UpdateLoginProfile
      errorCode: null
      requestParameters.userName|exists: true
    _self:
      requestParameters.userName|fieldref: userIdentity.userName
    condition: selection and not _self
  reason: "changed the console password of user {requestParameters.userName}"
  falsepositives: [A help-desk password reset]

- id: aws.iam.role-trust-wildcard
  title: Role trust policy lets any AWS principal assume it
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      errorCode: null
    update:
      eventName: UpdateAssumeRolePolicy
      requestParameters.policyDocument|re: '"Principal"\s*:\s*("\*"|\{[^{}]*"AWS"\s*:\s*(\[[^\]]*)?"\*")'
    create:
      eventName: CreateRole
      requestParameters.assumeRolePolicyDocument|re: '"Principal"\s*:\s*("\*"|\{[^{}]*"AWS"\s*:\s*(\[[^\]]*)?"\*")'
    condition: selection and (update or create)
  reason: "let any AWS principal assume role {requestParameters.roleName}"
  falsepositives: [A wildcard trust narrowed by conditions such as aws:PrincipalOrgID or sts:ExternalId]

- id: aws.iam.role-trust-foreign-account
  title: Role trust policy names only other AWS accounts
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      errorCode: null
    update:
      eventName: UpdateAssumeRolePolicy
      requestParameters.policyDocument|re: '"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}'
    create:
      eventName: CreateRole
      requestParameters.assumeRolePolicyDocument|re: '"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}'
    _own_update:
      requestParameters.policyDocument|fieldref|contains: recipientAccountId
    _own_create:
      requestParameters.assumeRolePolicyDocument|fieldref|contains: recipientAccountId
    condition: selection and ((update and not _own_update) or (create and not _own_create))
  reason: "let another AWS account assume role {requestParameters.roleName}"
  falsepositives: [Cross-account roles for a vendor or a sibling account of the organization]

- id: aws.iam.role-trust-changed
  title: Role trust policy rewritten to trust AWS principals
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: UpdateAssumeRolePolicy
      errorCode: null
      requestParameters.policyDocument|re: '"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}'
      requestParameters.policyDocument|fieldref|contains: recipientAccountId
    _wildcard:
      requestParameters.policyDocument|re: '"Principal"\s*:\s*("\*"|\{[^{}]*"AWS"\s*:\s*(\[[^\]]*)?"\*")'
    condition: selection and not _wildcard
  reason: "rewrote who may assume role {requestParameters.roleName}"
  falsepositives: [Trust changes made as code; new users or roles of the account allowed to assume a role]

- id: aws.iam.mfa-deactivated
  title: MFA device deactivated
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1556.006]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: DeactivateMFADevice
      errorCode: null
    condition: selection
  reason: "deactivated MFA device {requestParameters.serialNumber} of {requestParameters.userName}"
  falsepositives: [Replacing a lost MFA device]

- id: aws.iam.saml-provider-updated
  title: SAML identity provider metadata replaced
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1484.002]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: UpdateSAMLProvider
      errorCode: null
    condition: selection
  reason: "replaced the metadata of SAML provider {requestParameters.sAMLProviderArn}"
  falsepositives: [Rotation of the identity provider's signing certificate]

- id: aws.iam.saml-provider-created
  title: SAML identity provider added
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1484.002]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateSAMLProvider
      errorCode: null
    condition: selection
  reason: "added SAML identity provider {requestParameters.name}"
  falsepositives: [Setting up single sign-on]

- id: aws.iam.oidc-provider-created
  title: OpenID Connect identity provider added
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1484.002]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateOpenIDConnectProvider
      errorCode: null
    condition: selection
  reason: "added OpenID Connect identity provider {requestParameters.url}"
  falsepositives: [Setting up CI federation such as GitHub Actions OIDC]

- id: aws.iam.service-specific-credential-created
  title: Service-specific credential created
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098.001]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: CreateServiceSpecificCredential
      errorCode: null
    condition: selection
  reason: "created a {requestParameters.serviceName} credential for user {requestParameters.userName}"
  falsepositives: [Developers creating CodeCommit or Bedrock API credentials]

- id: aws.iam.authorization-details-dumped
  title: Whole IAM configuration read with a user key or instance credentials
  format: cloudtrail
  level: medium
  tactic: discovery
  techniques: [T1087.004, T1069.003]
  detection:
    selection:
      eventSource: iam.amazonaws.com
      eventName: GetAccountAuthorizationDetails
      errorCode: null
    user_key:
      userIdentity.accessKeyId|startswith: AKIA
    instance:
      userIdentity.sessionContext.ec2RoleDelivery|exists: true
    condition: selection and (user_key or instance)
  reason: "read every IAM user, role and policy of account {recipientAccountId}"
  falsepositives: [Security posture tools running with a user key or on an instance]

- id: aws.sts.federation-token
  title: Federation token minted from a user key
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098.001, T1550.001]
  detection:
    selection:
      eventSource: sts.amazonaws.com
      eventName: GetFederationToken
      errorCode: null
    condition: selection
  reason: "minted federated session {requestParameters.name} ({responseElements.credentials.accessKeyId}), which outlives the key that made it"
  falsepositives: [Legacy identity brokers that hand out federated sessions]

- id: aws.signin.console-token-from-keys
  title: Console sign-in token requested with API credentials
  format: cloudtrail
  level: medium
  tactic: lateral-movement
  techniques: [T1550.001]
  detection:
    selection:
      eventSource: signin.amazonaws.com
      eventName: GetSigninToken
      errorCode: null
    _console:
      userAgent|contains: 'Jersey/'
    condition: selection and not _console
  reason: "turned API credentials into a console session"
  falsepositives: [Tools such as aws-vault opening the console for a person]

- id: aws.signin.console-login-without-mfa
  title: IAM user signed in to the console without MFA
  format: cloudtrail
  level: medium
  tactic: initial-access
  techniques: [T1078.004]
  detection:
    selection:
      eventSource: signin.amazonaws.com
      eventName: ConsoleLogin
      userIdentity.type: IAMUser
      responseElements.ConsoleLogin: Success
      additionalEventData.MFAUsed: 'No'
    condition: selection
  reason: "console sign-in as {userIdentity.userName} without MFA from {sourceIPAddress}"
  falsepositives: [People still signing in with IAM users that have no MFA]

- id: aws.signin.root-console-login
  title: Root user signed in to the console
  format: cloudtrail
  level: medium
  tactic: initial-access
  techniques: [T1078.004]
  detection:
    selection:
      eventSource: signin.amazonaws.com
      eventName: ConsoleLogin
      userIdentity.type: Root
      responseElements.ConsoleLogin: Success
    condition: selection
  reason: "root console sign-in from {sourceIPAddress} (MFA: {additionalEventData.MFAUsed})"
  falsepositives: [Account tasks that only the root user can do]

- id: aws.root.access-key-used
  title: Root user's access key used
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1078.004]
  detection:
    selection:
      userIdentity.type: Root
      userIdentity.accessKeyId|startswith: AKIA
    condition: selection
  reason: "root access key {userIdentity.accessKeyId} called {eventName}"
  falsepositives: [None expected; AWS advises against root access keys]

- id: aws.organizations.leave
  title: Account asked to leave its organization
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1666]
  detection:
    selection:
      eventSource: organizations.amazonaws.com
      eventName: LeaveOrganization
    condition: selection
  reason: "asked account {recipientAccountId} to leave its organization and its guardrails"
  falsepositives: [A planned account migration between organizations]

- id: aws.organizations.account-removed
  title: Account removed from the organization, or the organization deleted
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1666]
  detection:
    selection:
      eventSource: organizations.amazonaws.com
      eventName: [RemoveAccountFromOrganization, DeleteOrganization]
      errorCode: null
    condition: selection
  reason: "removed {requestParameters.accountId} from the organization ({eventName})"
  falsepositives: [A planned account closure or migration]

- id: aws.organizations.scp-disabled
  title: Service control policies turned off
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562]
  detection:
    selection:
      eventSource: organizations.amazonaws.com
      eventName: DisablePolicyType
      errorCode: null
      requestParameters.policyType: SERVICE_CONTROL_POLICY
    condition: selection
  reason: "turned off service control policies for {requestParameters.rootId}"
  falsepositives: [None expected outside an organization redesign]

- id: aws.sso.identity-source-changed
  title: IAM Identity Center identity source changed
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1484.002]
  detection:
    selection:
      eventSource: [sso.amazonaws.com, sso-directory.amazonaws.com]
      eventName: [AssociateDirectory, DisassociateDirectory, EnableExternalIdPConfigurationForDirectory, DisableExternalIdPConfigurationForDirectory]
      errorCode: null
    condition: selection
  reason: "changed where IAM Identity Center takes its users from ({eventName})"
  falsepositives: [Moving single sign-on to a new identity provider]

- id: aws.sso.admin-permission-set
  title: Administrator policy added to an IAM Identity Center permission set
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: sso.amazonaws.com
      eventName: AttachManagedPolicyToPermissionSet
      errorCode: null
      requestParameters.managedPolicyArn|endswith: [':policy/AdministratorAccess', ':policy/IAMFullAccess']
    condition: selection
  reason: "attached {requestParameters.managedPolicyArn} to permission set {requestParameters.permissionSetArn}"
  falsepositives: [Defining an administrators permission set]

- id: aws.rolesanywhere.trust-anchor-created
  title: IAM Roles Anywhere trust anchor created or changed
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1098]
  detection:
    selection:
      eventSource: rolesanywhere.amazonaws.com
      eventName: [CreateTrustAnchor, UpdateTrustAnchor]
      errorCode: null
    condition: selection
  reason: "trusted certificate authority {requestParameters.name} to mint AWS credentials"
  falsepositives: [Onboarding on-premises workloads to IAM Roles Anywhere]

- id: aws.rolesanywhere.profile-created
  title: IAM Roles Anywhere profile created
  format: cloudtrail
  level: low
  tactic: persistence
  techniques: [T1098]
  detection:
    selection:
      eventSource: rolesanywhere.amazonaws.com
      eventName: CreateProfile
      errorCode: null
    condition: selection
  reason: "let certificates assume {requestParameters.roleArns} through profile {requestParameters.name}"
  falsepositives: [Onboarding on-premises workloads to IAM Roles Anywhere]
"""#
}
