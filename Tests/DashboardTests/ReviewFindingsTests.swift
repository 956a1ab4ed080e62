import Activity
import Events
@testable import Dashboard
import Testing

/// Review of #10: holes found in the state machine, each as the live loop would drive it.
@Suite struct ReviewFindingsTests {
    let names = Fixture.rows.map(\.identity)
    func origin(_ i: Int) -> EventOrigin { EventOrigin(source: "trail.json", line: Int64(1000 - i), offset: Int64(i) * 100, length: 90) }
    var viewed: UpdateContext {
        UpdateContext(identities: names, feedLength: 1000, timeline: (0..<100).map(origin))
    }

    func press(_ s: AppState, _ keys: Key..., context: UpdateContext) -> (AppState, [Effect]) {
        var state = s, all: [Effect] = []
        for k in keys {
            let (n, e) = update(state, .key(k), context: context)
            state = n; all += e
        }
        return (state, all)
    }

    /// What `RecordReads.request` answers at once, and later the record itself.
    func placeholder(_ o: EventOrigin) -> RawRecordView { RawRecordView(title: "\(o.source) line \(o.line)", lines: ["reading…"]) }
    func answer(_ o: EventOrigin) -> RawRecordView { RawRecordView(title: "\(o.source) line \(o.line)", lines: ["{", "}"]) }

    /// Enter on a timeline line, as the loop runs it: the effect, then the placeholder.
    func enterOnLine(_ s: AppState) -> (AppState, EventOrigin?) {
        let (asked, effects) = press(s, .enter, context: viewed)
        guard case .readRecord(let o)? = effects.first else { return (asked, nil) }
        return (update(asked, .rawRecord(placeholder(o)), context: viewed).0, o)
    }

    /// A read of a record deep in a large .gz takes seconds; the operator gives up with Esc.
    /// The answer arriving after must not open the record again over the timeline.
    @Test func aLateRecordAfterEscIsDropped() throws {
        var s = update(AppState(), .tick, context: viewed).0
        s = press(s, .enter, .char("j"), .char("j"), context: viewed).0
        let (reading, o) = enterOnLine(s)
        let asked = try #require(o)
        #expect(reading.identityView?.record == placeholder(asked))
        let back = press(reading, .escape, context: viewed).0
        #expect(back.identityView != nil && back.identityView?.record == nil)
        let late = update(back, .rawRecord(answer(asked)), context: viewed).0
        #expect(late.identityView?.record == nil, "Esc closed the record; its late answer reopened it")
        // An answer while the record is still open (waiting) is shown, as before.
        #expect(update(reading, .rawRecord(answer(asked)), context: viewed).0.identityView?.record == answer(asked))
    }

    /// Worse: the late answer lands in the view of another identity, as if it were its evidence.
    @Test func aLateRecordDoesNotLandInAnotherIdentitysView() throws {
        var s = update(AppState(), .tick, context: viewed).0
        s = press(s, .enter, context: viewed).0
        let first = try #require(s.identityView?.identity)
        let (reading, o) = enterOnLine(s)
        let asked = try #require(o)
        // Esc (record), Esc (view), next identity, Enter: another identity's view.
        s = press(reading, .escape, .escape, .char("j"), .enter, context: viewed).0
        let second = try #require(s.identityView?.identity)
        #expect(first != second)
        let late = update(s, .rawRecord(answer(asked)), context: viewed).0
        #expect(late.identityView?.record == nil, "\(first)'s record shown in \(second)'s view")
    }

    // MARK: Random keys over data that shrinks between frames

    static let hostile = [
        "evil\u{1B}[2J\u{7}\u{202E}gnp.exe", String(repeating: "\u{5B57}", count: 300), "\u{0}\u{8}\u{9}\n\r",
        String(repeating: "a", count: 5000), "", "\u{FE0F}\u{200D}\u{301}", "e\u{301}\u{301}", "/", "\u{2066}x\u{2069}",
    ]

    /// The demo's picture plus identities whose every field is hostile, and a denied streak each.
    static func hostileAggregator() -> ActivityAggregator {
        var agg = DemoReplay.standard
        let t = agg.clock
        for (i, h) in hostile.enumerated() {
            for k in 0..<30 {
                let pick = { (n: Int) in hostile[n % hostile.count] }
                agg.ingest(NormalizedEvent(time: t.adding(seconds: Int64(k)), identity: h + "\(i)", identityKind: .awsUser,
                                           action: pick(i + k), resource: pick(i + 2 * k), decision: k % 3 == 0 ? .deny : .allow,
                                           sourceIP: pick(k), credentialID: pick(k + 1), format: .cloudtrail,
                                           origin: EventOrigin(source: h, line: Int64(k), offset: Int64(k), length: 10)))
            }
        }
        return agg
    }

    static let hostileRevocations: [RevocationEntry] = hostile.enumerated().map { i, h in
        RevocationEntry(time: .zero, identity: h, credential: h, hook: h, by: h, reason: h,
                        state: [.pending(secondsLeft: Int64.min), .effective, .stillActive(since: .zero, action: h),
                                .failed(why: h), .undone][i % 5])
    }

    static let keys: [Key] = [.char("j"), .char("k"), .char("G"), .char("g"), .pageDown, .pageUp, .enter, .escape, .tab,
        .backTab, .char("/"), .char("~"), .char("("), .char("a"), .char("!"), .backspace, .char("n"), .char("N"),
        .char("s"), .char("S"), .char("A"), .char("L"), .char("?"), .char("p"), .char("R"), .char("U"),
        .char("T"), .ctrl("u"), .char("\u{202E}"), .char("\u{5B57}"), .down, .up, .end, .home, .char("x")]

    /// Keys in any mode, at any size (0×0 to 260×70), while the rows, the timeline, the alerts
    /// and the revocations vanish between frames: nothing traps, and no unsafe scalar reaches
    /// a cell. Seeded, so a failure replays.
    @Test func randomKeysOverShrinkingDataNeverTrapOrLeakUnsafeText() {
        var agg = Self.hostileAggregator()
        var rng = SplitMix64(seed: 10)
        let sizes = [(0, 0), (1, 1), (10, 5), (79, 23), (80, 24), (81, 25), (100, 30), (120, 40), (199, 50), (200, 50), (260, 70)]
        for _ in 0..<8 {
            var s = AppState(width: 80, height: 24)
            for _ in 0..<60 {
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    let (w, h) = sizes.randomElement(using: &rng)!
                    s = update(s, .resize(width: w, height: h), context: UpdateContext(identities: [], feedLength: 0)).0
                }
                agg.pin(s.identityView?.identity)
                var snap = agg.snapshot(query: s.query, detailFor: s.identityView?.identity ?? s.selectedIdentity, feedLimit: 400)
                var revs = Self.hostileRevocations
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: snap.identities = []; snap.detail = nil; snap.alerts = []; snap.feed = []; revs = []
                case 1: if var d = snap.detail { d.recent = Array(d.recent.prefix(1)); snap.detail = d }
                default: break
                }
                let ctx = UpdateContext(snapshot: snap, revocations: revs)
                var (next, effects) = update(s, .key(Self.keys.randomElement(using: &rng)!), context: ctx)
                for case .readRecord(let o) in effects {
                    next = update(next, .rawRecord(RawRecordView(title: o.source, lines: Self.hostile)), context: ctx).0
                }
                if effects.contains(.cycleTheme) { next = update(next, .themeChanged(name: Self.hostile[0]), context: ctx).0 }
                s = update(next, .tick, context: ctx).0
                for (w, h) in [(s.width, s.height), sizes.randomElement(using: &rng)!] {
                    let b = renderDashboard(snapshot: snap, sources: [], state: s, width: w, height: h,
                                            options: RenderOptions(), revocations: revs)
                    let leaked = b.cells.first { DisplaySafe.isUnsafe($0.scalar) }
                    #expect(leaked == nil, "\(String(describing: leaked?.scalar.value)) at \(w)x\(h)")
                }
            }
        }
    }
}
