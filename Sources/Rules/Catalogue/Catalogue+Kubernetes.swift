extension BuiltinCatalogue {
    static let kubernetes: [(name: String, yaml: String)] = []
}
