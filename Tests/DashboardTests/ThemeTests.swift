@testable import Dashboard
import Foundation
import Testing

@Suite struct ThemeTests {
    @Test func builtinDefaultEqualsThemeFile() throws {
        let file = themesDirectory().appendingPathComponent("default.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == Theme.builtinDefaultYAML)
    }

    @Test(arguments: ["default", "high-contrast", "mono", "light"])
    func shippedThemesLoadAndDefineEveryRole(name: String) throws {
        let path = themesDirectory().appendingPathComponent(name + ".yaml").path
        let theme = try Theme.load(contentsOf: path)
        #expect(theme.name == name)
        #expect(theme.styles.count == StyleRole.allCases.count)
        if name == "mono" {
            #expect(theme.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        }
    }

    /// Each shipped theme names every role itself: parsed with no base to fall back on, a
    /// role left out (one added to `StyleRole` later, say) is an error naming it, instead of
    /// a dark-background colour from the default theme showing up on a light terminal.
    @Test(arguments: ["default", "high-contrast", "mono", "light"])
    func shippedThemesListEveryRoleThemselves(name: String) throws {
        let text = try String(contentsOf: themesDirectory().appendingPathComponent(name + ".yaml"), encoding: .utf8)
        let theme = try Theme.parse(yaml: text, source: name + ".yaml", base: nil)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    /// Light backgrounds: the terminal's own foreground for text, nothing painted behind it,
    /// every coloured role readable on white, every badge readable on its own background,
    /// and the four risk levels told apart at every colour depth that has colour.
    @Test func lightThemeReadsOnALightBackground() throws {
        let theme = try Theme.load(contentsOf: themesDirectory().appendingPathComponent("light.yaml").path)
        #expect(theme[.text] == Style())
        let white = ThemeColor.indexed(231)
        for role in StyleRole.allCases where role != .border {  // a border is decoration, lighter on purpose
            let style = theme[role]
            let fg = style.fg == .default ? ThemeColor.indexed(16) : style.fg  // the terminal's dark text
            let bg = style.bg == .default ? white : style.bg
            let needed = style.bg == .default && style.fg == .default ? 1.0 : 4.5
            #expect(contrast(fg, bg) >= needed, "\(role.yamlKey): \(fg) on \(bg) is \(contrast(fg, bg)):1")
        }
        let risk: [StyleRole] = [.riskLow, .riskMedium, .riskHigh, .riskCritical]
        for depth in [ColorDepth.truecolor, .indexed256, .ansi16, .ansi8] {
            let resolved = theme.resolved(for: depth)
            #expect(Set(risk.map { resolved[$0] }).count == 4, "risk levels look alike at \(depth)")
        }
        let colours = Set(risk.map { theme[$0].bg == .default ? theme[$0].fg : theme[$0].bg })
        #expect(colours.count == 4, "four different colours at 256 colours")
    }

    /// WCAG contrast ratio of two palette colours.
    private func contrast(_ a: ThemeColor, _ b: ThemeColor) -> Double {
        func luminance(_ c: ThemeColor) -> Double {
            let (r, g, b): (UInt8, UInt8, UInt8) = switch c {
            case .default: (0, 0, 0)
            case .ansi(let i), .indexed(let i): Theme.rgbOf256(i)
            case .rgb(let r, let g, let b): (r, g, b)
            }
            func linear(_ v: UInt8) -> Double {
                let s = Double(v) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func defaultThemeIsTransparent() {
        #expect(Theme.default[.text].bg == .default)
        #expect(Theme.default[.riskHigh].fg == .rgb(0xff, 0x87, 0x00))
        #expect(Theme.default[.riskHigh].bold)
    }

    @Test func missingRolesFallBackAndShorthandWorks() throws {
        let t = try Theme.load(yaml: """
            name: tiny
            palette: { hot: "#ff0000" }
            roles:
              risk_high: { fg: hot, underline: true }
              muted: 244
              text: bright_white
            """, source: "tiny.yaml")
        #expect(t.name == "tiny")
        #expect(t[.riskHigh] == Style(fg: .rgb(255, 0, 0), underline: true))
        #expect(t[.muted].fg == .indexed(244))
        #expect(t[.text].fg == .ansi(15))
        #expect(t[.border] == Theme.default[.border])
    }

    @Test func errorsNameTheFileAndTheKey() {
        func message(_ yaml: String) -> String {
            do { _ = try Theme.load(yaml: yaml, source: "themes/x.yaml"); return "no error" } catch { return "\(error)" }
        }
        #expect(message("roles:\n  risk_high: { fg: purpel }") == #"themes/x.yaml: roles.risk_high.fg: unknown color "purpel""#)
        #expect(message("roles:\n  risk_hgh: { fg: red }") == "themes/x.yaml: roles.risk_hgh: unknown role")
        #expect(message("roles:\n  text: { blink: true }").hasPrefix("themes/x.yaml: roles.text.blink: unknown attribute"))
        #expect(message("roles:\n  text: { bold: maybe }") == "themes/x.yaml: roles.text.bold: expected true or false")
        #expect(message("roles:\n  text: { fg: 300 }") == #"themes/x.yaml: roles.text.fg: unknown color "300""#)
        #expect(message("roles:\n  text:\n    fg: #ff0000").hasPrefix("themes/x.yaml: roles.text.fg: missing colour (quote #RRGGBB"))
        #expect(message("roles: [").hasPrefix("themes/x.yaml: invalid YAML: line"))
        #expect(message("colours: {}") == "themes/x.yaml: colours: unknown key (expected name, palette, roles)")
        #expect(!message("roles: [").contains("\n"))
    }

    @Test func loadingAMissingFileNamesIt() {
        #expect(throws: ThemeError(source: "/nope/x.yaml", key: "", message: "cannot read file")) {
            try Theme.load(contentsOf: "/nope/x.yaml")
        }
    }

    @Test func colorParsing() {
        #expect(ThemeColor(parsing: "default") == .default)
        #expect(ThemeColor(parsing: "Bright_Red") == .ansi(9))
        #expect(ThemeColor(parsing: "0") == .indexed(0))
        #expect(ThemeColor(parsing: "#5FAFFF") == .rgb(0x5f, 0xaf, 0xff))
        #expect(ThemeColor(parsing: "#5FAFF") == nil)
        #expect(ThemeColor(parsing: "#gggggg") == nil)
        #expect(ThemeColor(parsing: "256") == nil)
    }

    @Test func rgbTo256LikeBtop() {
        #expect(Theme.rgbTo256(0, 0, 0) == 232)
        #expect(Theme.rgbTo256(255, 255, 255) == 255)
        #expect(Theme.rgbTo256(128, 128, 128) == 244)
        #expect(Theme.rgbTo256(255, 0, 0) == 196)
        #expect(Theme.rgbTo256(0x5f, 0xaf, 0xff) == 111)  // btop rounds v/51, not to xterm levels
        #expect(Theme.rgbTo256(0xff, 0x87, 0x00) == 214)
    }

    @Test func reductionTo16And8AndMono() {
        #expect(ThemeColor.rgb(255, 0, 0).reduced(to: .ansi16) == .ansi(9))
        #expect(ThemeColor.rgb(255, 0, 0).reduced(to: .ansi8) == .ansi(1))
        #expect(ThemeColor.indexed(196).reduced(to: .ansi16) == .ansi(9))
        #expect(ThemeColor.ansi(9).reduced(to: .ansi8) == .ansi(1))
        #expect(ThemeColor.indexed(4).reduced(to: .ansi16) == .ansi(4))
        #expect(ThemeColor.default.reduced(to: .ansi8) == .default)
        #expect(ThemeColor.rgb(1, 2, 3).reduced(to: .truecolor) == .rgb(1, 2, 3))
        let mono = Theme.default.resolved(for: .mono)
        #expect(mono.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        #expect(mono[.cursorRow].reverse)
        let c256 = Theme.default.resolved(for: .indexed256)
        #expect(c256[.sparkline].fg == .indexed(111))
    }
}
