/// # Response
/// What revoking an identity means: plans, hook argv (never a shell) and the ledger of
/// what was done, by whom, and whether it took effect.
