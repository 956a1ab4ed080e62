// activity-bench: what the Activity aggregator costs in memory, measured in one run.
//
//   (a) bytes per identity at 100,000 identities: resident memory (and heap in use) before
//       and after ingesting a realistic handful of events for each of 100,000 identities.
//   (b) a day of traffic: 24 hours of event time for a fixed population, resident memory
//       sampled every simulated hour. Every per-identity structure is bounded, so after
//       the first hours fill them the series must stay flat.
//
// Events are generated in-process from a seeded SplitMix64, so runs are repeatable.
// Run it through bench/activity-memory.sh (release build). Not part of `swift test`.
//
//   activity-bench [--identities N] [--population N] [--rate EVENTS_PER_S] [--hours H] [--seed S]
//                  [--novelty SHARE]   (share of day events new to their identity; default 0.002)

#if canImport(Glibc)
import Glibc
#endif
import Activity
import Events

// MARK: measurement

/// Resident set size from /proc/self/statm (second field, in pages).
func residentBytes() -> Int {
    #if os(Linux)
    guard let f = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(f) }
    var size = 0, resident = 0
    guard withUnsafeMutablePointer(to: &size, { s in
        withUnsafeMutablePointer(to: &resident) { r in readStatm(f, s, r) }
    }) else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
    return 0
    #endif
}

#if os(Linux)
private func readStatm(_ f: UnsafeMutablePointer<FILE>, _ size: UnsafeMutablePointer<Int>,
                       _ resident: UnsafeMutablePointer<Int>) -> Bool {
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, 256, f) != nil else { return false }
    let line = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let fields = line.split(separator: " ")
    guard fields.count >= 2, let s = Int(fields[0]), let r = Int(fields[1]) else { return false }
    size.pointee = s
    resident.pointee = r
    return true
}
#endif

/// Bytes the allocator has handed out and not had back (arena chunks plus mmapped blocks),
/// from glibc's `mallinfo2`. Swift's Glibc module leaves out <malloc.h>, so it is looked up
/// with dlsym. It returns a struct of ten size_t by hidden pointer, which on x86-64 System V
/// is the first integer argument (and comes back in rax): called as `(pointer) -> pointer`.
/// Elsewhere (aarch64 passes it in x8) the heap column reads 0 and RSS stands alone.
func heapInUseBytes() -> Int {
    #if os(Linux) && arch(x86_64)
    guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallinfo2") else { return 0 }
    typealias MallInfo2 = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
    let call = unsafeBitCast(sym, to: MallInfo2.self)
    var fields = [Int](repeating: 0, count: 10)  // arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost
    fields.withUnsafeMutableBytes { _ = call($0.baseAddress!) }
    return fields[7] + fields[4]  // uordblks + hblkhd
    #else
    return 0
    #endif
}

/// Hands free arena memory back to the kernel (glibc `malloc_trim`), so resident memory
/// tracks what is live rather than what was once allocated.
func trim() {
    #if os(Linux)
    guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    typealias MallocTrim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(sym, to: MallocTrim.self)(0)
    #endif
}

// MARK: deterministic events

/// The benchmark's draws on top of the shared deterministic generator.
extension SplitMix64 {
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

func hex(_ rng: inout SplitMix64, _ count: Int) -> String {
    let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return String((0..<count).map { _ in digits[rng.below(digits.count)] })
}

/// One identity's habits: who it is, what it usually does, from where, with what.
struct Profile {
    var identity: String
    var kind: IdentityKind
    var format: SourceFormat
    var actions: [String]
    var resources: [String]
    var ips: [String]
    var credential: String
    /// Share of its events that are denied / errors.
    var denyRate: Double
}

enum Vocabulary {
    static let teams = ["payments", "ledger", "search", "checkout", "billing", "risk", "growth", "infra", "data", "ml"]
    static let awsServices: [[String]] = [
    ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
    ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"],
    ["kms:Decrypt", "kms:GenerateDataKey"],
    ["secretsmanager:GetSecretValue"],
    ["ec2:DescribeInstances", "ec2:DescribeVolumes"],
    ["logs:PutLogEvents", "logs:CreateLogStream"],
    ["sts:AssumeRole"],
    ]
    static let origin = EventOrigin(source: "bench", line: 0)
}

/// The profile of identity `i`, derived from the seed and `i` alone: nothing is stored.
func profile(_ i: Int, seed: UInt64) -> Profile {
    var rng = SplitMix64(seed: seed &+ UInt64(i) &* 0x100_0000_01B3)
    let team = rng.pick(Vocabulary.teams)
    let n = String(i)
    let ipA = "10.\(rng.below(256)).\(rng.below(256)).\(1 + rng.below(254))"
    let ipB = "172.16.\(rng.below(256)).\(1 + rng.below(254))"
    let deny = rng.chance(0.2) ? 0.02 : 0
    switch i % 6 {
    case 0, 1:
        let role = i % 6 == 0
        var actions: [String] = []
        for _ in 0..<(2 + rng.below(3)) { actions += rng.pick(Vocabulary.awsServices) }
        let account = 100_000_000_000 + rng.below(900_000_000_000)
        let resources = (0..<(2 + rng.below(6))).map { k in
            "arn:aws:s3:::\(team)-\(n)-bucket/prefix-\(k)/object-\(rng.below(1000)).json"
        }
        return Profile(identity: role ? "arn:aws:iam::\(account):role/\(team)-svc-\(n)"
                                      : "arn:aws:iam::\(account):user/\(team)-bot-\(n)",
                       kind: role ? .awsRole : .awsUser, format: .cloudtrail, actions: actions,
                       resources: resources, ips: [ipA, ipB], credential: (role ? "ASIA" : "AKIA") + hex(&rng, 16),
                       denyRate: deny)
    case 2:
        let ns = "\(team)-\(rng.below(20))"
        let verbs = ["get", "list", "watch", "update", "patch", "create"]
        let kinds = ["pods", "configmaps", "leases", "endpoints", "deployments", "events", "secrets"]
        let actions = (0..<(3 + rng.below(4))).map { _ in "\(rng.pick(verbs)) \(rng.pick(kinds))" }
        let resources = (0..<(2 + rng.below(5))).map { k in "\(ns)/\(rng.pick(kinds))/\(team)-\(n)-\(k)" }
        return Profile(identity: "system:serviceaccount:\(ns):\(team)-worker-\(n)", kind: .k8sServiceAccount,
                       format: .k8sAudit, actions: actions, resources: resources, ips: [ipA],
                       credential: "sa-token-\(hex(&rng, 12).lowercased())", denyRate: deny)
    case 3:
        let resources = (0..<(2 + rng.below(4))).map { k in "secret/data/\(team)/\(n)/config-\(k)" }
        return Profile(identity: "vault:token:\(team)-app-\(n)", kind: .vaultToken, format: .vault,
                       actions: ["read secret/data/\(team)", "renew auth/token/renew-self", "read sys/leases/lookup"],
                       resources: resources, ips: [ipA], credential: "hmac-sha256:\(hex(&rng, 24).lowercased())",
                       denyRate: deny)
    case 4:
        let tools = ["tool:search.query", "tool:docs.read", "tool:tickets.update", "tool:calendar.read",
                     "tool:crm.lookup", "tool:email.draft", "tool:code.search"]
        let actions = (0..<(2 + rng.below(4))).map { _ in rng.pick(tools) }
        let resources = (0..<(2 + rng.below(4))).map { k in "\(team)/workspace-\(n)/doc-\(k)" }
        return Profile(identity: "agent:\(team)-assistant-\(n)", kind: .aiAgent, format: .opa, actions: actions,
                       resources: resources, ips: [ipA], credential: "agent-key-\(hex(&rng, 10).lowercased())",
                       denyRate: deny)
    default:
        let gh = rng.chance(0.5)
        let actions = gh ? ["git.clone", "git.fetch", "repo.download_zip", "workflows.dispatch"]
                         : ["deploy.start", "artifact.upload", "artifact.download", "cache.restore"]
        let resources = (0..<(2 + rng.below(3))).map { k in "acme/\(team)-service-\(n)-\(k)" }
        return Profile(identity: gh ? "github:app:\(team)-ci-\(n)" : "ci:\(team)-pipeline-\(n)",
                       kind: gh ? .githubApp : .ciJob, format: gh ? .github : .nhitop, actions: actions,
                       resources: resources, ips: [ipA, ipB], credential: (gh ? "ghs_" : "ci_") + hex(&rng, 20),
                       denyRate: deny)
    }
}

func routineEvent(_ p: Profile, at t: EventTime, _ rng: inout SplitMix64) -> NormalizedEvent {
    let decision: Decision = rng.chance(p.denyRate) ? (rng.chance(0.5) ? .deny : .error) : .allow
    return NormalizedEvent(time: t, identity: p.identity, identityKind: p.kind, action: rng.pick(p.actions),
                           resource: rng.pick(p.resources), decision: decision, sourceIP: rng.pick(p.ips),
                           credentialID: p.credential, format: p.format, origin: Vocabulary.origin)
}

/// Something the identity has not done before: a new object, a new address, now and then
/// a new action. Resources and addresses are unique, so only the bounds keep memory flat.
func noveltyEvent(_ p: Profile, at t: EventTime, serial: Int, _ rng: inout SplitMix64) -> NormalizedEvent {
    var e = routineEvent(p, at: t, &rng)
    e.resource = "\(rng.pick(p.resources))/new-\(serial)"
    if rng.chance(0.3) { e.sourceIP = "198.51.\(rng.below(256)).\(1 + rng.below(254))" }
    if rng.chance(0.2) { e.action = rng.pick(["s3:ListBuckets", "iam:ListRoles", "list secrets", "tool:files.export",
                                              "read secret/data/shared", "ec2:DescribeSnapshots"]) }
    return e
}

// MARK: arguments

var identities = 100_000
var population = 500
var rate = 4.0
var hours = 24
var seed: UInt64 = 42
var novelty = 0.002
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    guard let v = args.popFirst() else { print("activity-bench: \(a) needs a value"); exit(2) }
    switch a {
    case "--identities": identities = Int(v) ?? identities
    case "--population": population = Int(v) ?? population
    case "--rate": rate = Double(v) ?? rate
    case "--hours": hours = Int(v) ?? hours
    case "--seed": seed = UInt64(v) ?? seed
    case "--novelty": novelty = Double(v) ?? novelty
    default: print("activity-bench: unknown option \(a)"); exit(2)
    }
}

func mib(_ b: Int) -> String { fmt(Double(b) / 1_048_576, 1) }
func fmt(_ d: Double, _ places: Int) -> String {
    var p = 1.0
    for _ in 0..<places { p *= 10 }
    let r = (d * p).rounded() / p
    var s = String(r)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < places { s += String(repeating: "0", count: places - decimals) }
    } else if places > 0 { s += "." + String(repeating: "0", count: places) }
    return s
}
func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }

let t0 = EventTime(seconds: 1_795_000_000)  // 2026-11-18, a fixed replay day
print("activity-bench: Activity aggregator memory (seed \(seed), limits: default ActivityLimits)")
print("")

// MARK: (b) a day of traffic, first, and kept alive through (a) so (a) measures fresh growth

trim()
var day = ActivityAggregator()
let dayProfiles = (0..<population).map { profile($0, seed: seed ^ 0xDA7) }
var rng = SplitMix64(seed: seed ^ 0xDA7_DA7)
let stepMicros = Int64(1_000_000 / rate)
var now = t0.microseconds
var serial = 0
var dayEvents = 0
var series: [(hour: Int, events: Int, identities: Int, rss: Int, heap: Int)] = []
let daySamplesBase = (rss: residentBytes(), heap: heapInUseBytes())
for hour in 1...hours {
    let end = t0.microseconds + Int64(hour) * 3_600_000_000
    while now < end {
        // Activity is skewed: a tenth of the population makes half the traffic.
        let who = rng.chance(0.5) ? rng.below(max(1, population / 10)) : rng.below(population)
        let p = dayProfiles[who]
        let t = EventTime(microseconds: now)
        serial += 1
        day.ingest(rng.chance(novelty) ? noveltyEvent(p, at: t, serial: serial, &rng) : routineEvent(p, at: t, &rng))
        dayEvents += 1
        now += stepMicros / 2 + Int64(rng.below(Int(stepMicros)))
    }
    if hour % 6 == 0 { _ = day.rows() }  // the view reads now and then; its garbage must not stay
    trim()
    series.append((hour, dayEvents, day.identityCount, residentBytes(), heapInUseBytes()))
}

print("(b) a day of traffic: \(population) identities, ~\(fmt(rate, 1)) events/s, \(fmt(novelty * 100, 1)) % novelty (new objects, addresses, actions)")
print("hour   events  identities   rss_MiB  heap_MiB")
print("   0        0           0  \(pad(mib(daySamplesBase.rss), 8))  \(pad(mib(daySamplesBase.heap), 8))")
for s in series {
    print("\(pad(String(s.hour), 4)) \(pad(String(s.events), 8)) \(pad(String(s.identities), 11))  \(pad(mib(s.rss), 8))  \(pad(mib(s.heap), 8))")
}
if series.count >= 2 {
    let from = series[min(1, series.count - 1)], to = series[series.count - 1]
    let rssGrowth = to.rss - from.rss, heapGrowth = to.heap - from.heap
    print("growth hour \(from.hour) → hour \(to.hour): rss \(rssGrowth >= 0 ? "+" : "")\(fmt(Double(rssGrowth) / 1024, 0)) KiB"
        + " (\(fmt(100 * Double(rssGrowth) / Double(max(1, from.rss)), 2)) %),"
        + " heap \(heapGrowth >= 0 ? "+" : "")\(fmt(Double(heapGrowth) / 1024, 0)) KiB"
        + " (\(fmt(100 * Double(heapGrowth) / Double(max(1, from.heap)), 2)) %)")
}
print("")

// MARK: (a) bytes per identity at N identities

trim()
let rssBefore = residentBytes(), heapBefore = heapInUseBytes()
var wide = ActivityAggregator()
var wideEvents = 0
for i in 0..<identities {
    var r = SplitMix64(seed: seed &+ 0xA11 &+ UInt64(i))
    let p = profile(i, seed: seed)
    // Spread over an hour of event time, in identity order, a few seconds apart per identity.
    let base = t0.microseconds + Int64(i) * 36_000
    let count = 4 + r.below(5)  // 4…8 events
    for k in 0..<count {
        let t = EventTime(microseconds: base + Int64(k) * 1_000_000 + Int64(r.below(900_000)))
        wide.ingest(k == count - 1 && r.chance(0.1) ? noveltyEvent(p, at: t, serial: i, &r) : routineEvent(p, at: t, &r))
        wideEvents += 1
    }
}
trim()
let rssAfter = residentBytes(), heapAfter = heapInUseBytes()
let n = Double(max(1, wide.identityCount))
print("(a) bytes per identity: \(wide.identityCount) identities, \(wideEvents) events"
    + " (\(fmt(Double(wideEvents) / n, 1)) per identity; 6 formats, 2 addresses, 2–8 resources each)")
print("measure        before_MiB  after_MiB  bytes/identity")
print("rss            \(pad(mib(rssBefore), 10)) \(pad(mib(rssAfter), 10)) \(pad(fmt(Double(rssAfter - rssBefore) / n, 0), 15))")
print("heap in use    \(pad(mib(heapBefore), 10)) \(pad(mib(heapAfter), 10)) \(pad(fmt(Double(heapAfter - heapBefore) / n, 0), 15))")

// Both aggregators were alive for every sample.
withExtendedLifetime(day) {}
withExtendedLifetime(wide) {}
