/// # Ingest
/// Sources (files followed like `tail -F`, stdin, the demo generator), record shapes
/// (JSON lines, `{"Records":[…]}`, arrays, concatenated objects, prefixed lines) and
/// log formats (CloudTrail, Kubernetes audit, OPA, Vault, GitHub, nhitop's own) → `NormalizedEvent`.
/// Works on bytes; malformed records are counted and skipped, never thrown.
