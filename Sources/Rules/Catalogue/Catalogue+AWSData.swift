extension BuiltinCatalogue {
    /// S3, EBS snapshots and AMIs, RDS, Secrets Manager, SSM parameters, KMS, Bedrock, Backup.
    ///
    /// Sharing entries fire only when a permission is *added* for an account or for everyone
    /// (`all`); taking one away is not a technique. Bucket policies arrive either as an object
    /// (`bucketPolicy`) or as a JSON string (`policy`); both are searched one statement at a
    /// time (the regexes do not cross `{`/`}`), so a `Deny` to `*` (say, TLS enforcement) is
    /// not mistaken for a public grant.
    static let awsData = #"""
- id: aws.ec2.snapshot-shared
  title: EBS snapshot shared with another account
  format: cloudtrail
  level: high
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ModifySnapshotAttribute
      errorCode: null
      requestParameters.createVolumePermission.add.items.userId|exists: true
    condition: selection
  reason: "shared snapshot {requestParameters.snapshotId} with account {requestParameters.createVolumePermission.add.items.userId}"
  falsepositives: [Sharing with your own backup or disaster-recovery account]

- id: aws.ec2.snapshot-made-public
  title: EBS snapshot made public
  format: cloudtrail
  level: critical
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ModifySnapshotAttribute
      errorCode: null
      requestParameters.createVolumePermission.add.items.group: all
    condition: selection
  reason: "made snapshot {requestParameters.snapshotId} public to every AWS account"
  falsepositives: [Publishing a public dataset on purpose]

- id: aws.ec2.ami-shared
  title: AMI shared with another account
  format: cloudtrail
  level: high
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ModifyImageAttribute
      errorCode: null
      requestParameters.launchPermission.add.items.userId|exists: true
    condition: selection
  reason: "shared image {requestParameters.imageId} with account {requestParameters.launchPermission.add.items.userId}"
  falsepositives: [Image pipelines that share golden images across the organization]

- id: aws.ec2.ami-made-public
  title: AMI made public
  format: cloudtrail
  level: critical
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: ModifyImageAttribute
      errorCode: null
      requestParameters.launchPermission.add.items.group: all
    condition: selection
  reason: "made image {requestParameters.imageId} public to every AWS account"
  falsepositives: [Publishing a public image on purpose]

- id: aws.ec2.public-sharing-block-disabled
  title: Block on public snapshots or AMIs turned off
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: [DisableSnapshotBlockPublicAccess, DisableImageBlockPublicAccess]
      errorCode: null
    condition: selection
  reason: "allowed public sharing again in {awsRegion} ({eventName})"
  falsepositives: [Accounts that publish public images]

- id: aws.ec2.ebs-default-encryption-disabled
  title: EBS encryption by default turned off
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: DisableEbsEncryptionByDefault
      errorCode: null
    condition: selection
  reason: "turned off EBS encryption by default in {awsRegion}"
  falsepositives: [None expected]

- id: aws.ec2.ami-deregistered
  title: AMI deregistered
  format: cloudtrail
  level: low
  tactic: impact
  techniques: [T1485]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: DeregisterImage
      errorCode: null
    condition: selection
  reason: "deregistered image {requestParameters.imageId}"
  falsepositives: [Image pipelines cleaning up old images]

- id: aws.rds.snapshot-shared
  title: RDS snapshot shared with another account
  format: cloudtrail
  level: high
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBSnapshotAttribute
      errorCode: null
      requestParameters.attributeName: restore
      requestParameters.valuesToAdd|exists: true
    _public:
      requestParameters.valuesToAdd: all
    condition: selection and not _public
  reason: "shared DB snapshot {requestParameters.dBSnapshotIdentifier} with account {requestParameters.valuesToAdd}"
  falsepositives: [Sharing with your own backup or disaster-recovery account]

- id: aws.rds.snapshot-made-public
  title: RDS snapshot made public
  format: cloudtrail
  level: critical
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBSnapshotAttribute
      errorCode: null
      requestParameters.attributeName: restore
      requestParameters.valuesToAdd: all
    condition: selection
  reason: "made DB snapshot {requestParameters.dBSnapshotIdentifier} public to every AWS account"
  falsepositives: [None expected]

- id: aws.rds.cluster-snapshot-shared
  title: Aurora cluster snapshot shared with another account
  format: cloudtrail
  level: high
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBClusterSnapshotAttribute
      errorCode: null
      requestParameters.attributeName: restore
      requestParameters.valuesToAdd|exists: true
    _public:
      requestParameters.valuesToAdd: all
    condition: selection and not _public
  reason: "shared cluster snapshot {requestParameters.dBClusterSnapshotIdentifier} with account {requestParameters.valuesToAdd}"
  falsepositives: [Sharing with your own backup or disaster-recovery account]

- id: aws.rds.cluster-snapshot-made-public
  title: Aurora cluster snapshot made public
  format: cloudtrail
  level: critical
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBClusterSnapshotAttribute
      errorCode: null
      requestParameters.attributeName: restore
      requestParameters.valuesToAdd: all
    condition: selection
  reason: "made cluster snapshot {requestParameters.dBClusterSnapshotIdentifier} public to every AWS account"
  falsepositives: [None expected]

- id: aws.rds.made-public
  title: Database made reachable from the internet
  format: cloudtrail
  level: medium
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      errorCode: null
    modified:
      eventName: ModifyDBInstance
      requestParameters.publiclyAccessible: true
    restored:
      eventName: [RestoreDBInstanceFromDBSnapshot, RestoreDBInstanceFromS3]
    restored_public:
      - requestParameters.publiclyAccessible: true
      - responseElements.publiclyAccessible: true
    condition: selection and (modified or (restored and restored_public))
  reason: "made database {requestParameters.dBInstanceIdentifier} reachable from the internet ({eventName})"
  falsepositives: [Development databases reached from laptops]

- id: aws.rds.master-password-changed
  title: Database master password reset
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBInstance
      errorCode: null
      requestParameters.masterUserPassword|exists: true
    condition: selection
  reason: "reset the master password of database {requestParameters.dBInstanceIdentifier}"
  falsepositives: [A database administrator rotating the password by hand]

- id: aws.rds.cluster-master-password-changed
  title: Aurora cluster master password reset
  format: cloudtrail
  level: medium
  tactic: persistence
  techniques: [T1098]
  detection:
    selection:
      eventSource: rds.amazonaws.com
      eventName: ModifyDBCluster
      errorCode: null
      requestParameters.masterUserPassword|exists: true
    condition: selection
  reason: "reset the master password of cluster {requestParameters.dBClusterIdentifier}"
  falsepositives: [A database administrator rotating the password by hand]

- id: aws.secretsmanager.secret-read-with-user-key
  title: Secret value read with a long-lived user key
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1555.006]
  detection:
    selection:
      eventSource: secretsmanager.amazonaws.com
      eventName: GetSecretValue
      errorCode: null
      userIdentity.accessKeyId|startswith: AKIA
    condition: selection
  reason: "read secret {requestParameters.secretId} with long-lived key {userIdentity.accessKeyId}"
  falsepositives: [Applications still running on IAM user keys instead of roles]

- id: aws.secretsmanager.batch-secret-read
  title: Every secret matching a filter read at once
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1555.006]
  detection:
    selection:
      eventSource: secretsmanager.amazonaws.com
      eventName: BatchGetSecretValue
      errorCode: null
      requestParameters.filters|exists: true
    condition: selection
  reason: "read every secret whose {requestParameters.filters.key} matches {requestParameters.filters.values}"
  falsepositives: [Applications that load their secrets by tag]

- id: aws.secretsmanager.secret-made-public
  title: Secret policy lets any AWS principal read it
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1555.006]
  detection:
    selection:
      eventSource: secretsmanager.amazonaws.com
      eventName: PutResourcePolicy
      errorCode: null
      requestParameters.resourcePolicy|re: '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*")|"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*"[^{}]*\})[^{}]*"Effect"\s*:\s*"Allow"'
    condition: selection
  reason: "let any AWS principal use secret {requestParameters.secretId}"
  falsepositives: [A wildcard narrowed by conditions such as aws:PrincipalOrgID]

- id: aws.secretsmanager.secret-force-deleted
  title: Secret deleted without a recovery window
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1485]
  detection:
    selection:
      eventSource: secretsmanager.amazonaws.com
      eventName: DeleteSecret
      errorCode: null
      requestParameters.forceDeleteWithoutRecovery: true
    condition: selection
  reason: "deleted secret {requestParameters.secretId} with no way to recover it"
  falsepositives: [Test environments torn down by infrastructure code]

- id: aws.ssm.secure-parameters-read-with-user-key
  title: Encrypted SSM parameters decrypted with a long-lived user key
  format: cloudtrail
  level: medium
  tactic: credential-access
  techniques: [T1555.006]
  detection:
    selection:
      eventSource: ssm.amazonaws.com
      eventName: [GetParameter, GetParameters, GetParametersByPath]
      errorCode: null
      requestParameters.withDecryption: true
      userIdentity.accessKeyId|startswith: AKIA
    condition: selection
  reason: "decrypted SecureString parameters ({eventName}) with long-lived key {userIdentity.accessKeyId}"
  falsepositives: [Applications still running on IAM user keys instead of roles]

- id: aws.kms.key-deletion-scheduled
  title: KMS key scheduled for deletion
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1485]
  detection:
    selection:
      eventSource: kms.amazonaws.com
      eventName: ScheduleKeyDeletion
      errorCode: null
    condition: selection
  reason: "scheduled key {requestParameters.keyId} for deletion in {requestParameters.pendingWindowInDays} days; what it encrypts becomes unreadable"
  falsepositives: [Retiring keys of decommissioned systems]

- id: aws.kms.external-key-created
  title: KMS key created for imported key material
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1486]
  detection:
    selection:
      eventSource: kms.amazonaws.com
      eventName: CreateKey
      errorCode: null
      requestParameters.origin: EXTERNAL
    condition: selection
  reason: "created key {responseElements.keyMetadata.keyId} whose material comes from outside AWS"
  falsepositives: [Bring-your-own-key setups]

- id: aws.kms.key-disabled
  title: KMS key disabled
  format: cloudtrail
  level: low
  tactic: impact
  techniques: [T1486]
  detection:
    selection:
      eventSource: kms.amazonaws.com
      eventName: DisableKey
      errorCode: null
    condition: selection
  reason: "disabled key {requestParameters.keyId}"
  falsepositives: [Retiring keys of decommissioned systems]

- id: aws.bedrock.model-access-enabled
  title: Bedrock foundation model access turned on
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1496.004]
  detection:
    selection:
      eventSource: bedrock.amazonaws.com
      eventName: [PutFoundationModelEntitlement, CreateFoundationModelAgreement]
      errorCode: null
    condition: selection
  reason: "turned on access to model {requestParameters.modelId} ({eventName})"
  falsepositives: [A team starting to use a new model]

- id: aws.bedrock.model-use-case-submitted
  title: Bedrock model use-case form submitted
  format: cloudtrail
  level: low
  tactic: impact
  techniques: [T1496.004]
  detection:
    selection:
      eventSource: bedrock.amazonaws.com
      eventName: PutUseCaseForModelAccess
      errorCode: null
    condition: selection
  reason: "submitted the model provider's use-case form for account {recipientAccountId}"
  falsepositives: [A team starting to use Anthropic models]

- id: aws.bedrock.invoked-with-user-key
  title: Bedrock model invoked with a long-lived user key
  format: cloudtrail
  level: low
  tactic: impact
  techniques: [T1496.004]
  detection:
    selection:
      eventSource: bedrock.amazonaws.com
      eventName: [InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream]
      userIdentity.accessKeyId|startswith: AKIA
    condition: selection
  reason: "invoked {requestParameters.modelId} with long-lived key {userIdentity.accessKeyId}"
  falsepositives: [Applications still running on IAM user keys instead of roles]

- id: aws.bedrock.guardrail-deleted
  title: Bedrock guardrail deleted
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562]
  detection:
    selection:
      eventSource: bedrock.amazonaws.com
      eventName: DeleteGuardrail
      errorCode: null
    condition: selection
  reason: "deleted guardrail {requestParameters.guardrailIdentifier}"
  falsepositives: [Retiring a guardrail replaced by a new one]

- id: aws.s3.bucket-policy-public
  title: Bucket policy lets anyone in
  format: cloudtrail
  level: medium
  tactic: exfiltration
  techniques: [T1530]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: PutBucketPolicy
      errorCode: null
    public:
      - requestParameters.bucketPolicy|re: '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*")|"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*"[^{}]*\})[^{}]*"Effect"\s*:\s*"Allow"'
      - requestParameters.policy|re: '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*")|"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[[^\]]*)?"\*"[^{}]*\})[^{}]*"Effect"\s*:\s*"Allow"'
    condition: selection and public
  reason: "let anyone access bucket {requestParameters.bucketName}"
  falsepositives: [Static websites; grants narrowed by conditions such as aws:SourceVpce or aws:PrincipalOrgID]

- id: aws.s3.bucket-policy-foreign-account
  title: Bucket policy grants access to another AWS account
  format: cloudtrail
  level: medium
  tactic: exfiltration
  techniques: [T1537]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: PutBucketPolicy
      errorCode: null
    account:
      - requestParameters.bucketPolicy|re: '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*\{\s*"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}|"Principal"\s*:\s*\{\s*"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}[^{}]*\}[^{}]*"Effect"\s*:\s*"Allow"'
      - requestParameters.policy|re: '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*\{\s*"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}|"Principal"\s*:\s*\{\s*"AWS"\s*:\s*(\[[^\]]*)?"(arn:aws[a-z-]*:(iam|sts)::)?[0-9]{12}[^{}]*\}[^{}]*"Effect"\s*:\s*"Allow"'
    _own:
      requestParameters|fieldref|contains: recipientAccountId
    condition: selection and account and not _own
  reason: "let another AWS account access bucket {requestParameters.bucketName}"
  falsepositives: [Central logging or data-sharing buckets of the organization]

- id: aws.s3.bucket-acl-public
  title: Bucket ACL grants access to everyone
  format: cloudtrail
  level: high
  tactic: exfiltration
  techniques: [T1530]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: PutBucketAcl
      errorCode: null
    public:
      - requestParameters|contains: ['acs.amazonaws.com/groups/global/AllUsers', 'acs.amazonaws.com/groups/global/AuthenticatedUsers']
      - requestParameters.x-amz-acl: [public-read, public-read-write, authenticated-read]
    condition: selection and public
  reason: "opened bucket {requestParameters.bucketName} to everyone through its ACL"
  falsepositives: [Legacy static websites]

- id: aws.s3.public-access-block-removed
  title: S3 Block Public Access removed or weakened
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562]
  detection:
    selection:
      errorCode: null
    deleted:
      eventName: [DeleteBucketPublicAccessBlock, DeleteAccountPublicAccessBlock]
    weakened:
      eventName: [PutBucketPublicAccessBlock, PutAccountPublicAccessBlock]
      requestParameters|re: '"(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)"\s*:\s*"?false'
    condition: selection and (deleted or weakened)
  reason: "weakened Block Public Access ({eventName}) on {requestParameters.bucketName}"
  falsepositives: [Buckets made public on purpose, such as static websites]

- id: aws.s3.versioning-suspended
  title: Bucket versioning suspended
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1490]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: PutBucketVersioning
      errorCode: null
      requestParameters.VersioningConfiguration.Status: Suspended
    condition: selection
  reason: "suspended versioning of bucket {requestParameters.bucketName}; overwritten objects are no longer kept"
  falsepositives: [Cost clean-up of buckets that do not need versions]

- id: aws.s3.short-lifecycle-expiration
  title: Lifecycle rule expiring objects within three days
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008, T1485]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: PutBucketLifecycle
      errorCode: null
      requestParameters.LifecycleConfiguration.Rule.Expiration.Days|lte: 3
    condition: selection
  reason: "made objects of bucket {requestParameters.bucketName} expire after {requestParameters.LifecycleConfiguration.Rule.Expiration.Days} day(s)"
  falsepositives: [Scratch buckets such as query results or build caches]

- id: aws.s3.object-version-deleted
  title: Object version permanently deleted
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1485]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: DeleteObject
      errorCode: null
      requestParameters.versionId|exists: true
    condition: selection
  reason: "permanently deleted version {requestParameters.versionId} of {requestParameters.key} in bucket {requestParameters.bucketName}"
  falsepositives: [Jobs that prune old object versions]

- id: aws.s3.objects-batch-deleted
  title: Objects deleted in bulk
  format: cloudtrail
  level: low
  tactic: impact
  techniques: [T1485]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: DeleteObjects
      errorCode: null
    condition: selection
  reason: "deleted up to 1000 objects at once from bucket {requestParameters.bucketName}"
  falsepositives: [Clean-up jobs and recursive deletes]

- id: aws.s3.customer-key-encryption
  title: Object written with a customer-provided encryption key
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1486]
  detection:
    selection:
      eventSource: s3.amazonaws.com
      eventName: [PutObject, CopyObject, CreateMultipartUpload]
      errorCode: null
      requestParameters.x-amz-server-side-encryption-customer-algorithm|exists: true
    condition: selection
  reason: "encrypted {requestParameters.key} in bucket {requestParameters.bucketName} with a key AWS does not keep (SSE-C)"
  falsepositives: [Applications that manage their own encryption keys with SSE-C]

- id: aws.backup.recovery-point-deleted
  title: Backup recovery point or vault deleted
  format: cloudtrail
  level: medium
  tactic: impact
  techniques: [T1490]
  detection:
    selection:
      eventSource: backup.amazonaws.com
      eventName: [DeleteRecoveryPoint, DeleteBackupVault, DeleteBackupVaultLockConfiguration]
      errorCode: null
    condition: selection
  reason: "deleted backups ({eventName}) in vault {requestParameters.backupVaultName}"
  falsepositives: [Retention clean-up done by hand]
"""#
}
