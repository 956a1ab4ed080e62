import Events

/// What an operator types after `/`: a substring by default (case-insensitive unless it has
/// an upper-case letter), `~` makes it a regular expression, a leading `!` inverts it.
/// Matched over identity, kind, format, action and resource.
public struct TextFilter: Hashable, Sendable {
    /// As typed, with `!` and `~`.
    public let text: String
    public let inverted: Bool
    public let isRegex: Bool
    /// The pattern without `!` and `~`.
    public let pattern: String

    /// Throws a one-line error for a regex that does not compile ("unbalanced parenthesis at 4").
    public init(_ text: String) throws(TextFilterError) {
        self.text = text
        var rest = Substring(text)
        inverted = rest.first == "!"
        if inverted { rest = rest.dropFirst() }
        isRegex = rest.first == "~"
        if isRegex { rest = rest.dropFirst() }
        pattern = String(rest)
        // TODO(helper): compile the regex; validate.
    }

    /// Whether one field matches the pattern (before inversion).
    public func fieldMatches(_ field: String) -> Bool {
        field.contains(pattern)  // TODO(helper)
    }

    /// Whether an event matches, inversion applied: any of its identity, kind, format, action
    /// and resource matches (inverted: none does).
    public func matches(_ event: NormalizedEvent) -> Bool {
        let any = fieldMatches(event.identity) || fieldMatches(event.identityKind.label)
            || fieldMatches(event.format.label) || fieldMatches(event.action) || fieldMatches(event.resource)
        return any != inverted
    }
}

public struct TextFilterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
