import Events

/// Loads the built-in catalogue, users' catalogue files and Sigma rule folders into one `RuleSet`.
public enum RuleLoader {
    /// - builtin: include the compiled-in catalogue.
    /// - catalogueFiles: nhitop catalogue files (the built-in schema): an entry with a built-in
    ///   entry's id replaces it; `{id: X, disabled: true}` removes it; new ids add rules.
    /// - sigmaPaths: Sigma `.yml`/`.yaml` files, or folders searched recursively in path order.
    /// Nothing throws for one bad rule: it is listed in `skipped` and the others load. A path
    /// that does not exist or cannot be read is also a `skipped` entry (kind `.invalid`).
    public static func load(builtin: Bool = true, catalogueFiles: [String] = [], sigmaPaths: [String] = []) -> RuleSet {
        RuleSet(rules: [], skipped: [])  // TODO(engine)
    }
}
