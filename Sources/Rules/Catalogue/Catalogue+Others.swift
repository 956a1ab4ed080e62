extension BuiltinCatalogue {
    /// Vault, GitHub, OPA decisions and AI-agent tool calls.
    static let others: [(name: String, yaml: String)] = []
}
