/// # Activity
/// Per-identity aggregation on event time: counts, windows, per-minute series, recent
/// events, and risk with reasons. Pure values; `ActivitySnapshot` is what the view reads.
