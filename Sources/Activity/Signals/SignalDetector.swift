import Events
import Foundation

/// One identity's learned baseline and the state of its signal detectors (risk-and-response
/// notes §2, S1–S17 except S2–S4, S15, S18 and S19). Feed it that identity's events in order;
/// it raises contributions into the identity's `ContributionSet`.
///
/// - **Event time only.** Windows, warm-up, dormancy and rates use `NormalizedEvent.time`;
///   a replay gives the same contributions as the live stream did.
/// - **Warm-up.** Novelty (S1, S5, S9 single new secret, S16, S17 new tool, S8 first deny) is
///   muted until the identity has `warmUpEvents` events *and* `warmUpSeconds` of event time
///   behind it; meanwhile it only learns. Recon, harvest, category and dormancy signals fire
///   from the first event: a leaked key has no history to hide in.
/// - **Bounded.** Every collection has a fixed cap (see the `*Capacity` constants); names are
///   kept as 8-byte fingerprints except the few shown in reasons. About 6–12 KiB after
///   typical use, ~19 KiB at worst (`approximateBytes`).
/// - **Volume is not risk.** Rates are judged against the identity's own baseline, and only
///   novel list/describe/get actions count towards an enumeration burst.
public struct SignalDetector: Hashable, Sendable {
    /// S1: networks remembered per identity. Past this, a new network replaces one unseen
    /// for `staleNetworkDays`; if none is that old the identity is network-diverse and a new
    /// network is neither learned nor reported (counted in `unlearnedNetworks`).
    public static let networkCapacity = 16
    /// S1: a known network unseen this long counts as new again (Elastic's 10 days).
    public static let staleNetworkDays: Int64 = 10
    /// S5/S6/S7/S17: distinct actions learned. When full, learning stops and S5/S17 stay
    /// silent for unknown actions (they cannot tell new from forgotten); S6 still fires.
    public static let actionCapacity = 256
    /// S9: distinct secrets learned. When full, learning stops and single new secrets stay
    /// silent (a bulk reader); harvests of secrets outside the learned set still fire.
    public static let secretCapacity = 1024
    /// S8: actions this identity has been denied on (for the first-deny rule).
    public static let deniedActionCapacity = 128
    static let enumerationRingCapacity = 128
    static let harvestRingCapacity = 64
    /// S16: active minutes needed before the per-minute baseline is trusted.
    static let volumeMinMinutes = 10
    /// S16: α = 2/(N+1), N = 60 active minutes.
    static let volumeAlpha = 2.0 / 61.0
    /// S8: α of the hourly deny-rate baseline, N = 24 hours.
    static let denyAlpha = 2.0 / 25.0
    static let hourMicros: Int64 = 3_600_000_000
    static let minuteMicros: Int64 = 60_000_000

    struct KnownNetwork: Hashable, Sendable {
        var name: String
        var lastSeen: Int64
    }

    struct EnumerationEntry: Hashable, Sendable {
        var time: Int64
        var action: UInt64
        var service: String  // ≤ 15 UTF-8 bytes: stored inline, no allocation
        var denied: Bool
    }

    struct HarvestEntry: Hashable, Sendable {
        var time: Int64
        var secret: UInt64
        var denied: Bool
    }

    /// Events observed.
    public private(set) var events = 0
    /// Networks that could not be learned because the set was full of recent ones.
    public private(set) var unlearnedNetworks = 0
    private var firstSeen: Int64 = .max
    private var lastSeen: Int64 = .min

    private var networks: [KnownNetwork] = []
    private var actions = FingerprintSet(capacity: SignalDetector.actionCapacity)
    private var secrets = FingerprintSet(capacity: SignalDetector.secretCapacity)
    private var deniedActions = FingerprintSet(capacity: SignalDetector.deniedActionCapacity)

    // S7
    private var enumeration: [EnumerationEntry] = []
    private var enumerationFired: Int64? = nil
    private var enumerationFiredDistinct = 0

    // S8
    private var denied = 0
    private var denies = SlidingCounter(slots: 10, slotSeconds: 60)
    private var denyHour: Int64? = nil
    private var denyHourCount = 0
    private var denyHoursClosed = 0
    private var denyPerHour = 0.0
    private var spikeFired: Int64? = nil
    private var spikeFiredCount = 0
    private var lastDeniedAction = ""

    // S9
    private var harvest: [HarvestEntry] = []
    private var harvestFired: Int64? = nil

    // S16
    private var volumeMinute: Int64? = nil
    private var volumeCount = 0
    private var volumeLastEvent: Int64 = 0
    private var volumeMean = 0.0
    private var volumeVariance = 0.0
    private var volumeMinutes = 0
    /// The busiest closed minute, decaying with a one-day half-life, and when it was.
    private var volumePeak = 0.0
    private var volumePeakMinute: Int64 = 0
    /// Set while the open minute has already raised S16: (usual mean, usual σ) it was judged by.
    private var volumeFiredAgainst: VolumeBaseline? = nil

    struct VolumeBaseline: Hashable, Sendable {
        var mean: Double
        var sigma: Double
        var peak: Double
    }

    /// S16 also needs the minute to beat the identity's recent peak by this factor: an hourly
    /// batch job bursts every hour, and a one-hour EWMA forgets that between bursts.
    static let volumePeakFactor = 1.5
    static let volumePeakHalfLifeMinutes = 1440.0

    private func decayedPeak(at minute: Int64) -> Double {
        volumePeak * exp2(-Double(max(0, minute - volumePeakMinute)) / Self.volumePeakHalfLifeMinutes)
    }

    public init(config: RiskConfig = .standard) {}

    /// True once novelty may speak: enough events and enough event time watched.
    public func isWarm(at t: EventTime, config: RiskConfig) -> Bool {
        events >= config.warmUpEvents && firstSeen != .max
            && t.microseconds(since: EventTime(microseconds: firstSeen)) >= EventTime.zero.adding(seconds: config.warmUpSeconds).microseconds
    }

    /// Judges one event against what this identity usually does, then learns from it.
    public mutating func observe(_ e: NormalizedEvent, categories: ActionCategory, config: RiskConfig,
                                 into set: inout ContributionSet) {
        let t = e.time.microseconds
        let warm = isWarm(at: e.time, config: config)
        let failed = e.decision == .deny || e.decision == .error
        let confidence = failed ? 0.5 : 1.0
        let action = e.action
        let actionPrint = fingerprint(action)
        let actionKnown = actions.contains(actionPrint)

        // S14 before anything learns this event's time.
        if lastSeen != .min, e.time.microseconds(since: EventTime(microseconds: lastSeen)) > Int64(config.dormantHours * 3_600_000_000) {
            set.raise(Contribution(
                signal: .dormantWake, key: "wake", points: config.weight(.dormantWake), firstSeen: e.time,
                reason: "active again after \(SignalText.duration(e.time.microseconds(since: EventTime(microseconds: lastSeen)))) of silence (last event \(String(EventTime(microseconds: lastSeen).iso8601.prefix(10))))"))
        }

        observeVolume(e, warm: warm, config: config, into: &set)

        // S6: a "who am I" it has not asked before, warm-up or not.
        var whoami = false
        if categories.contains(.recon), !actionKnown {
            whoami = true
            let from = e.sourceIP.isEmpty ? "" : " from \(SignalText.middle(e.sourceIP, max: 40))"
            set.raise(Contribution(
                signal: .whoami, key: SignalText.middle(action, max: 96), points: config.weight(.whoami) * confidence,
                firstSeen: e.time,
                reason: "first whoami call \(SignalText.middle(action))\(from) (event \(events + 1) of this identity)"))
        }

        // S5 / S17: a new action after warm-up (agents: a new tool).
        if warm, !actionKnown, !actions.isFull, !whoami {
            let watched = SignalText.duration(t - firstSeen)
            if e.identityKind == .aiAgent {
                set.raise(Contribution(
                    signal: .agentTool, key: SignalText.middle(action, max: 96), points: config.weight(.agentTool),
                    firstSeen: e.time,
                    reason: "agent called tool \(SignalText.middle(action)) for the first time in \(events) calls over \(watched) (usual: \(actions.count) tools)"))
            } else {
                let sensitive = Self.sensitivity(action, categories)
                if sensitive == nil, SignalText.isEnumeration(action) {
                    // New read-only calls share one row: a burst of them is S7's story, and
                    // one row per List call would crowd out the evidence that matters.
                    let n = (set.contribution(.firstAction, key: "reads")?.count ?? 0) + 1
                    set.raise(Contribution(
                        signal: .firstAction, key: "reads", points: config.weight(.firstAction), firstSeen: e.time,
                        reason: n == 1 ? "first \(SignalText.middle(action)) in \(events) events over \(watched)"
                            : "\(n) read-only actions new to it (latest \(SignalText.middle(action)))"))
                } else {
                    let w = config.weight(.firstAction) * (sensitive == nil ? 1 : 35.0 / 15.0)
                    let why = sensitive.map { " (sensitive: \($0))" } ?? ""
                    set.raise(Contribution(
                        signal: .firstAction, key: SignalText.middle(action, max: 96), points: w, firstSeen: e.time,
                        reason: "first \(SignalText.middle(action)) in \(events) events over \(watched)\(why)"))
                }
            }
        }

        // S17: a denied tool call, warm-up or not.
        if e.identityKind == .aiAgent, e.decision == .deny {
            set.raise(Contribution(
                signal: .agentTool, key: SignalText.middle(action, max: 96),
                points: config.weight(.agentTool) * 30.0 / 45.0, firstSeen: e.time,
                reason: "agent tool call denied by policy: \(SignalText.middle(action))"))
        }

        observeNetwork(e, warm: warm, config: config, into: &set)
        observeEnumeration(e, actionPrint: actionPrint, novel: !actionKnown, config: config, into: &set)
        observeDenies(e, actionPrint: actionPrint, warm: warm, config: config, into: &set)
        if categories.contains(.secretAccess) {
            observeSecret(e, warm: warm, config: config, into: &set)
        }
        observeCategories(e, categories: categories, confidence: confidence, routine: warm && actionKnown,
                          config: config, into: &set)

        // Learn.
        actions.insert(actionPrint)
        events += 1
        firstSeen = min(firstSeen, t)
        lastSeen = max(lastSeen, t)
    }

    // MARK: S1

    private mutating func observeNetwork(_ e: NormalizedEvent, warm: Bool, config: RiskConfig, into set: inout ContributionSet) {
        guard let net = SignalText.network(e.sourceIP) else { return }
        let t = e.time.microseconds
        let stale = Self.staleNetworkDays * 86_400_000_000
        if let i = networks.firstIndex(where: { $0.name == net }) {
            let gap = t - networks[i].lastSeen
            networks[i].lastSeen = max(networks[i].lastSeen, t)
            guard warm, gap > stale else { return }
            raiseNetwork(e, net: net, text: "from network \(net) not seen for \(SignalText.duration(gap))" + usualNetworks(excluding: net),
                         config: config, into: &set)
            return
        }
        var slot: Int? = networks.count < Self.networkCapacity ? networks.count : nil
        if slot == nil {
            // Replace the longest-unseen network if it has gone stale.
            var oldest = 0
            for j in networks.indices
            where (networks[j].lastSeen, networks[j].name) < (networks[oldest].lastSeen, networks[oldest].name) { oldest = j }
            if t - networks[oldest].lastSeen > stale { slot = oldest }
        }
        guard let s = slot else { unlearnedNetworks += 1; return }
        let text = "from new network \(net)" + usualNetworks(excluding: net)
        if s == networks.count { networks.append(KnownNetwork(name: net, lastSeen: t)) } else { networks[s] = KnownNetwork(name: net, lastSeen: t) }
        guard warm else { return }
        raiseNetwork(e, net: net, text: text, config: config, into: &set)
    }

    private func raiseNetwork(_ e: NormalizedEvent, net: String, text: String, config: RiskConfig, into set: inout ContributionSet) {
        let who: String
        if e.credentialID.isEmpty {
            who = "identity"
        } else if e.credentialID.hasPrefix("AKIA") || e.credentialID.hasPrefix("ASIA") {
            who = "key \(SignalText.credential(e.credentialID))"
        } else {
            who = "credential \(SignalText.credential(e.credentialID))"
        }
        set.raise(Contribution(signal: .newNetwork, key: net, points: config.weight(.newNetwork), firstSeen: e.time,
                               reason: "\(who) \(text)"))
    }

    /// ` (usual: a, b, c +2 more)`, most recently seen first.
    private func usualNetworks(excluding net: String) -> String {
        let others = networks.filter { $0.name != net }
            .sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.name < $1.name }
        guard !others.isEmpty else { return " (no other network seen)" }
        let shown = others.prefix(3).map(\.name).joined(separator: ", ")
        return others.count > 3 ? " (usual: \(shown) +\(others.count - 3) more)" : " (usual: \(shown))"
    }

    // MARK: S7

    private mutating func observeEnumeration(_ e: NormalizedEvent, actionPrint: UInt64, novel: Bool,
                                             config: RiskConfig, into set: inout ContributionSet) {
        let t = e.time.microseconds
        let window = config.enumerationWindowSeconds * 1_000_000
        enumeration.removeAll { t - $0.time > window || $0.time > t }
        // Only actions this identity had not done before count: a scanner that lists the same
        // fifty APIs every hour is routine, a key that suddenly lists everything is not.
        guard novel, SignalText.isEnumeration(e.action) else { return }
        if enumeration.count >= Self.enumerationRingCapacity { enumeration.removeFirst() }
        enumeration.append(EnumerationEntry(time: t, action: actionPrint, service: SignalText.service(of: e.action),
                                            denied: e.decision == .deny))
        var distinct = FingerprintSet(capacity: Self.enumerationRingCapacity)
        var services: [String] = []
        var deniedCount = 0
        for x in enumeration {
            if !distinct.contains(x.action) {
                distinct.insert(x.action)
                if x.denied { deniedCount += 1 }
            }
            if !services.contains(x.service) { services.append(x.service) }
        }
        guard distinct.count >= config.enumerationDistinct else { return }
        var repeatCount = 1
        if let last = enumerationFired, t - last < window {
            // The same burst growing: update its words (count 0 adds no repeat).
            guard distinct.count > enumerationFiredDistinct else { return }
            repeatCount = 0
        } else {
            enumerationFired = t
        }
        enumerationFiredDistinct = distinct.count
        services.sort()
        let named = services.prefix(4).joined(separator: ", ") + (services.count > 4 ? ", …" : "")
        let plural = services.count == 1 ? "service" : "services"
        let deniedText = deniedCount > 0 ? "; \(deniedCount) denied" : ""
        set.raise(Contribution(
            signal: .enumeration, key: "burst", points: config.weight(.enumeration), count: repeatCount, firstSeen: e.time,
            reason: "\(distinct.count) distinct new List/Describe/Get actions in \(config.enumerationWindowSeconds) s across \(services.count) \(plural) (\(named))\(deniedText)"))
    }

    // MARK: S8

    private mutating func observeDenies(_ e: NormalizedEvent, actionPrint: UInt64, warm: Bool,
                                        config: RiskConfig, into set: inout ContributionSet) {
        let t = e.time.microseconds
        rollDenyHours(to: t)
        guard e.decision == .deny else { return }
        denies.add(e.time)
        if e.time.microseconds.floorDivided(by: Self.hourMicros) == denyHour { denyHourCount += 1 }
        denied += 1
        lastDeniedAction = SignalText.middle(e.action, max: 40)

        // The first deny ever on an action, for kinds whose denies are normally rare.
        let firstKinds: Set<IdentityKind> = [.k8sServiceAccount, .ciJob, .aiAgent]
        if !deniedActions.contains(actionPrint) {
            let learned = deniedActions.insert(actionPrint)
            if warm, learned, firstKinds.contains(e.identityKind) {
                set.raise(Contribution(
                    signal: .denySpike, key: "first:" + SignalText.middle(e.action, max: 90),
                    points: config.weight(.denySpike) * 10.0 / 30.0, firstSeen: e.time,
                    reason: "first deny on \(SignalText.middle(e.action)) (\(e.identityKind.label) never denied on it in \(events) events)"))
            }
        }

        let inWindow = denies.sum(last: 10, endingAt: e.time)
        let usual = usualDeniesPerHour(at: t, inWindow: inWindow)
        let lambda = usual / 6
        let noise = max(lambda, 0.25).squareRoot()
        let floor = warm ? min(config.denySpikeCount, 5) : config.denySpikeCount
        let threshold = max(Double(floor), lambda + 4 * noise)
        guard Double(inWindow) >= threshold else { return }
        var repeatCount = 1
        if let last = spikeFired, t - last < 10 * Self.minuteMicros {
            // The same spike growing: only its words change (count 0 adds no repeat).
            guard inWindow > spikeFiredCount else { return }
            repeatCount = 0
        } else {
            spikeFired = t
        }
        spikeFiredCount = inWindow
        let baseline = warm || denyHoursClosed > 0 ? "usual \(SignalText.rate(usual))/h" : "no baseline yet (\(events) events)"
        set.raise(Contribution(
            signal: .denySpike, key: "spike", points: config.weight(.denySpike), count: repeatCount, firstSeen: e.time,
            reason: "\(inWindow) denied in 10 min (last: \(lastDeniedAction)); \(baseline)"))
    }

    /// Closes finished hours into the EWMA of denies per hour.
    private mutating func rollDenyHours(to t: Int64) {
        let hour = t.floorDivided(by: Self.hourMicros)
        guard let open = denyHour else { denyHour = hour; return }
        guard hour > open else { return }
        var x = Double(denyHourCount)
        if denyHoursClosed == 0 {
            // The first hour is usually partial: scale it to a full hour (at least 10 min watched).
            let watched = max(Self.minuteMicros * 10, (open + 1) * Self.hourMicros - min(firstSeen, t))
            x *= Double(Self.hourMicros) / Double(min(watched, Self.hourMicros))
            denyPerHour = x
        } else {
            denyPerHour += Self.denyAlpha * (x - denyPerHour)
        }
        denyHoursClosed += 1
        // Quiet hours in between pull the baseline down (bounded: after a month it is ~0 anyway).
        let quiet = min(hour - open - 1, 24 * 31)
        if quiet > 0 {
            for _ in 0..<quiet { denyPerHour *= 1 - Self.denyAlpha }
            denyHoursClosed += Int(quiet)
        }
        denyHour = hour
        denyHourCount = 0
    }

    /// Denies per hour this identity usually gets: the hourly EWMA once an hour has closed,
    /// before that the average outside the current 10-minute window.
    private func usualDeniesPerHour(at t: Int64, inWindow: Int) -> Double {
        if denyHoursClosed > 0 { return denyPerHour }
        guard firstSeen != .max else { return 0 }
        let hours = max(0.5, Double(t - firstSeen) / Double(Self.hourMicros))
        return Double(max(0, denied - inWindow)) / hours
    }

    // MARK: S9

    private mutating func observeSecret(_ e: NormalizedEvent, warm: Bool, config: RiskConfig, into set: inout ContributionSet) {
        let name = e.resource.isEmpty ? e.action : e.resource
        let print = fingerprint(name)
        // Reading its own secrets again is routine.
        if secrets.contains(print) { return }
        let t = e.time.microseconds
        let denied = e.decision == .deny
        let full = secrets.isFull
        // A denied read is evidence, not a secret of its own: it is not learned.
        if !denied { secrets.insert(print) }

        let window = 15 * Self.minuteMicros
        harvest.removeAll { t - $0.time > window || $0.time > t }
        if !harvest.contains(where: { $0.secret == print }) {
            if harvest.count >= max(Self.harvestRingCapacity, config.secretHarvestCount) { harvest.removeFirst() }
            harvest.append(HarvestEntry(time: t, secret: print, denied: denied))
        }
        let shown = SignalText.middle(name)
        if harvest.count >= config.secretHarvestCount {
            if let last = harvestFired, t - last < window { return }
            harvestFired = t
            let deniedCount = harvest.filter(\.denied).count
            let deniedText = deniedCount > 0 ? "; \(deniedCount) denied" : ""
            set.raise(Contribution(
                signal: .secretAccess, key: "harvest", points: config.weight(.secretAccess), firstSeen: e.time,
                reason: "read \(harvest.count) different secrets new to it in 15 min (latest \(shown))\(deniedText)"))
            return
        }
        guard warm, !full else { return }
        let usual = secrets.count - (denied ? 0 : 1)
        let verb = denied ? "tried to read (denied)" : "first read of"
        set.raise(Contribution(
            signal: .secretAccess, key: SignalText.middle(name, max: 96),
            points: config.weight(.secretAccess) * 20.0 / 55.0 * (denied ? 0.5 : 1), firstSeen: e.time,
            reason: "\(verb) secret \(shown) (it usually reads \(usual) secret\(usual == 1 ? "" : "s"))"))
    }

    // MARK: S10–S13

    /// `routine`: a warm identity doing an action it has done before (a CI role rotating keys
    /// every week). Still evidence, at a fifth of the weight, and said so.
    private func observeCategories(_ e: NormalizedEvent, categories: ActionCategory, confidence: Double,
                                   routine: Bool, config: RiskConfig, into set: inout ContributionSet) {
        let failed = confidence < 1
        let confidence = routine ? confidence * 0.2 : confidence
        let what = SignalText.middle(e.action) + (e.resource.isEmpty ? "" : " on \(SignalText.middle(e.resource))")
        let key = SignalText.middle(e.resource.isEmpty ? e.action : e.action + " " + e.resource, max: 96)
        let outcome = (failed ? " (\(e.decision.label): attempt only)" : "") + (routine ? " (routine for it)" : "")
        // Nodes and the control plane request service-account tokens for pods all day: that is
        // how bound tokens work, not minting (notes §2, S10: "by non-system").
        let systemTokenRequest = (e.identityKind == .k8sNode || e.identityKind == .k8sControlPlane)
            && e.action.contains("serviceaccounts/token")
        if categories.contains(.credentialMint), !systemTokenRequest {
            set.raise(Contribution(signal: .credentialMint, key: key, points: config.weight(.credentialMint) * confidence,
                                   firstSeen: e.time, reason: "minted a credential: \(what)\(outcome)"))
        }
        if categories.contains(.privilegeChange) {
            var w = config.weight(.privilegeChange)
            var why = ""
            if let severe = Self.severePrivilege(e) {
                w *= 80.0 / 60.0
                why = " (\(severe))"
            }
            set.raise(Contribution(signal: .privilegeChange, key: key, points: w * confidence,
                                   firstSeen: e.time, reason: "changed privileges: \(what)\(why)\(outcome)"))
        }
        if categories.contains(.humanUse) {
            set.raise(Contribution(signal: .humanUse, key: key, points: config.weight(.humanUse) * confidence,
                                   firstSeen: e.time, reason: "a person at the keyboard of an NHI: \(what)\(outcome)"))
        }
        if categories.contains(.defenseEvasion) {
            set.raise(Contribution(signal: .defenseEvasion, key: key, points: config.weight(.defenseEvasion) * confidence,
                                   firstSeen: e.time, reason: "switched logging or detection off: \(what)\(outcome)"))
        }
    }

    /// Self-targeted, cluster-admin or wildcard privilege changes: the 80-point tier.
    static func severePrivilege(_ e: NormalizedEvent) -> String? {
        let text = (e.action + " " + e.resource).lowercased()
        if text.contains("cluster-admin") { return "cluster-admin" }
        if text.contains("administratoraccess") { return "AdministratorAccess" }
        if e.resource.contains("*") { return "wildcard" }
        let name = e.identity.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map { $0.lowercased() } ?? ""
        if name.count >= 3, e.resource.lowercased().contains(name) { return "self-targeted" }
        return nil
    }

    /// Why an action is sensitive for S5, or nil.
    static func sensitivity(_ action: String, _ categories: ActionCategory) -> String? {
        if categories.contains(.credentialMint) { return "credential mint" }
        if categories.contains(.privilegeChange) { return "privilege change" }
        if categories.contains(.defenseEvasion) { return "defense evasion" }
        if categories.contains(.humanUse) { return "interactive use" }
        if categories.contains(.secretAccess) { return "secret access" }
        if categories.contains(.recon) { return "recon" }
        if SignalText.isWrite(action) { return "write" }
        return nil
    }

    // MARK: S16

    /// Events per active minute against an EWMA of the identity's own active minutes. Idle
    /// minutes are skipped, so an hourly batch job that always bursts is judged against its
    /// bursts. The open minute is judged as it fills (the threshold only depends on closed
    /// minutes), so a live stream hears of a spike without waiting for the next minute; when
    /// it closes, the reason is updated with the final count.
    private mutating func observeVolume(_ e: NormalizedEvent, warm: Bool, config: RiskConfig, into set: inout ContributionSet) {
        let minute = e.time.minute
        if let open = volumeMinute {
            if minute < open { return }  // late event: the minute it belongs to is closed
            if minute > open { closeVolumeMinute(config: config, into: &set) }
        }
        if volumeMinute != minute {
            volumeMinute = minute
            volumeCount = 0
            volumeFiredAgainst = nil
        }
        volumeCount += 1
        volumeLastEvent = e.time.microseconds
        guard warm, volumeFiredAgainst == nil, volumeMinutes >= Self.volumeMinMinutes else { return }
        let sigma = volumeSigma
        let x = Double(volumeCount)
        let peak = decayedPeak(at: minute)
        guard x >= config.volumeMinPerMinute, (x - volumeMean) / sigma >= config.volumeZ,
              x >= Self.volumePeakFactor * peak else { return }
        let usual = VolumeBaseline(mean: volumeMean, sigma: sigma, peak: peak)
        volumeFiredAgainst = usual
        set.raise(Contribution(
            signal: .volumeAnomaly, key: "rate", points: config.weight(.volumeAnomaly), firstSeen: e.time,
            reason: "\(volumeCount) events in the minute from \(String(e.time.clock.prefix(5))) so far; usual \(Self.usual(usual))"))
    }

    private mutating func closeVolumeMinute(config: RiskConfig, into set: inout ContributionSet) {
        let x = Double(volumeCount)
        if let usual = volumeFiredAgainst, let open = volumeMinute {
            // Same row, final count: count 0 adds no repeat, only the newer reason.
            set.raise(Contribution(
                signal: .volumeAnomaly, key: "rate", points: config.weight(.volumeAnomaly), count: 0,
                firstSeen: EventTime(microseconds: volumeLastEvent),
                reason: "\(volumeCount) events/min at \(String(EventTime(microseconds: open * Self.minuteMicros).clock.prefix(5))); usual \(Self.usual(usual))"))
        }
        if volumeMinutes == 0 {
            volumeMean = x
            volumeVariance = 0
        } else {
            let d = x - volumeMean
            volumeMean += Self.volumeAlpha * d
            volumeVariance = Self.volumeAlpha * d * d + (1 - Self.volumeAlpha) * volumeVariance
        }
        volumeMinutes += 1
        if let open = volumeMinute, x >= decayedPeak(at: open) {
            volumePeak = x
            volumePeakMinute = open
        }
    }

    /// σ with a floor: Poisson noise (√μ), 10 % of μ, or 1 — a perfectly steady stream must
    /// not make its first wobble look like an anomaly.
    private var volumeSigma: Double {
        max(volumeVariance.squareRoot(), volumeMean.squareRoot(), 0.1 * volumeMean, 1)
    }

    private static func usual(_ b: VolumeBaseline) -> String {
        "\(Int(b.mean.rounded()))±\(Int(b.sigma.rounded())), peak \(Int(b.peak.rounded()))"
    }

    // MARK: Memory

    /// Bytes this detector holds: its inline size plus every buffer it owns (strings of 15
    /// UTF-8 bytes or fewer are stored inline by Swift and cost nothing extra).
    public var approximateBytes: Int {
        func heap(_ s: String) -> Int { s.utf8.count > 15 ? 32 + s.utf8.count : 0 }
        let arrayHeader = 32
        var total = MemoryLayout<SignalDetector>.size
        total += actions.approximateBytes + secrets.approximateBytes + deniedActions.approximateBytes + 3 * arrayHeader
        total += networks.capacity * MemoryLayout<KnownNetwork>.stride + arrayHeader
        total += networks.reduce(0) { $0 + heap($1.name) }
        total += enumeration.capacity * MemoryLayout<EnumerationEntry>.stride + arrayHeader
        total += harvest.capacity * MemoryLayout<HarvestEntry>.stride + arrayHeader
        total += denies.slots * 4 + arrayHeader
        total += heap(lastDeniedAction)
        return total
    }
}
