/// An argv as one line a person can read (and paste into a shell to try it): elements with
/// spaces or shell characters single-quoted. Display only: hooks never go through a shell.
/// Shared by the revoke dialog and `nhitop revoke`, so both show the same line.
public enum ArgvDisplay {
    public static func line(_ argv: [String]) -> String {
        argv.map(quoted).joined(separator: " ")
    }

    public static func quoted(_ s: String) -> String {
        func plain(_ t: Substring.UnicodeScalarView) -> Bool {
            !t.isEmpty && t.allSatisfy { c in
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                    || "@%+=:,./-_".unicodeScalars.contains(c)
            }
        }
        let scalars = Substring(s).unicodeScalars
        if plain(scalars) { return s }
        // The planner's placeholders (`<reason>`, `<action-id>`) read better unquoted.
        if s.hasPrefix("<"), s.hasSuffix(">"), scalars.count > 2,
           plain(scalars.dropFirst().dropLast()) { return s }
        var out = "'"
        for c in s.unicodeScalars {
            if c == "'" { out += "'\\''" } else { out.unicodeScalars.append(c) }
        }
        return out + "'"
    }
}
