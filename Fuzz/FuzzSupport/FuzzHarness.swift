import Activity
import Events
import Ingest

/// What every fuzz target does with one input; each target is a two-line `LLVMFuzzerTestOneInput`
/// that picks a profile. Targets differ in their options, seeds and dictionary (bench/fuzz/run.sh),
/// not in code: every input goes the way a real file goes, Framer → JSONTape → unwrapping →
/// FormatMapper, so a crash found here is one a log line can cause.
public enum FuzzHarness {
    /// Decodes `input` twice, whole and in input-derived chunks, and traps unless both give the
    /// same events and counts: `SourceDecoder.feed` promises the result does not depend on how the
    /// bytes arrive (a following source sees arbitrary read boundaries).
    @discardableResult
    public static func decode(_ input: UnsafeRawBufferPointer, options: IngestOptions = IngestOptions()) -> [NormalizedEvent] {
        let size = input.count
        var whole = SourceDecoder(sourceName: "fuzz", options: options)
        var wholeEvents: [NormalizedEvent] = []
        whole.feed(input) { wholeEvents.append($0) }
        whole.finish { wholeEvents.append($0) }

        var chunked = SourceDecoder(sourceName: "fuzz", options: options)
        var chunkedEvents: [NormalizedEvent] = []
        var state = UInt64(truncatingIfNeeded: size) &* 0x9E37_79B9_7F4A_7C15 | 1
        var offset = 0
        while offset < size {
            // 1…64 bytes, mostly small: boundaries inside keys, escapes and `{"Records":[` sniffing.
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = min(size - offset, Int(1 + (state >> 33) % 64))
            chunked.feed(UnsafeRawBufferPointer(rebasing: input[offset..<offset + n])) { chunkedEvents.append($0) }
            offset += n
        }
        chunked.finish { chunkedEvents.append($0) }

        precondition(whole.status == chunked.status, "status depends on chunking: \(whole.status) vs \(chunked.status)")
        precondition(wholeEvents == chunkedEvents, "events depend on chunking")
        precondition(wholeEvents.count == whole.status.events, "emitted \(wholeEvents.count), counted \(whole.status.events)")
        return wholeEvents
    }

    /// Small bounds, so a few records fill and evict every bounded set, feed and alert queue.
    public static let smallLimits: ActivityLimits = {
        var l = ActivityLimits()
        l.recentPerIdentity = 2
        l.distinctPerIdentity = 3
        l.credentialsPerIdentity = 2
        l.feedCapacity = 4
        l.alertCapacity = 2
        return l
    }()

    /// Decodes, then folds the events into an aggregator and reads everything the dashboard and
    /// the report read: the event-time arithmetic (rates, decay, gaps, risk) sees fuzzed times.
    public static func aggregate(_ input: UnsafeRawBufferPointer) {
        let events = decode(input)
        var aggregator = ActivityAggregator(limits: smallLimits)
        for e in events { aggregator.ingest(e) }
        _ = aggregator.drainAlerts()
        let rows = aggregator.rows()
        for row in rows.prefix(4) {
            _ = aggregator.assessment(for: row.identity)
            _ = aggregator.snapshot(detailFor: row.identity)
        }
        _ = aggregator.snapshot(detailFor: nil)
    }

    /// The operator-mapping target's mapping, inline so the binary needs no file. It is the shape of
    /// examples/mapping-toolgateway.yaml (whose records seed this target) with every field kind
    /// the mapper has: epoch numbers with a unit (`time_unit: ms`, the overflow-prone path), a
    /// template action, a list of paths, array indexes, quoted keys, mapped kind and decision.
    public static let mappedOptions: IngestOptions = {
        let yaml = """
        formats:
          - name: toolgateway
            detect:
              has: [event.tool, event.agent_id]
              equals: {source: "tool-gateway"}
            fields:
              time: event.at
              time_unit: ms
              identity: event.agent_id
              action: "tool:{event.tool_server}.{event.tool}{{x}}"
              resource: [event.target, event.args.0]
              source_ip: client.ip
              credential: 'auth."key.id"'
              actor: on_behalf_of
              kind: {path: auth.type, map: {agent: ai_agent, key: api_key}, default: unknown}
              decision:
                path: outcome.result
                map: {allowed: allow, blocked: deny, failed: error}
          - name: epoch-seconds
            detect:
              has: [t, who, what]
            fields:
              time: t
              time_unit: s
              identity: who
              action: what
        """
        var options = IngestOptions()
        do {
            options.mappings = try FormatMapping.parse(yaml: yaml, source: "fuzz-mapping")
        } catch {
            fatalError("fuzz mapping does not parse: \(error)")
        }
        return options
    }()
}
