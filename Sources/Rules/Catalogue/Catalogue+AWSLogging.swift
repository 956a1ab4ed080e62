extension BuiltinCatalogue {
    /// CloudTrail, GuardDuty, Config, Security Hub, VPC flow logs, Route 53 resolver query logs,
    /// Bedrock invocation logs and the other detective services: turning off what would see
    /// the rest.
    static let awsLogging = #"""
- id: aws.cloudtrail.logging-stopped
  title: CloudTrail trail stopped
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: StopLogging
      errorCode: null
    condition: selection
  reason: "stopped trail {requestParameters.name}"
  falsepositives: [Decommissioning a trail replaced by an organization trail]

- id: aws.cloudtrail.trail-deleted
  title: CloudTrail trail deleted
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: DeleteTrail
      errorCode: null
    condition: selection
  reason: "deleted trail {requestParameters.name}"
  falsepositives: [Decommissioning a trail replaced by an organization trail]

- id: aws.cloudtrail.event-data-store-stopped
  title: CloudTrail Lake event data store stopped or deleted
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: [StopEventDataStoreIngestion, DeleteEventDataStore]
      errorCode: null
    condition: selection
  reason: "stopped recording into event data store {requestParameters.eventDataStore} ({eventName})"
  falsepositives: [Retiring an event data store]

- id: aws.cloudtrail.event-selectors-narrowed
  title: Trail event selectors drop management events, reads or writes
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: PutEventSelectors
      errorCode: null
    narrowed:
      - requestParameters.eventSelectors.includeManagementEvents: false
      - requestParameters.eventSelectors.readWriteType: [ReadOnly, WriteOnly]
      - requestParameters.eventSelectors.excludeManagementEventSources: '*'
    condition: selection and narrowed
  reason: "narrowed what trail {requestParameters.trailName} records (management events: {requestParameters.eventSelectors.includeManagementEvents}; {requestParameters.eventSelectors.readWriteType})"
  falsepositives: [A second trail dedicated to data events; leaving out KMS or RDS Data API events to save cost]

- id: aws.cloudtrail.advanced-selectors-narrowed
  title: Trail advanced event selectors drop or filter management events
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: PutAdvancedEventSelectors
      errorCode: null
    _management:
      requestParameters.advancedEventSelectors.fieldSelectors.equals: Management
    filtered_management:
      requestParameters.advancedEventSelectors|re|s: '"Management".*"(readOnly|eventSource|eventName)"|"(readOnly|eventSource|eventName)".*"Management"'
    condition: selection and (not _management or filtered_management)
  reason: "narrowed what trail {requestParameters.trailName} records (advanced selectors)"
  falsepositives: [A second trail dedicated to data events; leaving out KMS or RDS Data API events to save cost]

- id: aws.cloudtrail.trail-weakened
  title: Trail narrowed to one region, stripped of global events or of log validation
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: cloudtrail.amazonaws.com
      eventName: UpdateTrail
      errorCode: null
    weakened:
      - requestParameters.isMultiRegionTrail: false
      - requestParameters.includeGlobalServiceEvents: false
      - requestParameters.enableLogFileValidation: false
    condition: selection and weakened
  reason: "weakened trail {requestParameters.name}: {requestParameters}"
  falsepositives: [Regional trails kept on purpose beside an organization trail]

- id: aws.guardduty.detector-disabled
  title: GuardDuty detector deleted or suspended
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      errorCode: null
    deleted:
      eventName: DeleteDetector
    suspended:
      eventName: UpdateDetector
      requestParameters.enable: false
    condition: selection and (deleted or suspended)
  reason: "turned off GuardDuty detector {requestParameters.detectorId} in {awsRegion} ({eventName})"
  falsepositives: [Moving GuardDuty administration to another account]

- id: aws.guardduty.protection-disabled
  title: GuardDuty protection plan turned off
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      eventName: UpdateDetector
      errorCode: null
    disabled:
      - requestParameters.features|re|i: '"status"\s*:\s*"DISABLED"'
      - requestParameters.dataSources|re: '"enable"\s*:\s*false'
    condition: selection and disabled
  reason: "turned off GuardDuty protections of detector {requestParameters.detectorId} ({requestParameters.features.name})"
  falsepositives: [Cost reductions decided by the security team]

- id: aws.guardduty.findings-auto-archived
  title: GuardDuty filter archiving findings automatically
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      eventName: [CreateFilter, UpdateFilter]
      errorCode: null
      requestParameters.action: ARCHIVE
    condition: selection
  reason: "made a filter of GuardDuty detector {requestParameters.detectorId} archive matching findings unseen"
  falsepositives: [Suppression rules for known-benign findings]

- id: aws.guardduty.trusted-ip-list
  title: GuardDuty trusted IP list created or changed
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      eventName: [CreateIPSet, UpdateIPSet]
      errorCode: null
    condition: selection
  reason: "told GuardDuty to trust the addresses in {requestParameters.location}"
  falsepositives: [Adding office or scanner addresses]

- id: aws.guardduty.member-detached
  title: Account detached from GuardDuty administration
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      eventName: [DisassociateFromMasterAccount, DisassociateFromAdministratorAccount, StopMonitoringMembers, DisassociateMembers, DeleteMembers]
      errorCode: null
    condition: selection
  reason: "detached GuardDuty monitoring of detector {requestParameters.detectorId} ({eventName})"
  falsepositives: [Closing or moving member accounts]

- id: aws.guardduty.publishing-destination-deleted
  title: GuardDuty findings export deleted
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: guardduty.amazonaws.com
      eventName: DeletePublishingDestination
      errorCode: null
    condition: selection
  reason: "stopped exporting GuardDuty findings of detector {requestParameters.detectorId}"
  falsepositives: [Replacing the export destination]

- id: aws.config.recording-stopped
  title: AWS Config recording stopped or removed
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: config.amazonaws.com
      eventName: [StopConfigurationRecorder, DeleteConfigurationRecorder, DeleteDeliveryChannel]
      errorCode: null
    condition: selection
  reason: "stopped AWS Config from recording changes ({eventName})"
  falsepositives: [Infrastructure code tearing down an environment]

- id: aws.securityhub.disabled
  title: Security Hub turned off
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: securityhub.amazonaws.com
      eventName: [DisableSecurityHub, DisassociateFromAdministratorAccount, DisassociateFromMasterAccount]
      errorCode: null
    condition: selection
  reason: "turned off Security Hub in {awsRegion} ({eventName})"
  falsepositives: [Moving Security Hub administration to another account]

- id: aws.securityhub.standards-disabled
  title: Security Hub standards turned off
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: securityhub.amazonaws.com
      eventName: BatchDisableStandards
      errorCode: null
    condition: selection
  reason: "turned off Security Hub standards {requestParameters.standardsSubscriptionArns}"
  falsepositives: [Dropping a standard that does not apply]

- id: aws.securityhub.findings-suppressed
  title: Security Hub findings suppressed
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      eventSource: securityhub.amazonaws.com
      eventName: BatchUpdateFindings
      errorCode: null
      requestParameters|contains: SUPPRESSED
    condition: selection
  reason: "suppressed Security Hub findings"
  falsepositives: [Analysts closing known-benign findings]

- id: aws.security-services.disabled
  title: Macie, Inspector, Detective or Access Analyzer turned off
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.001]
  detection:
    selection:
      errorCode: null
    macie:
      eventSource: macie2.amazonaws.com
      eventName: DisableMacie
    inspector:
      eventSource: inspector2.amazonaws.com
      eventName: Disable
    analyzer:
      eventSource: access-analyzer.amazonaws.com
      eventName: DeleteAnalyzer
    detective:
      eventSource: detective.amazonaws.com
      eventName: DeleteGraph
    condition: selection and (macie or inspector or analyzer or detective)
  reason: "turned off {eventSource} ({eventName})"
  falsepositives: [Cost reductions decided by the security team]

- id: aws.ec2.flow-logs-deleted
  title: VPC flow logs deleted
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: ec2.amazonaws.com
      eventName: DeleteFlowLogs
      errorCode: null
    condition: selection
  reason: "deleted flow logs {requestParameters.DeleteFlowLogsRequest.FlowLogId.content}"
  falsepositives: [Infrastructure code tearing down a VPC]

- id: aws.route53resolver.query-logging-removed
  title: DNS query logging removed
  format: cloudtrail
  level: medium
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: route53resolver.amazonaws.com
      eventName: [DeleteResolverQueryLogConfig, DisassociateResolverQueryLogConfig]
      errorCode: null
    condition: selection
  reason: "removed DNS query logging {requestParameters.resolverQueryLogConfigId}"
  falsepositives: [Infrastructure code tearing down a VPC]

- id: aws.bedrock.invocation-logging-deleted
  title: Bedrock model invocation logging turned off
  format: cloudtrail
  level: high
  tactic: defense-evasion
  techniques: [T1562.008]
  detection:
    selection:
      eventSource: bedrock.amazonaws.com
      eventName: DeleteModelInvocationLoggingConfiguration
      errorCode: null
    condition: selection
  reason: "turned off logging of Bedrock prompts and answers in {awsRegion}"
  falsepositives: [Privacy decisions about prompt logging]
"""#
}
