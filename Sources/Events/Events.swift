/// # Events
/// The normalized event every source reduces to (`NormalizedEvent`), the event clock
/// (`EventTime`, parsed from bytes by `TimestampParser`) and the status of a source.
/// Imports nothing: every other layer stands on it.
