extension BuiltinCatalogue {
    /// AWS CloudTrail, one text per family of APIs (docs/rules.md has the schema).
    ///
    /// Entries match the action and the request fields that make it dangerous, so routine use
    /// of the same API stays quiet; most require success (`errorCode: null`), except where a
    /// denied attempt is itself the technique (stolen credentials probing for passwords,
    /// user data, leaving the organization).
    static let aws: [(name: String, yaml: String)] = [
        ("aws-identity", awsIdentity),
        ("aws-compute-network", awsComputeNetwork),
        ("aws-data", awsData),
        ("aws-logging", awsLogging),
    ]
}
