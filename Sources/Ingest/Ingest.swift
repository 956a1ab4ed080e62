/// # Ingest
/// Sources (files followed like `tail -F`, stdin, the demo generator), record shapes
/// (JSON lines, `{"Records":[…]}`, arrays, concatenated objects, prefixed lines) and
/// log formats (CloudTrail, Kubernetes audit, OPA, Vault, GitHub, nhitop's own) → `NormalizedEvent`.
/// Works on bytes; malformed records are counted and skipped, never thrown.
///
/// The record-parsing core:
/// - `SourceDecoder`: the public entry point; feed it bytes in any chunking.
/// - `Framer`: shape framing (brace depth + string state, bounded record size, resync).
/// - `JSONTape`: validating JSON parse onto a reusable flat token tape; fields decoded lazily.
/// - `FormatMapper` (`Formats/`): detection in the documented order and field mapping.
/// - `FormatMapping` (`Formats/FormatMapping*.swift`): formats an operator adds with a YAML mapping
///   file (`examples/mapping-toolgateway.yaml`), compiled once to tape key paths and tried after
///   every built-in format (`IngestOptions.mappings`); their events have format `.mapped`.
///
/// Inputs:
/// - `InputSet`: what the CLI hands its paths to. Directories and gzip (magic `1f 8b` or `.gz`)
///   are read once (`ReadOnceSource`), other files followed (`FileFollower`), `-` is stdin, globs
///   and missing paths wait and are looked at again about once a second. `InputSet.readAll`
///   reads the same kinds of paths to their end for headless commands.
/// - `GzipInflater` (`ReadOnce/`): streaming zlib inflate, concatenated members, bounded output.
///
/// Decisions worth knowing (beyond `/work/shared/notes/formats.md`):
/// - A record with no identity is still an event, under `(no identity) <format>` (e.g.
///   `(no identity) k8s_audit`), so identity-less records of different formats stay apart.
///   OPA: `requested_by` (ip:port) becomes the source IP. A JWT's `jti` claim, when present, is the credential.
/// - OPA/console logger lines that are not decisions (`msg` + `level`/`time`) are ignored, not malformed.
/// - Kubernetes events without `apiVersion` (Falco's trace files) are accepted when `kind` is `Event`
///   and `auditID` and `verb` are present.
/// - Vault `kmip-response` entries are events of the client certificate (`kmip-cert:<serial>`); see `vaultKMIP`.
/// - GKE audit exported by Cloud Logging (`protoPayload`, `serviceName` `k8s.io`) is `k8s_audit`; see `gkeAudit`.
/// - The framer decides "line-based" vs "pretty" from the first object: a line-based source treats a
///   newline inside an open object as truncation; any top-level-object source treats a `{` in column 1
///   inside an open object as the start of the next record.
