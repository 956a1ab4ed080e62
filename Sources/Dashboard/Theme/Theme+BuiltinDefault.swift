// Generated from themes/default.yaml: keep the two identical (a test checks).
extension Theme {
    /// The text of `themes/default.yaml`, compiled in.
    public static let builtinDefaultYAML = #"""
# nhitop default theme: dark-friendly, painted on the terminal's own background
# (`default`), so it stays transparent and readable over SSH and in tmux.
#
# Colours: default | ANSI name (red, bright_red, ...) | 0-255 | "#RRGGBB".
# Quote "#RRGGBB": an unquoted # starts a YAML comment.
# Roles left out of a theme come from this one; a role given replaces its whole style.
# Attributes: bold, dim, underline, reverse.
name: default
palette:
  accent: "#5fafff"
  calm: "#87af87"
  amber: "#d7af5f"
  orange: "#ff8700"
  red: "#ff5f5f"
roles:
  text:          { fg: default }
  muted:         { fg: 245 }
  border:        { fg: 240 }
  border_focus:  { fg: accent, bold: true }
  title:         { fg: accent, bold: true }
  header:        { fg: 250, bold: true }
  cursor_row:    { fg: 231, bg: 24, bold: true }
  selected:      { fg: default, bg: 237 }
  risk_low:      { fg: calm }
  risk_medium:   { fg: amber }
  risk_high:     { fg: orange, bold: true }
  risk_critical: { fg: 231, bg: 160, bold: true }
  ok:            { fg: calm }
  warn:          { fg: amber }
  error:         { fg: red, bold: true }
  alert_new:     { fg: 16, bg: 214, bold: true }
  key_hint:      { fg: accent, bold: true }
  status_bar:    { fg: 252, bg: 236 }
  modal:         { fg: 252, bg: 235 }
  danger_button: { fg: 231, bg: 160, bold: true }
  sparkline:     { fg: accent }

"""#
}
