extension BuiltinCatalogue {
    /// Vault, GitHub, OPA decisions and AI-agent tool calls.
    static let others: [(name: String, yaml: String)] = [
        ("vault-root-and-audit", vaultRootAndAudit),
        ("vault-auth-and-policy", vaultAuthAndPolicy),
        ("vault-tokens", vaultTokens),
        ("vault-data", vaultData),
        ("github-security-settings", githubSecuritySettings),
        ("github-access", githubAccess),
        ("github-repositories", githubRepositories),
        ("github-actions", githubActions),
        ("agents", agents),
    ]

    // MARK: Vault
    //
    // Vault logs each call twice; nhitop reads the response line (the request line is ignored),
    // which carries the request, the caller's `auth`, any `error`, and for calls that issue a
    // token the new token's `response.auth`. String values in `request.data` are HMAC'd unless
    // the mount lists them in `audit_non_hmac_request_keys`; booleans and numbers stay plain.
    // `_ok` (`@decision: allow`) means the response has no `error`.

    static let vaultRootAndAudit = #"""
    - id: vault.root.generation
      title: Vault root token generation started or advanced
      format: vault
      level: critical
      tactic: privilege-escalation
      techniques: [T1078]
      detection:
        selection:
          request.path|startswith: [sys/generate-root/, sys/generate-recovery-token/, sys/replication/dr/secondary/generate-public-key]
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.operation} {request.path} from {request.remote_address}"
      falsepositives:
        - A recorded break-glass procedure

    - id: vault.root.token-used
      title: Request made with a Vault root token
      format: vault
      level: high
      tactic: privilege-escalation
      techniques: [T1078]
      detection:
        selection:
          - auth.policies: root
          - auth.token_policies: root
        condition: selection
      reason: "{request.operation} {request.path} with a root token ({auth.display_name}) from {request.remote_address}"
      falsepositives:
        - Initial setup before the root token is revoked

    - id: vault.root.token-issued
      title: Vault issued a token carrying the root policy
      format: vault
      level: critical
      tactic: persistence
      techniques: [T1098.001]
      detection:
        selection:
          - response.auth.policies: root
          - response.auth.token_policies: root
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.path} issued a root token ({response.auth.display_name})"
      falsepositives:
        - A recorded break-glass procedure

    - id: vault.audit.device-disabled
      title: Vault audit device disabled
      format: vault
      level: critical
      tactic: defense-evasion
      techniques: [T1562.008]
      detection:
        selection:
          request.path|startswith: sys/audit/
          request.operation: delete
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "audit device {request.path} disabled"
      falsepositives:
        - Replacing an audit device (a new one is enabled first)

    - id: vault.audit.device-enabled
      title: Vault audit device enabled
      format: vault
      level: low
      tactic: collection
      techniques: [T1119]
      detection:
        selection:
          request.path|startswith: sys/audit/
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "audit device {request.path} enabled (type {request.data.type})"
      falsepositives:
        - Adding a log shipper's socket device

    - id: vault.seal
      title: Vault sealed through the API
      format: vault
      level: high
      tactic: impact
      techniques: [T1489]
      detection:
        selection:
          request.path: sys/seal
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "Vault sealed by request from {request.remote_address}"
      falsepositives:
        - An operator sealing Vault during an incident

    - id: vault.rekey
      title: Vault unseal or recovery keys being replaced
      format: vault
      level: high
      tactic: impact
      techniques: [T1531]
      detection:
        selection:
          request.path|startswith: [sys/rekey/, sys/rekey-recovery-key/]
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.operation} {request.path} from {request.remote_address}"
      falsepositives:
        - A planned key rotation ceremony
    """#

    static let vaultAuthAndPolicy = #"""
    - id: vault.auth.method-disabled
      title: Vault auth method disabled
      format: vault
      level: high
      tactic: impact
      techniques: [T1531]
      detection:
        selection:
          request.path|startswith: sys/auth/
          request.operation: delete
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "auth method {request.path} disabled (its tokens are revoked)"
      falsepositives:
        - Retiring an unused auth method

    - id: vault.auth.method-enabled
      title: Vault auth method enabled
      format: vault
      level: medium
      tactic: persistence
      techniques: [T1556]
      detection:
        selection:
          request.path|startswith: sys/auth/
          request.operation: [create, update]
        _tune:
          request.path|endswith: /tune
        _ok:
          '@decision': allow
        condition: selection and _ok and not _tune
      reason: "auth method {request.path} enabled (type {request.data.type})"
      falsepositives:
        - Platform teams adding an auth method through Terraform

    - id: vault.auth.user-written
      title: Vault username/password user created or changed
      format: vault
      level: medium
      tactic: persistence
      techniques: [T1136]
      detection:
        selection:
          request.mount_type: userpass
          request.path|contains: /users/
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "userpass user {request.path} written"
      falsepositives:
        - Administrators onboarding a colleague

    - id: vault.mfa.removed
      title: Vault MFA method or enforcement removed
      format: vault
      level: medium
      tactic: defense-evasion
      techniques: [T1556.006]
      detection:
        selection:
          request.path|startswith: [identity/mfa/, sys/mfa/]
          request.operation: delete
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.path} deleted"
      falsepositives:
        - Replacing an MFA method

    - id: vault.policy.sudo-granted
      title: Vault policy written that grants sudo or every path
      format: vault
      level: high
      tactic: privilege-escalation
      techniques: [T1098]
      detection:
        selection:
          request.path|startswith: [sys/policy/, sys/policies/acl/]
          request.operation: [create, update]
          # Readable only where the mount does not HMAC the policy text (audit_non_hmac_request_keys, log_raw).
          request.data.policy|contains: [sudo, 'path "\*"', 'path "sys/\*"', '"\*":']
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "policy {request.path} grants sudo or a wildcard path"
      falsepositives:
        - Administrators' own policies

    - id: vault.policy.written
      title: Vault ACL policy written or deleted
      format: vault
      level: low
      tactic: privilege-escalation
      techniques: [T1098]
      detection:
        selection:
          request.path|startswith: [sys/policy/, sys/policies/acl/]
          request.operation: [create, update, delete]
        _sudo:
          request.data.policy|contains: [sudo, 'path "\*"', 'path "sys/\*"', '"\*":']
        _ok:
          '@decision': allow
        condition: selection and _ok and not _sudo
      reason: "{request.operation} policy {request.path}"
      falsepositives:
        - Policy changes deployed through Terraform

    - id: vault.plugin.registered
      title: Plugin registered in the Vault catalogue
      format: vault
      level: high
      tactic: persistence
      techniques: [T1554]
      detection:
        selection:
          request.path|startswith: sys/plugins/catalog/
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "plugin {request.path} registered"
      falsepositives:
        - Upgrading a custom plugin
    """#

    static let vaultTokens = #"""
    - id: vault.token.orphan-created
      title: Orphan Vault token created
      format: vault
      level: medium
      tactic: persistence
      techniques: [T1098.001]
      detection:
        selection_endpoint:
          request.path|startswith: auth/token/create-orphan
        selection_flag:
          request.path|startswith: auth/token/create
          request.data.no_parent: true
        _ok:
          '@decision': allow
        condition: 1 of selection_* and _ok
      reason: "orphan token created via {request.path} (survives its parent's revocation), policies {response.auth.policies}"
      falsepositives:
        - Service orchestrators (Nomad) that issue orphan tokens to jobs

    - id: vault.token.child-inherits-all
      title: Child Vault token created with all of its parent's policies
      format: vault
      level: low
      tactic: persistence
      techniques: [T1098.001]
      detection:
        selection:
          request.path: auth/token/create
          request.data.policies: null
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "child token created without a policy restriction, policies {response.auth.policies}"
      falsepositives:
        - Terraform's Vault provider, which creates a short-lived child token per run

    - id: vault.token.accessors-listed
      title: Every Vault token accessor listed
      format: vault
      level: medium
      tactic: discovery
      techniques: [T1087]
      detection:
        selection:
          request.path: auth/token/accessors
          request.operation: list
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "all token accessors listed from {request.remote_address}"
      falsepositives:
        - Token hygiene scripts

    - id: vault.approle.secret-id-minted
      title: AppRole secret ID generated
      format: vault
      level: low
      tactic: credential-access
      techniques: [T1528]
      detection:
        selection:
          request.path|re: '^auth/[^/]+/role/[^/]+/(custom-)?secret-id$'
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "secret ID minted at {request.path}"
      falsepositives:
        - CI pipelines that wrap a fresh secret ID per job

    - id: vault.leases.mass-revoke
      title: Vault leases revoked by prefix or by force
      format: vault
      level: medium
      tactic: impact
      techniques: [T1531]
      detection:
        selection:
          request.path|startswith: [sys/leases/revoke-prefix/, sys/leases/revoke-force/, sys/revoke-prefix/, sys/revoke-force/]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.path}"
      falsepositives:
        - Incident response revoking a leaked mount's credentials
    """#

    static let vaultData = #"""
    - id: vault.secrets-engine.disabled
      title: Vault secrets engine disabled
      format: vault
      level: high
      tactic: impact
      techniques: [T1485]
      detection:
        selection:
          request.path|startswith: sys/mounts/
          request.operation: delete
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "secrets engine {request.path} disabled (its data and leases are destroyed)"
      falsepositives:
        - Retiring an unused mount

    - id: vault.kv.destroyed
      title: Vault KV secret versions destroyed
      format: vault
      level: medium
      tactic: impact
      techniques: [T1485]
      detection:
        destroy:
          request.path|contains: /destroy/
          request.operation: [create, update]
        metadata:
          request.path|contains: /metadata/
          request.operation: delete
        _kv:
          - request.mount_type: kv
          - request.mount_type: null
        _ok:
          '@decision': allow
        condition: (destroy or metadata) and _kv and _ok
      reason: "{request.operation} {request.path}"
      falsepositives:
        - Secret owners cleaning up old versions

    - id: vault.raw.storage
      title: Vault raw storage read or written
      format: vault
      level: high
      tactic: credential-access
      techniques: [T1555]
      detection:
        selection:
          request.path|startswith: sys/raw
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.operation} {request.path}"
      falsepositives:
        - Support-directed recovery

    - id: vault.storage.snapshot-taken
      title: Vault storage snapshot taken
      format: vault
      level: low
      tactic: collection
      techniques: [T1555]
      detection:
        selection:
          request.path: sys/storage/raft/snapshot
          request.operation: read
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "raft snapshot downloaded to {request.remote_address}"
      falsepositives:
        - Scheduled backups (expect one identity at a fixed time)

    - id: vault.storage.snapshot-restored
      title: Vault storage snapshot restored
      format: vault
      level: high
      tactic: impact
      techniques: [T1485]
      detection:
        selection:
          request.path: [sys/storage/raft/snapshot, sys/storage/raft/snapshot-force]
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.path} restored from {request.remote_address}"
      falsepositives:
        - Disaster recovery drills

    - id: vault.transit.key-exported
      title: Vault transit key exported or made exportable
      format: vault
      level: high
      tactic: credential-access
      techniques: [T1552.004]
      detection:
        transit:
          - request.mount_type: transit
          - request.path|startswith: transit/
        export:
          request.path|contains: [/export/, /backup/]
        exportable:
          request.path|endswith: /config
          request.data.exportable: true
        plaintext_backup:
          request.path|endswith: /config
          request.data.allow_plaintext_backup: true
        _ok:
          '@decision': allow
        condition: transit and (export or exportable or plaintext_backup) and _ok
      reason: "{request.operation} {request.path}"
      falsepositives:
        - Key escrow procedures

    - id: vault.pki.key-exported
      title: PKI key generated in exported mode
      format: vault
      level: medium
      tactic: credential-access
      techniques: [T1552.004]
      detection:
        selection:
          request.path|endswith: [/generate/exported, /generate/root/exported, /generate/intermediate/exported]
          request.operation: [create, update]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{request.path}: the private key left Vault"
      falsepositives:
        - Building an offline root CA
    """#

    // MARK: GitHub
    //
    // GitHub audit events are implicitly successes (failures have their own actions), so only
    // the action and its fields are matched. Field names follow the streaming/REST schema
    // (`repo`, `org`, `user`, `visibility`, `permission`); the old org REST schema nests them in
    // `data`, matched as well where it matters.

    static let githubSecuritySettings = #"""
    - id: github.push-protection.disabled
      title: Secret scanning push protection disabled
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action:
            - repository_secret_scanning_push_protection.disable
            - repo.secret_scanning_push_protection_disabled
            - org.secret_scanning_push_protection_disable
            - org.secret_scanning_push_protection_new_repos_disable
            - business_secret_scanning_push_protection.disable
            - business_secret_scanning_push_protection.disabled_for_new_repos
            - repository_secret_scanning_custom_pattern_push_protection.disabled
            - org.secret_scanning_custom_pattern_push_protection_disabled
            - business_secret_scanning_custom_pattern_push_protection.disabled
            - repository_secret_scanning_push_protection_bypass_list.disable
            - org_secret_scanning_push_protection_bypass_list.disable
        condition: selection
      reason: "{action} on {@resource}"
      falsepositives:
        - A repository owner turning push protection off for a migration

    - id: github.secret-scanning.disabled
      title: Secret scanning disabled
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action:
            - repository_secret_scanning.disable
            - repo.secret_scanning_disabled
            - secret_scanning.disable
            - secret_scanning_new_repos.disable
            - business_secret_scanning.disable
            - business_secret_scanning.disabled_for_new_repos
            - repo.advanced_security_disabled
            - org.advanced_security_disabled_on_all_repos
            - org.advanced_security_disabled_for_new_repos
            - business_advanced_security.disabled
            - business_advanced_security.disabled_for_new_repos
        condition: selection
      reason: "{action} on {@resource}"
      falsepositives:
        - Licence changes that retire Advanced Security

    - id: github.push-protection.bypassed
      title: Secret pushed past push protection
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action: secret_scanning_push_protection.bypass
        condition: selection
      reason: "push protection bypassed in {repo}"
      falsepositives:
        - Test fixtures that look like secrets

    - id: github.security-features.disabled
      title: Code security feature disabled
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action:
            - dependabot_alerts.disable
            - dependabot_alerts_new_repos.disable
            - dependabot_security_updates.disable
            - dependabot_security_updates_new_repos.disable
            - repository_vulnerability_alerts.disable
            - repository_code_security.disable
            - repo.codeql_disabled
            - org.codeql_disabled
            - dependency_graph.disable
            - repository_dependency_graph.disable
            - repository_malware_alerts.disable
            - org_secret_scanning_automatic_validity_checks.disabled
            - repository_secret_scanning_automatic_validity_checks.disabled
        condition: selection
      reason: "{action} on {@resource}"
      falsepositives:
        - Archived or experimental repositories

    - id: github.auth-controls.disabled
      title: Organization sign-in control disabled
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1556]
      detection:
        selection:
          action:
            - org.disable_two_factor_requirement
            - business.disable_two_factor_requirement
            - org.disable_saml
            - business.disable_saml
            - ip_allow_list.disable
            - ip_allow_list.disable_for_installed_apps
            - ssh_certificate_requirement.disable
        condition: selection
      reason: "{action} (org {org}, enterprise {business})"
      falsepositives:
        - Identity-provider migrations

    - id: github.ip-allow-list.entry-added
      title: Address added to the IP allow list
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1556]
      detection:
        selection:
          action: [ip_allow_list_entry.create, ip_allow_list_entry.update]
        condition: selection
      reason: "{action} (org {org}, enterprise {business})"
      falsepositives:
        - A new office or CI egress range

    - id: github.token-controls.weakened
      title: Controls on apps and tokens loosened
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action:
            - org.disable_oauth_app_restrictions
            - auto_approve_personal_access_token_requests.enable
            - personal_access_token.expiration_limit_unset
        condition: selection
      reason: "{action} on {org}"
      falsepositives:
        - Policy reviews

    - id: github.audit-stream.disabled
      title: Audit log stream removed or paused
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1562.008]
      detection:
        destroy:
          action: audit_log_streaming.destroy
        paused:
          action: audit_log_streaming.update
          audit_log_stream_enabled: false
        condition: destroy or paused
      reason: "{action} (org {org}, enterprise {business}, sink {audit_log_stream_sink})"
      falsepositives:
        - Moving the stream to a new destination

    - id: github.audit.ip-disclosure-disabled
      title: Source IPs hidden from the audit log
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1562.008]
      detection:
        selection:
          action: [org.disable_source_ip_disclosure, business.disable_source_ip_disclosure]
        condition: selection
      reason: "{action} (org {org}, enterprise {business})"
      falsepositives:
        - Privacy reviews
    """#

    static let githubAccess = #"""
    - id: github.org.owner-added
      title: Organization owner or enterprise admin added
      format: github
      level: high
      tactic: privilege-escalation
      techniques: [T1098.003]
      detection:
        member:
          action: [org.update_member, org.add_member, org.invite_member]
        admin:
          - permission: admin
          - data.permission: admin
          - role: [admin, owner]
        enterprise:
          action: [business.add_admin, business.invite_admin]
        condition: (member and admin) or enterprise
      reason: "{action}: {user} in {@resource} (permission {permission}, enterprise {business})"
      falsepositives:
        - Planned changes of organization owners

    - id: github.org.role-changed
      title: Organization member's role changed
      format: github
      level: low
      tactic: privilege-escalation
      techniques: [T1098.003]
      detection:
        selection:
          action: [org.update_member, organization_role.assign, org.add_security_manager]
        _admin:
          - permission: admin
          - data.permission: admin
          - role: [admin, owner]
        condition: selection and not _admin
      reason: "{action}: {user} in {org}"
      falsepositives:
        - Routine role reviews

    - id: github.org.base-permission-raised
      title: Organization's base repository permission changed
      format: github
      level: medium
      tactic: privilege-escalation
      techniques: [T1098]
      detection:
        selection:
          action: org.update_default_repository_permission
        condition: selection
      reason: "{action} in {org}: {permission}"
      falsepositives:
        - Policy reviews

    - id: github.deploy-key.added
      title: Deploy key added to a repository
      format: github
      level: medium
      tactic: persistence
      techniques: [T1098.004]
      detection:
        selection:
          action: public_key.create
          repo|exists: true
        condition: selection
      reason: "deploy key added to {repo}"
      falsepositives:
        - Wiring a new deployment tool to its repository

    - id: github.ssh-key.added-by-token
      title: SSH key added to an account by a token
      format: github
      level: medium
      tactic: persistence
      techniques: [T1098.004]
      detection:
        selection:
          action: public_key.create
          repo|exists: false
          programmatic_access_type|exists: true
        condition: selection
      reason: "SSH key added to {user} through {programmatic_access_type}"
      falsepositives:
        - Provisioning tools that register keys for new machines

    - id: github.token.pat-granted
      title: Fine-grained token requested or granted access to the organization
      format: github
      level: medium
      tactic: persistence
      techniques: [T1098.001]
      detection:
        selection:
          action: [personal_access_token.request_created, personal_access_token.access_granted]
        condition: selection
      reason: "{action} for {user} in {org}"
      falsepositives:
        - Developers creating tokens for their own automation

    - id: github.app.installed
      title: App installed or granted access to the organization
      format: github
      level: medium
      tactic: persistence
      techniques: [T1098]
      detection:
        selection:
          action:
            - integration_installation.create
            - integration_installation.version_updated
            - integration_installation.repositories_added
            - org.oauth_app_access_approved
            - oauth_application.create
            - integration.create
            - integration.manager_added
            - org.integration_manager_added
        condition: selection
      reason: "{action} in {@resource} (app {name})"
      falsepositives:
        - Approved new integrations

    - id: github.app.secret-generated
      title: New client secret for an app
      format: github
      level: medium
      tactic: credential-access
      techniques: [T1528]
      detection:
        selection:
          action: [oauth_application.generate_client_secret, oauth_application.reset_secret, integration.generate_client_secret]
        condition: selection
      reason: "{action} (app {name}, org {org})"
      falsepositives:
        - Planned secret rotation

    - id: github.sso-credential-authorized
      title: Credential authorized for organization single sign-on
      format: github
      level: low
      tactic: persistence
      techniques: [T1098.001]
      detection:
        selection:
          action: org_credential_authorization.grant
        condition: selection
      reason: "{action} for {user} in {org}"
      falsepositives:
        - Developers authorizing a new token or key

    - id: github.outside-collaborator.added
      title: Outside collaborator added
      format: github
      level: low
      tactic: persistence
      techniques: [T1098]
      detection:
        selection:
          action: [org.add_outside_collaborator, repo.add_member]
        condition: selection
      reason: "{action}: {user} on {@resource}"
      falsepositives:
        - Contractors joining a project
    """#

    static let githubRepositories = #"""
    - id: github.repo.made-public
      title: Repository made public
      format: github
      level: high
      tactic: exfiltration
      techniques: [T1567.001]
      detection:
        selection:
          action: repo.access
        _still_private:
          - visibility: [private, internal]
          - data.visibility: [private, internal]
        condition: selection and not _still_private
      reason: "repository {repo} visibility changed to {visibility}"
      falsepositives:
        - Open-sourcing a project

    - id: github.pages.public
      title: GitHub Pages site made public
      format: github
      level: medium
      tactic: exfiltration
      techniques: [T1567]
      detection:
        selection:
          action: repo.pages_public
        condition: selection
      reason: "Pages site of {repo} made public"
      falsepositives:
        - Publishing documentation

    - id: github.private-forking.enabled
      title: Forking of private repositories allowed
      format: github
      level: medium
      tactic: exfiltration
      techniques: [T1567.001]
      detection:
        selection:
          action: private_repository_forking.enable
        condition: selection
      reason: "{action} on {@resource} (enterprise {business})"
      falsepositives:
        - Inner-source policies

    - id: github.repo.transferred
      title: Repository or organization transferred out
      format: github
      level: high
      tactic: exfiltration
      techniques: [T1537]
      detection:
        selection:
          action: [repo.transfer_outgoing, repo.transfer_start, org.transfer_outgoing, org.transfer, migration.create]
        condition: selection
      reason: "{action} {@resource}"
      falsepositives:
        - Reorganizations between your own organizations

    - id: github.repo.deleted
      title: Repository deleted
      format: github
      level: medium
      tactic: impact
      techniques: [T1485]
      detection:
        selection:
          action: repo.destroy
        condition: selection
      reason: "repository {repo} deleted"
      falsepositives:
        - Cleaning up experiments

    - id: github.org.deleted
      title: Organization deleted
      format: github
      level: high
      tactic: impact
      techniques: [T1485]
      detection:
        selection:
          action: org.delete
        condition: selection
      reason: "organization {org} deleted"
      falsepositives:
        - Retiring an organization

    - id: github.branch-protection.removed
      title: Branch protection or ruleset removed
      format: github
      level: high
      tactic: defense-evasion
      techniques: [T1562.001, T1195.002]
      detection:
        selection:
          action: [protected_branch.destroy, repository_ruleset.destroy, repository_branch_protection_evaluation.disable]
        condition: selection
      reason: "{action} on {@resource} (branch {branch})"
      falsepositives:
        - Replacing branch protection with a ruleset

    - id: github.branch-protection.overridden
      title: Branch protection overridden by an administrator
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001, T1195.002]
      detection:
        selection:
          action: protected_branch.policy_override
        condition: selection
      reason: "branch protection overridden on {repo} ({branch})"
      falsepositives:
        - Emergency fixes merged by an administrator

    - id: github.webhook.written
      title: Webhook created or pointed elsewhere
      format: github
      level: medium
      tactic: exfiltration
      techniques: [T1020]
      detection:
        selection:
          action: [hook.create, hook.config_changed, hook.events_changed]
        condition: selection
      reason: "{action} on {@resource} (hook {hook_id})"
      falsepositives:
        - New CI or chat integrations
    """#

    static let githubActions = #"""
    - id: github.runner.registered
      title: Self-hosted runner registered or runner access widened
      format: github
      level: medium
      tactic: persistence
      techniques: [T1098]
      detection:
        selection:
          action:
            - org.register_self_hosted_runner
            - repo.register_self_hosted_runner
            - enterprise.register_self_hosted_runner
            - business.register_self_hosted_runner
            - org.runner_group_created
            - org.runner_group_runners_added
            - org.runner_group_visiblity_updated
            - org.update_repo_self_hosted_runners_policy
        condition: selection
      reason: "{action} on {@resource} (runner {runner_name})"
      falsepositives:
        - Platform teams adding runner capacity by hand

    - id: github.runner.jit-configured
      title: Just-in-time self-hosted runner configured
      format: github
      level: low
      tactic: persistence
      techniques: [T1098]
      detection:
        selection:
          action: [org.configure_self_hosted_jit_runner, repo.configure_self_hosted_jit_runner]
        condition: selection
      reason: "{action} on {@resource}"
      falsepositives:
        - Runner autoscalers (actions-runner-controller) do this for every job

    - id: github.actions-secret.written
      title: Actions or integration secret created or updated
      format: github
      level: low
      tactic: persistence
      techniques: [T1098]
      detection:
        selection:
          action:
            - repo.create_actions_secret
            - repo.update_actions_secret
            - org.create_actions_secret
            - org.update_actions_secret
            - environment.create_actions_secret
            - environment.update_actions_secret
            - repo.create_integration_secret
            - org.create_integration_secret
            - codespaces.create_an_org_secret
        condition: selection
      reason: "{action} {key} on {@resource}"
      falsepositives:
        - Rotating deployment credentials

    - id: github.environment.protection-removed
      title: Deployment protection rule removed
      format: github
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action: environment.remove_protection_rule
        condition: selection
      reason: "deployment protection removed on {repo} ({name})"
      falsepositives:
        - Reworking deployment approvals

    - id: github.actions-policy.changed
      title: Actions permissions policy changed
      format: github
      level: low
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          action:
            - org.set_default_workflow_permissions
            - repo.set_default_workflow_permissions
            - org.set_workflow_permission_can_approve_pr
            - repo.set_workflow_permission_can_approve_pr
            - org.set_fork_pr_workflows_policy
            - repo.set_fork_pr_workflows_policy
            - org.set_actions_fork_pr_approvals_policy
            - repo.set_actions_fork_pr_approvals_policy
            - org.update_actions_settings
            - repo.update_actions_settings
        condition: selection
      reason: "{action} on {@resource}"
      falsepositives:
        - Policy reviews
    """#

    // MARK: AI agents' tool calls (OPA decisions from a tool gateway, nhitop agent events)
    //
    // Agent events arrive from OPA (`input.tool` → action `tool:<name>`) or nhitop's own schema
    // (`kind: ai_agent`), so these entries read the normalized fields and apply to any format.
    // Tool names are matched as words (`payments.refund`, `run_shell`, `email.send`): a verb
    // counts when `.`, `_`, `:`, `/` or `-` (or the ends) surround it.

    static let agents = #"""
    - id: agent.tool.shell
      title: AI agent ran a shell or command-execution tool
      format: any
      level: high
      tactic: execution
      techniques: [T1059]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': allow
          '@action|re|i': '(^|[^A-Za-z0-9])(shell|bash|zsh|sh|powershell|pwsh|cmd|exec|execute|terminal|subprocess|run_command|run_shell|run_script|kubectl)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} called {@action} on {@resource}"
      falsepositives:
        - Coding agents whose sandboxed shell is part of their job

    - id: agent.tool.destructive
      title: AI agent called a destructive tool
      format: any
      level: medium
      tactic: impact
      techniques: [T1485]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': allow
          '@action|re|i': '(^|[^A-Za-z0-9])(delete|destroy|drop|purge|wipe|truncate|terminate|erase|rm|rmdir|shred|uninstall|force_push)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} called {@action} on {@resource}"
      falsepositives:
        - Cleanup agents whose job is deleting

    - id: agent.tool.exfiltration
      title: AI agent sent or exported data
      format: any
      level: medium
      tactic: exfiltration
      techniques: [T1567, T1048]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': allow
          # Verbs that move data out, not nouns: `email.draft` or `mail.search` stay inside.
          '@action|re|i': '(^|[^A-Za-z0-9])(send|sendmail|smtp|post|http_post|upload|export|webhook|publish|share|forward)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} called {@action} to {@resource}"
      falsepositives:
        - Notification agents that email or post by design

    - id: agent.tool.payments
      title: AI agent moved money
      format: any
      level: medium
      tactic: impact
      techniques: [T1657]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': allow
          '@action|re|i': '(^|[^A-Za-z0-9])(refund|refunds|payout|payouts|transfer|charge|withdraw|withdrawal|wire|disburse|pay)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} called {@action} on {@resource}"
      falsepositives:
        - Billing agents allowed to refund within limits

    - id: agent.tool.credentials
      title: AI agent read credentials or a sensitive file
      format: any
      level: medium
      tactic: credential-access
      techniques: [T1552]
      detection:
        agent:
          '@kind': ai_agent
          '@decision': allow
        secret_tool:
          '@action|re|i': '(^|[^A-Za-z0-9])(secret|secrets|credential|credentials|password|passwords|apikey|api_key|private_key|keychain|vault|get_token|access_key)([^A-Za-z0-9]|$)'
        secret_resource:
          - '@resource|contains': [169.254.169.254, metadata.google.internal, /.ssh/, id_rsa, .aws/credentials, .kube/config, .git-credentials, .npmrc, .pypirc, /etc/shadow, /.env, secret]
          - '@resource|endswith': .env
        condition: agent and (secret_tool or secret_resource)
      reason: "{@identity} called {@action} on {@resource}"
      falsepositives:
        - Deployment agents that fetch their own credentials

    - id: agent.tool.permission-change
      title: AI agent changed permissions or created credentials
      format: any
      level: medium
      tactic: privilege-escalation
      techniques: [T1098]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': allow
          '@action|re|i': '(^|[^A-Za-z0-9])(grant|grant_access|add_member|add_collaborator|invite|set_permission|set_permissions|assign_role|attach_policy|put_policy|create_user|create_key|create_token|create_access_key|sudo)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} called {@action} on {@resource}"
      falsepositives:
        - Onboarding agents that invite users by design

    - id: agent.tool.high-impact-denied
      title: AI agent denied a high-impact tool
      format: any
      level: medium
      tactic: execution
      techniques: [T1059]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': deny
          '@action|re|i': '(^|[^A-Za-z0-9])(shell|bash|sh|exec|execute|terminal|run_command|delete|destroy|drop|purge|wipe|send|email|mail|post|upload|export|download|webhook|publish|refund|refunds|payout|payouts|transfer|charge|withdraw|wire|secret|secrets|credential|credentials|password|grant|invite|create_user|create_token|create_key)([^A-Za-z0-9]|$)'
        condition: selection
      reason: "{@identity} was denied {@action} on {@resource}"
      falsepositives:
        - A newly deployed agent whose allowlist is still being tuned

    - id: agent.tool.denied
      title: AI agent's tool call denied by policy
      format: any
      # Informational: a denied low-impact call is worth a line in the detail pane, not a level;
      # the agent_tool signal already judges denies against the agent's own habits.
      level: informational
      tactic: execution
      techniques: [T1059]
      detection:
        selection:
          '@kind': ai_agent
          '@decision': deny
        _high_impact:
          '@action|re|i': '(^|[^A-Za-z0-9])(shell|bash|sh|exec|execute|terminal|run_command|delete|destroy|drop|purge|wipe|send|email|mail|post|upload|export|download|webhook|publish|refund|refunds|payout|payouts|transfer|charge|withdraw|wire|secret|secrets|credential|credentials|password|grant|invite|create_user|create_token|create_key)([^A-Za-z0-9]|$)'
        condition: selection and not _high_impact
      reason: "{@identity} was denied {@action} on {@resource}"
      falsepositives:
        - Agents probing a tool that was just removed from their allowlist
    """#
}
