extension BuiltinCatalogue {
    static let aws: [(name: String, yaml: String)] = []
}
