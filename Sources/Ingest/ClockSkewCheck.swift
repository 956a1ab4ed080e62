import Events

/// Flags events dated too far ahead to trust, per source (`NormalizedEvent.clockSkewed`).
///
/// One record dated next year would otherwise pin the event clock, and every rate and decay
/// would read zero. Two references, each with `IngestOptions.clockSkewToleranceSeconds`:
///
/// - **The wall clock**, when set (`IngestOptions.wallClock`: the dashboard and `report`): a record more than
///   the tolerance ahead of now is flagged, even a source's first one.
/// - **The source's own time**: the latest time it gave that was not flagged. A record more
///   than the tolerance ahead of it is flagged, unless the stream confirms the jump:
///   `clockSkewConfirmRecords` records in a row, each beyond the tolerance and within the
///   tolerance of the first of the run. The last of the run is accepted and the source's time
///   moves to it (a log that really resumes after days of silence); the ones before stay
///   flagged. Any record within the tolerance breaks the run, so a steady stream with a
///   future-dated record now and then never moves.
///
/// Limit: with no wall clock (tests, fuzzers) a source's first record sets its time; if
/// that one record is far ahead, the ones after it are not flagged.
///
/// Costs two comparisons per record; the wall clock is read only when a record passes the
/// last horizon read from it.
struct ClockSkewCheck: Sendable {
    /// The latest time of this source that was not flagged.
    private var latest: EventTime?
    /// The first record of the current run beyond the tolerance, and how many are in the run.
    private var runStart = EventTime.zero
    private var runLength = 0
    /// Wall clock plus tolerance, as last read; only ever too early, so re-read when passed.
    private var wallHorizon = EventTime(microseconds: .min)

    mutating func isSkewed(_ t: EventTime, options: IngestOptions) -> Bool {
        let tolerance = options.clockSkewToleranceSeconds
        if let wallClock = options.wallClock, t > wallHorizon {
            wallHorizon = wallClock().adding(seconds: tolerance)
            // Ahead of the wall clock: neither the source's time nor a run may learn from it.
            if t > wallHorizon { return true }
        }
        guard let reference = latest else {
            latest = t
            return false
        }
        if t <= reference.adding(seconds: tolerance) {
            runLength = 0
            if t > reference { latest = t }
            return false
        }
        let toleranceMicros = EventTime.zero.adding(seconds: max(0, tolerance)).microseconds
        let fromRunStart = t.microseconds(since: runStart)
        if runLength > 0, fromRunStart >= -toleranceMicros, fromRunStart <= toleranceMicros {
            runLength += 1
        } else {
            runStart = t
            runLength = 1
        }
        guard runLength >= options.clockSkewConfirmRecords else { return true }
        latest = t
        runLength = 0
        return false
    }
}
