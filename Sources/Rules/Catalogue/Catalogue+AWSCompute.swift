extension BuiltinCatalogue {
    /// EC2 (instances, security groups, instance credentials), SSM, EC2 Instance Connect,
    /// Lambda, ECS, EKS, SageMaker, Glue, SES, account regions.
    ///
    /// Instance-profile credentials carry `userIdentity.sessionContext.ec2RoleDelivery`; people
    /// signed in through IAM Identity Center appear as `assumed-role/AWSReservedSSO_…`, which the
    /// interactive-access entries leave out so a non-human identity opening a shell stands out.
    static let awsComputeNetwork = #"""
- id: aws.ec2.password-data-requested
  title: Windows administrator password of an instance requested
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1552]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: GetPasswordData
    condition: selection
  reason: "asked for the Windows administrator password of {requestParameters.instanceId}"
  falsepositives: [Administrators of Windows instances retrieving the initial password]

- id: aws.ec2.user-data-read
  title: Instance user data read
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1552.005, T1580]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: DescribeInstanceAttribute
      requestParameters.attribute: userData
    condition: selection
  reason: "read the user data (often holding secrets) of {requestParameters.instanceId}"
  falsepositives: [An administrator checking a boot script in the console]

- id: aws.ec2.user-data-modified
  title: Instance user data replaced
  format: cloudtrail
  level: medium
  tactic: execution
  techniques: [T1059.009]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ModifyInstanceAttribute
      errorCode: null
    user_data:
      - requestParameters.userData|exists: true
      - requestParameters.attribute: userData
    condition: selection and user_data
  reason: "replaced the boot script of {requestParameters.instanceId}; it runs as root at the next start"
  falsepositives: [Changing a boot script by hand on a stopped instance]

- id: aws.ec2.gpu-instances-requested
  title: GPU or accelerator instances launched
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1496.001]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: RunInstances
      requestParameters.instanceType|re: '^(p|g|gr|inf|trn|dl|f|vt)[0-9]'
    condition: selection
  reason: "asked for up to {requestParameters.instancesSet.items.maxCount} {requestParameters.instanceType} instances"
  falsepositives: [Machine-learning teams launching training instances]

- id: aws.ec2.admin-ports-open-to-world
  title: SSH, RDP or every port opened to the whole internet
  format: cloudtrail
  # Medium, not high: a field test sees every permission of the request at once, so a web group
  # (443 from 0.0.0.0/0 and 22 from 10.0.0.0/8 in one call) matches too; the engine cannot yet
  # require the port and the range from one element.
  level: medium
  tactic: defense-evasion
  techniques: [T1562.007]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: AuthorizeSecurityGroupIngress
      errorCode: null
    world:
      - requestParameters.cidrIp|endswith: '/0'
      - requestParameters.ipPermissions.items.ipRanges.items.cidrIp|endswith: '/0'
      - requestParameters.ipPermissions.items.ipv6Ranges.items.cidrIpv6|endswith: '/0'
    port_ssh:
      requestParameters.fromPort|lte: 22
      requestParameters.toPort|gte: 22
    port_rdp:
      requestParameters.fromPort|lte: 3389
      requestParameters.toPort|gte: 3389
    port_ssh_listed:
      requestParameters.ipPermissions.items.fromPort|lte: 22
      requestParameters.ipPermissions.items.toPort|gte: 22
    port_rdp_listed:
      requestParameters.ipPermissions.items.fromPort|lte: 3389
      requestParameters.ipPermissions.items.toPort|gte: 3389
    port_all:
      - requestParameters.ipProtocol: '-1'
      - requestParameters.ipPermissions.items.ipProtocol: '-1'
    condition: selection and world and 1 of port_*
  reason: "opened SSH, RDP or every port of security group {requestParameters.groupId} to the whole internet"
  falsepositives: [Bastion hosts deliberately reachable from anywhere]

- id: aws.ec2.imds-v1-allowed
  title: Instance metadata service allowed without session tokens
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562, T1552.005]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: [ModifyInstanceMetadataOptions, ModifyInstanceMetadataDefaults]
      errorCode: null
      requestParameters|re|i: '"httpTokens"\s*:\s*"optional"'
    condition: selection
  reason: "let {requestParameters.ModifyInstanceMetadataOptionsRequest.InstanceId} serve credentials over IMDSv1, reachable by SSRF"
  falsepositives: [Legacy software that cannot use IMDSv2]

- id: aws.ec2.serial-console-enabled
  title: EC2 serial console access turned on
  format: cloudtrail
  level: medium
  tactic: lateral-movement
  techniques: [T1021]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: EnableSerialConsoleAccess
      errorCode: null
    condition: selection
  reason: "turned on serial console access for account {recipientAccountId} in {awsRegion}"
  falsepositives: [Troubleshooting an instance that does not boot]

- id: aws.ec2-instance-connect.ssh-key-pushed
  title: SSH key pushed to an instance through EC2 Instance Connect
  format: cloudtrail
  level: medium
  tactic: lateral-movement
  techniques: [T1021.004, T1098.004]
  detection:
    selection:
      eventSource: ec2-instance-connect.amazonaws.com
      eventName: SendSSHPublicKey
      errorCode: null
    condition: selection
  reason: "pushed an SSH key for {requestParameters.instanceOSUser} to {requestParameters.instanceId}"
  falsepositives: [People connecting through EC2 Instance Connect]

- id: aws.ec2-instance-connect.serial-console-key-pushed
  title: SSH key pushed to an instance's serial console
  format: cloudtrail
  level: medium
  tactic: lateral-movement
  techniques: [T1021, T1098.004]
  detection:
    selection:
      eventSource: ec2-instance-connect.amazonaws.com
      eventName: SendSerialConsoleSSHPublicKey
      errorCode: null
    condition: selection
  reason: "pushed an SSH key to the serial console of {requestParameters.instanceId}"
  falsepositives: [Troubleshooting an instance that does not boot]

- id: aws.ec2.instance-credentials-off-instance
  title: Instance credentials used from a Mac
  format: cloudtrail
  level: high
  tactic: credential-access
  techniques: [T1552.005, T1078.004]
  detection:
    selection:
      userIdentity.type: AssumedRole
    instance:
      - userIdentity.sessionContext.ec2RoleDelivery|exists: true
      - userIdentity.principalId|re: ':i-[0-9a-fA-F]{8,17}$'
    desktop:
      userAgent|contains: ['Darwin/', 'os/macos']
    condition: selection and desktop and instance
  reason: "instance credentials {userIdentity.principalId} used from a macOS client at {sourceIPAddress} ({eventName})"
  falsepositives: [EC2 Mac instances]

- id: aws.ec2.instance-role-discovery
  title: Instance credentials enumerating IAM or security services
  format: cloudtrail
  level: medium
  tactic: discovery
  techniques: [T1087.004, T1526]
  detection:
    selection:
      userIdentity.sessionContext.ec2RoleDelivery|exists: true
      eventSource: [iam.amazonaws.com, guardduty.amazonaws.com, cloudtrail.amazonaws.com, organizations.amazonaws.com, securityhub.amazonaws.com]
      eventName|startswith: [List, Get, Describe, Lookup]
    condition: selection
  reason: "instance {userIdentity.principalId} called {eventSource} {eventName}"
  falsepositives: [Security or inventory tools running on an instance]

- id: aws.ec2.key-pair-imported
  title: SSH key pair imported
  format: cloudtrail
  level: low
  tactic: persistence
  techniques: [T1098.004]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ImportKeyPair
      errorCode: null
    condition: selection
  reason: "imported SSH key pair {requestParameters.keyName}"
  falsepositives: [Engineers registering their keys]

- id: aws.ec2.image-exported
  title: Instance or image exported out of EC2
  format: cloudtrail
  level: medium
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: [ExportImage, CreateInstanceExportTask, CreateStoreImageTask]
      errorCode: null
    condition: selection
  reason: "exported a disk image out of EC2 ({eventName})"
  falsepositives: [Migrating a machine to another platform]

- id: aws.ssm.shell-command-sent
  title: Shell command sent to instances through SSM
  format: cloudtrail
  level: medium
  tactic: execution
  techniques: [T1651]
  detection:
    selection:
      eventSource: ssm.amazonaws.com
      eventName: SendCommand
      errorCode: null
      requestParameters.documentName: [AWS-RunShellScript, AWS-RunPowerShellScript]
    _service:
      userIdentity.invokedBy|exists: true
    condition: selection and not _service
  reason: "ran {requestParameters.documentName} on {requestParameters.instanceIds}"
  falsepositives: [Administrators running ad-hoc commands; deployment tools built on SSM]

- id: aws.ssm.session-started
  title: Session Manager shell opened by a non-human identity
  format: cloudtrail
  level: medium
  tactic: execution
  techniques: [T1651]
  detection:
    selection:
      eventSource: ssm.amazonaws.com
      eventName: StartSession
      errorCode: null
    _person:
      userIdentity.arn|contains: ':assumed-role/AWSReservedSSO_'
    condition: selection and not _person
  reason: "opened a Session Manager session on {requestParameters.target}"
  falsepositives: [People using Session Manager with IAM users or non-SSO roles]

- id: aws.lambda.public-invoke-permission
  title: Lambda function made invocable by anyone
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1546]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [AddPermission, AddPermission20150331, AddPermission20150331v2]
      errorCode: null
      requestParameters.principal: '\*'
    condition: selection
  reason: "let anyone call {requestParameters.action} on function {requestParameters.functionName}"
  falsepositives: [Functions meant to be public behind a function URL]

- id: aws.lambda.cross-account-invoke-permission
  title: Lambda function made invocable by another AWS account
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1546]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [AddPermission, AddPermission20150331, AddPermission20150331v2]
      errorCode: null
      requestParameters.principal|re: '^(arn:aws[a-z-]*:iam::)?[0-9]{12}(:root)?$'
    _own:
      requestParameters.principal|fieldref|contains: recipientAccountId
    condition: selection and not _own
  reason: "let account {requestParameters.principal} call function {requestParameters.functionName}"
  falsepositives: [Cross-account integrations within the organization]

- id: aws.lambda.public-function-url
  title: Lambda function URL without authentication
  format: cloudtrail
  level: high
  tactic: persistence
  techniques: [T1546]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [CreateFunctionUrlConfig, CreateFunctionUrlConfig20211031, UpdateFunctionUrlConfig, UpdateFunctionUrlConfig20211031]
      errorCode: null
      requestParameters.authType: NONE
    condition: selection
  reason: "exposed function {requestParameters.functionName} at a public URL without authentication"
  falsepositives: [Webhooks and public endpoints that check requests themselves]

- id: aws.lambda.code-updated
  title: Lambda function code replaced
  format: cloudtrail
  level: low
  tactic: persistence
  techniques: [T1525]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [UpdateFunctionCode, UpdateFunctionCode20150331, UpdateFunctionCode20150331v2]
      errorCode: null
    condition: selection
  reason: "replaced the code of function {requestParameters.functionName}"
  falsepositives: [Every deployment]

- id: aws.lambda.layer-attached
  title: Layer attached to a Lambda function
  format: cloudtrail
  level: low
  tactic: persistence
  techniques: [T1546]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [UpdateFunctionConfiguration, UpdateFunctionConfiguration20150331, UpdateFunctionConfiguration20150331v2]
      errorCode: null
      requestParameters.layers: '*'
    condition: selection
  reason: "set the layers of function {requestParameters.functionName} to {requestParameters.layers}"
  falsepositives: [Deployments that pin layer versions]

- id: aws.lambda.layer-made-public
  title: Lambda layer shared with every AWS account
  format: cloudtrail
  level: medium
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: lambda.amazonaws.com
      eventName: [AddLayerVersionPermission, AddLayerVersionPermission20181031]
      errorCode: null
      requestParameters.principal: '\*'
    condition: selection
  reason: "shared layer {requestParameters.layerName} with every AWS account"
  falsepositives: [Publishing a public layer on purpose]

- id: aws.ecs.execute-command
  title: Shell opened in a container by a non-human identity
  format: cloudtrail
  level: medium
  tactic: execution
  techniques: [T1651]
  detection:
    selection:
      eventSource: ecs.amazonaws.com
      eventName: ExecuteCommand
      errorCode: null
    _person:
      userIdentity.arn|contains: ':assumed-role/AWSReservedSSO_'
    condition: selection and not _person
  reason: "ran {requestParameters.command} in task {requestParameters.task} of cluster {requestParameters.cluster}"
  falsepositives: [People debugging containers with IAM users or non-SSO roles]

- id: aws.eks.cluster-admin-access-granted
  title: Cluster administrator access granted on an EKS cluster
  format: cloudtrail
  level: high
  tactic: privilege-escalation
  techniques: [T1098.003]
  detection:
    selection:
      eventSource: eks.amazonaws.com
      errorCode: null
    policy:
      eventName: AssociateAccessPolicy
      requestParameters.policyArn|endswith: [AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy]
    masters:
      eventName: [CreateAccessEntry, UpdateAccessEntry]
      requestParameters.kubernetesGroups: 'system:masters'
    condition: selection and (policy or masters)
  reason: "made {requestParameters.principalArn} an administrator of cluster {requestParameters.name}"
  falsepositives: [Onboarding a cluster administrator]

- id: aws.eks.public-endpoint-enabled
  title: EKS API endpoint opened to the internet
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.007]
  detection:
    selection:
      eventSource: eks.amazonaws.com
      eventName: UpdateClusterConfig
      errorCode: null
      requestParameters.resourcesVpcConfig.endpointPublicAccess: true
    condition: selection
  reason: "opened the API endpoint of cluster {requestParameters.name} to the internet"
  falsepositives: [Clusters administered from outside the VPC on purpose]

- id: aws.sagemaker.notebook-lifecycle-changed
  title: Lifecycle script attached to a SageMaker notebook
  format: cloudtrail
  level: medium
  tactic: execution
  techniques: [T1059]
  detection:
    selection:
      eventSource: sagemaker.amazonaws.com
      eventName: UpdateNotebookInstance
      errorCode: null
      requestParameters.lifecycleConfigName|exists: true
    condition: selection
  reason: "made notebook {requestParameters.notebookInstanceName} run lifecycle script {requestParameters.lifecycleConfigName} with its role"
  falsepositives: [Data-science platform teams maintaining notebooks]

- id: aws.glue.dev-endpoint-access
  title: Glue development endpoint created with a role or given an SSH key
  format: cloudtrail
  level: medium
  tactic: privilege-escalation
  techniques: [T1078.004]
  detection:
    selection:
      eventSource: glue.amazonaws.com
      errorCode: null
    create:
      eventName: CreateDevEndpoint
      requestParameters.roleArn|exists: true
    update:
      eventName: UpdateDevEndpoint
      requestParameters|re: '"(publicKey|addPublicKeys)"'
    condition: selection and (create or update)
  reason: "opened SSH access to Glue endpoint {requestParameters.endpointName} ({eventName})"
  falsepositives: [Data engineers using development endpoints]

- id: aws.account.region-enabled
  title: Opt-in region enabled
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1535]
  detection:
    selection:
      eventSource: account.amazonaws.com
      eventName: EnableRegion
      errorCode: null
    condition: selection
  reason: "enabled opt-in region {requestParameters.RegionName}"
  falsepositives: [Expanding to a new region]

- id: aws.ses.sending-enumerated
  title: Email sending limits or identities listed with a user key
  format: cloudtrail
  level: medium
  tactic: discovery
  techniques: [T1526]
  detection:
    selection:
      eventSource: ses.amazonaws.com
      eventName: [GetSendQuota, GetAccountSendingEnabled, ListIdentities, GetAccount, ListEmailIdentities]
      userIdentity.accessKeyId|startswith: AKIA
    condition: selection
  reason: "checked whether account {recipientAccountId} can send email ({eventName})"
  falsepositives: [Applications that check their SES quota with an IAM user key]

- id: aws.ses.production-access-requested
  title: SES production access requested
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1496.004]
  detection:
    selection:
      eventSource: ses.amazonaws.com
      eventName: PutAccountDetails
      errorCode: null
      requestParameters.productionAccessEnabled: true
    condition: selection
  reason: "asked to lift the SES sandbox for {requestParameters.websiteURL}"
  falsepositives: [A team starting to send email from a new account]
"""#
}
