@testable import Dashboard
import Foundation
import Testing

@Suite struct ThemeTests {
    @Test func builtinDefaultEqualsThemeFile() throws {
        let file = themesDirectory().appendingPathComponent("default.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == Theme.builtinDefaultYAML)
    }

    @Test(arguments: ["default", "high-contrast", "mono"])
    func shippedThemesLoadAndDefineEveryRole(name: String) throws {
        let path = themesDirectory().appendingPathComponent(name + ".yaml").path
        let theme = try Theme.load(contentsOf: path)
        #expect(theme.name == name)
        #expect(theme.styles.count == StyleRole.allCases.count)
        if name == "mono" {
            #expect(theme.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        }
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
