extension BuiltinCatalogue {
    /// Kubernetes audit events (`audit.k8s.io` Event, as the API server, EKS and AKS write them).
    ///
    /// Conventions shared by every entry:
    /// - `_ok` requires the request to have gone through (`@decision: allow`: no `forbid`
    ///   annotation and a response code below 400); denials are the deny signals' business.
    /// - `_platform` leaves out the control plane acting on its own (the API server's bootstrap
    ///   policy, the controller manager, kube-system controllers): their writes are the cluster
    ///   running, and the human or workload that asked for them is flagged on its own request.
    /// - Pod rules leave out mirror pods (kubelets publishing static pods) and DaemonSet pods
    ///   created by the DaemonSet controller: node agents are privileged by design, and the
    ///   DaemonSet's author is caught by the workload rule when the template is written.
    /// - Object bodies (`requestObject`) are only logged at the `Request`/`RequestResponse`
    ///   levels; at `Metadata` level the body rules cannot fire, and say nothing.
    /// - Entries that need only the request line (exec, tokens, anonymous callers, deletions)
    ///   read the normalized fields (`@action` `create pods/exec`, `@resource`
    ///   `kube-system/serviceaccounts/x`, `@identity`), so they also fire on GKE's export of the
    ///   audit (also format `k8s_audit`, but shaped as a Cloud Audit Log). Entries that read the
    ///   object body read the native Event's fields only.
    static let kubernetes: [(name: String, yaml: String)] = [
        ("kubernetes-pods", kubernetesPods),
        ("kubernetes-exec", kubernetesExec),
        ("kubernetes-rbac", kubernetesRBAC),
        ("kubernetes-credentials", kubernetesCredentials),
        ("kubernetes-access", kubernetesAccess),
        ("kubernetes-control-plane", kubernetesControlPlane),
    ]

    // MARK: pods and workload templates that reach the node

    static let kubernetesPods = #"""
    - id: k8s.pod.privileged
      title: Pod with a privileged container
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1611, T1610]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
        privileged:
          - requestObject.spec.containers.securityContext.privileged: true
          - requestObject.spec.initContainers.securityContext.privileged: true
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and privileged and _ok and not _mirror and not _daemonset
      reason: "privileged container in {@resource} image {requestObject.spec.containers.image}"
      falsepositives:
        - Storage, network and security agents deployed as Deployments rather than DaemonSets

    - id: k8s.pod.host-pid-ipc
      title: Pod sharing the node's process or IPC namespace
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1611]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
        host:
          - requestObject.spec.hostPID: true
          - requestObject.spec.hostIPC: true
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and host and _ok and not _mirror and not _daemonset
      reason: "{@resource} with hostPID={requestObject.spec.hostPID} hostIPC={requestObject.spec.hostIPC} image {requestObject.spec.containers.image}"
      falsepositives:
        - Debugging and profiling tools run by cluster administrators

    - id: k8s.pod.host-network
      title: Pod on the node's network namespace
      format: k8s_audit
      level: medium
      tactic: privilege-escalation
      techniques: [T1611]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
          requestObject.spec.hostNetwork: true
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and _ok and not _mirror and not _daemonset
      reason: "{@resource} on the host network, image {requestObject.spec.containers.image}"
      falsepositives:
        - Ingress controllers and load-balancer speakers run as Deployments on the host network

    - id: k8s.pod.hostpath-sensitive
      title: Pod mounting a sensitive node path
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1611]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
        sensitive:
          - requestObject.spec.volumes.hostPath.path: ['/', '/etc', '/etc/', '/proc', '/sys', '/dev', '/var', '/var/run', '/run', '/boot', '/usr', '/home', '/var/lib']
          - requestObject.spec.volumes.hostPath.path|startswith:
              - /root
              - /home/
              - /proc/
              - /etc/kubernetes
              - /etc/shadow
              - /etc/sudoers
              - /var/lib/kubelet
              - /var/lib/etcd
              - /var/lib/docker
              - /var/run/docker.sock
              - /run/docker.sock
              - /var/run/containerd
              - /run/containerd
              - /var/run/crio
              - /run/crio
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and sensitive and _ok and not _mirror and not _daemonset
      reason: "{@resource} mounts host path {requestObject.spec.volumes.hostPath.path}"
      falsepositives:
        - CI runners given the container runtime socket to build images

    - id: k8s.pod.hostpath
      title: Pod mounting a node path
      format: k8s_audit
      level: low
      tactic: privilege-escalation
      techniques: [T1611]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
          requestObject.spec.volumes.hostPath.path|exists: true
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and _ok and not _mirror and not _daemonset
      reason: "{@resource} mounts host path {requestObject.spec.volumes.hostPath.path}"
      falsepositives:
        - Local-volume provisioners' helper pods
        - Log and metrics collectors run as Deployments

    - id: k8s.pod.dangerous-capabilities
      title: Pod adding kernel capabilities that reach the node
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1611]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
        caps:
          - requestObject.spec.containers.securityContext.capabilities.add: [ALL, SYS_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, DAC_READ_SEARCH, BPF, NET_ADMIN, CAP_SYS_ADMIN, CAP_SYS_PTRACE, CAP_SYS_MODULE, CAP_DAC_READ_SEARCH, CAP_BPF, CAP_NET_ADMIN]
          - requestObject.spec.initContainers.securityContext.capabilities.add: [ALL, SYS_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, DAC_READ_SEARCH, BPF, NET_ADMIN, CAP_SYS_ADMIN, CAP_SYS_PTRACE, CAP_SYS_MODULE, CAP_DAC_READ_SEARCH, CAP_BPF, CAP_NET_ADMIN]
        _ok:
          '@decision': allow
        _mirror:
          user.username|startswith: 'system:node:'
        _daemonset:
          user.username: [system:kube-controller-manager, system:serviceaccount:kube-system:daemon-set-controller]
          requestObject.metadata.ownerReferences.kind: DaemonSet
        condition: selection and caps and _ok and not _mirror and not _daemonset
      reason: "{@resource} adds capabilities {requestObject.spec.containers.securityContext.capabilities.add}"
      falsepositives:
        - VPN and service-mesh sidecars that add NET_ADMIN

    - id: k8s.workload.node-escape
      title: Workload template that escapes to the node
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1611, T1610]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: [deployments, daemonsets, statefulsets, replicasets, replicationcontrollers, jobs, cronjobs]
        escape:
          - requestObject.spec.template.spec.containers.securityContext.privileged: true
          - requestObject.spec.template.spec.initContainers.securityContext.privileged: true
          - requestObject.spec.template.spec.hostPID: true
          - requestObject.spec.template.spec.hostIPC: true
          - requestObject.spec.template.spec.volumes.hostPath.path: ['/', '/etc', '/proc', '/var/run', '/run', '/root', '/home', '/var/lib/kubelet', '/etc/kubernetes', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock']
          - requestObject.spec.jobTemplate.spec.template.spec.containers.securityContext.privileged: true
          - requestObject.spec.jobTemplate.spec.template.spec.hostPID: true
          - requestObject.spec.jobTemplate.spec.template.spec.volumes.hostPath.path: ['/', '/etc', '/proc', '/var/run', '/run', '/root', '/var/lib/kubelet', '/etc/kubernetes', '/var/run/docker.sock', '/run/containerd/containerd.sock']
        _ok:
          '@decision': allow
        _platform:
          user.username: [system:apiserver, system:kube-controller-manager, 'system:serviceaccount:kube-system:*']
        condition: selection and escape and _ok and not _platform
      reason: "{@resource} runs privileged, on host namespaces or with a host path (image {requestObject.spec.template.spec.containers.image})"
      falsepositives:
        - Installing or upgrading node agents (CNI, CSI, security sensors) from a chart

    - id: k8s.pod.attack-tool-image
      title: Pod running a miner or an offensive-tool image
      format: k8s_audit
      level: high
      tactic: execution
      techniques: [T1610, T1496]
      detection:
        selection:
          verb: create
          objectRef.resource: pods
          objectRef.subresource: null
        image:
          - requestObject.spec.containers.image|contains: [xmrig, xmr-stak, cpuminer, minerd, nicehash, ethminer, kalilinux/, /kali-rolling, peirates, kube-hunter, bishopfox/badpod, cdk-team/cdk, /deepce]
          - requestObject.spec.initContainers.image|contains: [xmrig, xmr-stak, cpuminer, minerd, nicehash, ethminer, kalilinux/, /kali-rolling, peirates, kube-hunter, bishopfox/badpod, cdk-team/cdk, /deepce]
        _ok:
          '@decision': allow
        condition: selection and image and _ok
      reason: "{@resource} runs image {requestObject.spec.containers.image}"
      falsepositives:
        - Authorised penetration tests

    - id: k8s.pod.kube-system-created
      title: Pod created in kube-system by someone other than the platform
      format: k8s_audit
      level: medium
      tactic: persistence
      techniques: [T1610]
      detection:
        selection:
          '@action': create pods
          '@resource|startswith': kube-system/
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{@resource} image {requestObject.spec.containers.image} created directly in kube-system"
      falsepositives:
        - Administrators running debug pods in kube-system
    """#

    // MARK: commands in running containers and on nodes

    static let kubernetesExec = #"""
    - id: k8s.pod.exec
      title: Command run in a container (exec or attach)
      format: k8s_audit
      level: medium
      tactic: execution
      techniques: [T1609]
      detection:
        selection:
          '@action': [create pods/exec, get pods/exec, create pods/attach, get pods/attach]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "{@action} in {@resource}"
      falsepositives:
        - Operators debugging a workload by hand

    - id: k8s.pod.ephemeral-container
      title: Ephemeral container added to a running pod
      format: k8s_audit
      level: medium
      tactic: execution
      techniques: [T1609]
      detection:
        selection:
          '@action': [update pods/ephemeralcontainers, patch pods/ephemeralcontainers]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "ephemeral container in {@resource} image {requestObject.spec.ephemeralContainers.image}"
      falsepositives:
        - kubectl debug sessions

    - id: k8s.pod.port-forward
      title: Port forwarded into a pod
      format: k8s_audit
      level: low
      tactic: command-and-control
      techniques: [T1572]
      detection:
        selection:
          '@action': [create pods/portforward, get pods/portforward]
        _ok:
          '@decision': allow
        condition: selection and _ok
      reason: "port-forward to {@resource}"
      falsepositives:
        - Developers reaching a database or dashboard through kubectl

    - id: k8s.node.proxy-exec
      title: Command sent to a kubelet through the nodes/proxy API
      format: k8s_audit
      level: high
      tactic: execution
      techniques: [T1609]
      detection:
        write:
          '@action': create nodes/proxy
        kubelet_exec:
          objectRef.resource: nodes
          objectRef.subresource: proxy
          requestURI|contains: [/exec/, /run/, /attach/, /portForward/, /cri/]
        _ok:
          '@decision': allow
        condition: (write or kubelet_exec) and _ok
      reason: "kubelet API on {@resource}: {requestURI}"
      falsepositives:
        - Node debugging tools that call the kubelet through the API server
    """#

    // MARK: RBAC: who may do what

    static let kubernetesRBAC = #"""
    - id: k8s.rbac.cluster-admin-bound
      title: Binding to cluster-admin or to the system:masters group
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1098.006]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: [clusterrolebindings, rolebindings]
        admin:
          - requestObject.roleRef.name: cluster-admin
          - requestObject.subjects.name: system:masters
        _ok:
          '@decision': allow
        _bootstrap:
          user.username: system:apiserver
        condition: selection and admin and _ok and not _bootstrap
      reason: "{@resource} binds {requestObject.roleRef.name} to {requestObject.subjects.kind} {requestObject.subjects.name}"
      falsepositives:
        - Bootstrapping a new cluster's administrators

    - id: k8s.rbac.clusterrolebinding-written
      title: Cluster-wide role binding written outside the platform
      format: k8s_audit
      level: medium
      tactic: privilege-escalation
      techniques: [T1098.006]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: clusterrolebindings
        _ok:
          '@decision': allow
        _admin:
          - requestObject.roleRef.name: cluster-admin
          - requestObject.subjects.name: system:masters
        _platform:
          user.username: [system:apiserver, system:kube-controller-manager, 'system:serviceaccount:kube-system:*']
        condition: selection and _ok and not _admin and not _platform
      reason: "{@resource} grants {requestObject.roleRef.name} cluster-wide to {requestObject.subjects.kind} {requestObject.subjects.name}"
      falsepositives:
        - Installing an operator or chart that needs cluster-wide rights

    - id: k8s.rbac.full-wildcard-role
      title: Role granting every verb on every resource
      format: k8s_audit
      # Medium, not high: the three wildcards may come from three different rules of the role
      # (operator charts do that); the engine cannot yet require them within one rule.
      level: medium
      tactic: privilege-escalation
      techniques: [T1098.006]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: [clusterroles, roles]
          requestObject.rules.apiGroups: '\*'
          requestObject.rules.resources: '\*'
          requestObject.rules.verbs: '\*'
        _ok:
          '@decision': allow
        _platform:
          user.username: [system:apiserver, system:kube-controller-manager, 'system:serviceaccount:kube-system:*']
        condition: selection and _ok and not _platform
      reason: "{@resource} grants * on * (cluster-admin equivalent)"
      falsepositives:
        - Administrators creating a break-glass role

    - id: k8s.rbac.wildcard-role
      title: Role granting wildcard verbs or resources
      format: k8s_audit
      level: medium
      tactic: privilege-escalation
      techniques: [T1098.006]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: [clusterroles, roles]
        wildcard:
          - requestObject.rules.verbs: '\*'
          - requestObject.rules.resources: '\*'
        _ok:
          '@decision': allow
        _full:
          requestObject.rules.apiGroups: '\*'
          requestObject.rules.resources: '\*'
          requestObject.rules.verbs: '\*'
        _platform:
          user.username: [system:apiserver, system:kube-controller-manager, 'system:serviceaccount:kube-system:*']
        condition: selection and wildcard and _ok and not _full and not _platform
      reason: "{@resource} grants verbs {requestObject.rules.verbs} on {requestObject.rules.resources}"
      falsepositives:
        - Operators given every verb on their own custom resources

    - id: k8s.rbac.escalation-verbs
      title: Role granting escalate, bind or impersonate
      format: k8s_audit
      level: high
      tactic: privilege-escalation
      techniques: [T1098.006]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: [clusterroles, roles]
          requestObject.rules.verbs: [escalate, bind, impersonate]
        _ok:
          '@decision': allow
        _platform:
          user.username: [system:apiserver, system:kube-controller-manager, 'system:serviceaccount:kube-system:*']
        condition: selection and _ok and not _platform
      reason: "{@resource} grants {requestObject.rules.verbs} on {requestObject.rules.resources}"
      falsepositives:
        - RBAC managers (Rancher, OLM) that create bindings for others
    """#

    // MARK: credentials: tokens, certificates, secrets in the wrong place

    static let kubernetesCredentials = #"""
    - id: k8s.secret.sa-token-created
      title: Long-lived service-account token secret created
      format: k8s_audit
      level: medium
      tactic: persistence
      techniques: [T1098.001, T1528]
      detection:
        selection:
          verb: create
          objectRef.resource: secrets
        token:
          - requestObject.type: kubernetes.io/service-account-token
          - responseObject.type: kubernetes.io/service-account-token
          # Metadata-level logs carry no body: the legacy token name (<sa>-token-<5 chars of
          # the API server's random alphabet>) still tells.
          - objectRef.name|re: '-token-[bcdfghjklmnpqrstvwxz2456789]{5}$'
        _ok:
          '@decision': allow
        condition: selection and token and _ok
      reason: "{@resource} is a service-account token (account {requestObject.metadata.annotations.kubernetes.io/service-account.name})"
      falsepositives:
        - Clusters before 1.24, where the token controller creates one per service account

    - id: k8s.serviceaccount.token-minted
      title: Token minted for a service account
      format: k8s_audit
      level: medium
      tactic: credential-access
      techniques: [T1528]
      detection:
        selection:
          '@action': create serviceaccounts/token
        _ok:
          '@decision': allow
        _kube_system:
          '@resource|startswith': kube-system/
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _kube_system and not _platform
      reason: "token minted for {@resource}"
      falsepositives:
        - kubectl create token by an administrator
        - Secret operators that mint tokens for the accounts they serve

    - id: k8s.serviceaccount.token-minted-kube-system
      title: Token minted for a kube-system service account
      format: k8s_audit
      level: high
      tactic: credential-access
      techniques: [T1528]
      detection:
        selection:
          '@action': create serviceaccounts/token
          '@resource|startswith': kube-system/
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "token minted for {@resource}"
      falsepositives:
        - Break-glass access prepared by an administrator

    - id: k8s.serviceaccount.created-kube-system
      title: Service account created in kube-system
      format: k8s_audit
      level: medium
      tactic: persistence
      techniques: [T1136]
      detection:
        selection:
          '@action': create serviceaccounts
          '@resource|startswith': kube-system/
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{@resource} created"
      falsepositives:
        - Installing a cluster add-on into kube-system

    - id: k8s.configmap.credentials
      title: ConfigMap holding credentials
      format: k8s_audit
      level: medium
      tactic: credential-access
      techniques: [T1552.001, T1552.007]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: configmaps
          requestObject.data|contains:
            - password
            - passwd
            - passphrase
            - aws_access_key_id
            - aws-access-key-id
            - access_key_id
            - access-key-id
            - secret_access_key
            - secret-access-key
            - secret_key
            - secret-key
            - client_secret
            - client-secret
            - api_key
            - api-key
            - apikey
            - auth_token
            - access_token
            - refresh_token
            - bearer_token
            - private_key
            - PRIVATE KEY-----
        _ok:
          '@decision': allow
        _platform:
          user.username|startswith: ['system:node:', 'system:kube-', 'system:apiserver', 'eks:', aksService]
        condition: selection and _ok and not _platform
      reason: "{@resource} holds credential-like keys or values"
      falsepositives:
        - Configuration that names a password file or variable without holding the secret

    - id: k8s.csr.approved
      title: Certificate signing request approved by hand
      format: k8s_audit
      level: medium
      tactic: credential-access
      techniques: [T1649]
      detection:
        selection:
          '@action': [update certificatesigningrequests/approval, patch certificatesigningrequests/approval]
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "certificate signing request {@resource} approved"
      falsepositives:
        - Administrators issuing client certificates to new colleagues

    - id: k8s.secret.listed-all-namespaces
      title: Secrets listed across every namespace
      format: k8s_audit
      level: low
      tactic: credential-access
      techniques: [T1552.007]
      detection:
        selection:
          # A list, not a watch: controllers keep a watch open on every namespace's secrets all
          # day (ingress, cert and secret-sync controllers); what dumps them is the list.
          '@action': list secrets
          '@resource': secrets
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        # A client-go informer lists from its cache's resourceVersion before it watches (a
        # controller's start or relist); `kubectl get secrets -A` and scripts list without one.
        _informer:
          requestURI|contains: 'resourceVersion='
        condition: selection and _ok and not _platform and not _informer
      reason: "{@action} across all namespaces"
      falsepositives:
        - Ingress, certificate and secret-sync controllers starting up
    """#

    // MARK: who is calling: anonymous callers, impersonation

    static let kubernetesAccess = #"""
    - id: k8s.anonymous.write
      title: Write by an unauthenticated caller
      format: k8s_audit
      level: high
      tactic: initial-access
      techniques: [T1078.001]
      detection:
        anonymous:
          - '@identity': system:anonymous
          - user.groups: system:unauthenticated
        write:
          '@action|startswith': ['create ', 'update ', 'patch ', 'delete ', 'deletecollection ']
        _ok:
          '@decision': allow
        condition: anonymous and write and _ok
      reason: "anonymous caller wrote {@resource} ({@action}) from {@source_ip}"
      falsepositives:
        - None known; anonymous writes mean RBAC grants rights to system:anonymous

    - id: k8s.anonymous.read
      title: Resource read by an unauthenticated caller
      format: k8s_audit
      level: medium
      tactic: initial-access
      techniques: [T1078.001]
      detection:
        anonymous:
          - '@identity': system:anonymous
          - user.groups: system:unauthenticated
        read:
          '@action|startswith': ['get ', 'list ', 'watch ']
        _ok:
          '@decision': allow
        # Non-resource URLs (/version, /healthz) are public by design; so is kube-public.
        _public:
          - '@action|contains': ' /'
          - '@resource|startswith': kube-public/
        condition: anonymous and read and _ok and not _public
      reason: "anonymous caller read {@resource} ({@action}) from {@source_ip}"
      falsepositives:
        - Clusters that deliberately open read access to unauthenticated callers

    - id: k8s.impersonation.privileged
      title: Impersonation of an administrator or control-plane identity
      format: k8s_audit
      level: medium
      tactic: privilege-escalation
      techniques: [T1078]
      detection:
        target:
          - impersonatedUser.groups: system:masters
          - impersonatedUser.username: [system:admin, system:kube-controller-manager, system:kube-scheduler, system:apiserver]
          - impersonatedUser.username|startswith: ['system:serviceaccount:kube-system:', 'system:node:']
        _ok:
          '@decision': allow
        condition: target and _ok
      reason: "{@actor} acting as {@identity} (groups {impersonatedUser.groups}): {@action} {@resource}"
      falsepositives:
        - Administrators testing permissions with kubectl --as
    """#

    // MARK: the cluster's own defences: events, admission control, scheduled jobs

    static let kubernetesControlPlane = #"""
    - id: k8s.events.deleted
      title: Kubernetes events deleted
      format: k8s_audit
      level: medium
      tactic: defense-evasion
      techniques: [T1070]
      detection:
        selection:
          '@action': [delete events, deletecollection events]
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:node:', 'system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{@action} {@resource}"
      falsepositives:
        - Event exporters that clean up after shipping

    - id: k8s.admission.webhook-deleted
      title: Admission webhook removed
      format: k8s_audit
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          '@action': [delete validatingwebhookconfigurations, delete mutatingwebhookconfigurations, deletecollection validatingwebhookconfigurations, deletecollection mutatingwebhookconfigurations]
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{@action} {@resource}"
      falsepositives:
        - Uninstalling a policy engine or operator

    - id: k8s.admission.policy-deleted
      title: Admission policy removed
      format: k8s_audit
      level: medium
      tactic: defense-evasion
      techniques: [T1562.001]
      detection:
        selection:
          verb: [delete, deletecollection]
        policy:
          - objectRef.resource: [validatingadmissionpolicies, validatingadmissionpolicybindings]
          - objectRef.apiGroup: kyverno.io
            objectRef.resource: [clusterpolicies, policies]
          - objectRef.apiGroup: [constraints.gatekeeper.sh, templates.gatekeeper.sh]
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and policy and _ok and not _platform
      reason: "{objectRef.apiGroup} {@resource} deleted"
      falsepositives:
        - Policy owners retiring a rule

    - id: k8s.admission.mutating-webhook-written
      title: Mutating admission webhook created or changed
      format: k8s_audit
      level: low
      tactic: persistence
      techniques: [T1610]
      detection:
        selection:
          verb: [create, update, patch]
          objectRef.resource: mutatingwebhookconfigurations
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{verb} mutating webhook {objectRef.name} (webhooks {requestObject.webhooks.name})"
      falsepositives:
        - Service meshes and certificate injectors refreshing their webhooks

    - id: k8s.cronjob.created
      title: CronJob created
      format: k8s_audit
      level: low
      tactic: persistence
      techniques: [T1053.007]
      detection:
        selection:
          '@action': create cronjobs
        _ok:
          '@decision': allow
        _platform:
          '@identity|startswith': ['system:kube-', 'system:apiserver', 'system:serviceaccount:kube-system:', 'eks:', aksService, 'system:gke-', 'system:addon-manager']
        condition: selection and _ok and not _platform
      reason: "{@resource} image {requestObject.spec.jobTemplate.spec.template.spec.containers.image}"
      falsepositives:
        - Applications' scheduled maintenance jobs
    """#
}
