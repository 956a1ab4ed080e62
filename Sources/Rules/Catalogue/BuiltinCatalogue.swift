/// The compiled-in catalogue of dangerous actions, as YAML text (schema: docs/rules.md), one
/// text per family of APIs. Compiled in so the binary needs no files beside it; `nhitop rules
/// --builtin` prints it for a user to copy into a catalogue file of their own and edit.
enum BuiltinCatalogue {
    /// (family name, YAML), in the order their entries are listed.
    static var families: [(name: String, yaml: String)] { aws + kubernetes + others }
}
