import Foundation
import Testing
import TerminalBackend

/// The terminfo check that runs before curses takes the terminal. Needs ncurses' own
/// entries (`dumb`, `xterm-256color`, `vt100`: the ncurses-base package).
@Suite struct TerminalCapabilityTests {
    @Test(arguments: ["xterm-256color", "tmux-256color", "vt100", "linux"])
    func fullScreenTerminalsCanDraw(term: String) {
        #expect(TerminalCapability.of(term: term, fd: 2) == .canDraw)
        #expect(TerminalCapability.canDraw.refusal(term: term) == nil)
    }

    @Test func dumbHasNoCursorAddressing() throws {
        let capability = TerminalCapability.of(term: "dumb", fd: 2)
        #expect(capability == .noCursorAddressing)
        let line = try #require(capability.refusal(term: "dumb"))
        #expect(line == #"the terminal "dumb" cannot draw the dashboard (no cursor addressing); use `nhitop report FILE…` for headless output"#)
    }

    @Test func anUnknownTypeIsNamedAndAFixSuggested() throws {
        let capability = TerminalCapability.of(term: "no-such-terminal-nhitop", fd: 2)
        #expect(capability == .unknownType)
        let line = try #require(capability.refusal(term: "no-such-terminal-nhitop"))
        #expect(line.contains(#""no-such-terminal-nhitop" is unknown"#))
        #expect(line.contains("TERM=xterm-256color"))
        #expect(line.contains("nhitop report"))
        #expect(!line.contains("\n"))
        #expect(TerminalCapability.of(term: nil) == .unknownType)
        #expect(TerminalCapability.of(term: "") == .unknownType)
        #expect(try #require(TerminalCapability.unknownType.refusal(term: nil)).hasPrefix("TERM is not set"))
    }

    /// Asking leaves no terminal set up: the answers do not depend on what was asked before.
    @Test func checksDoNotLeakIntoEachOther() {
        for _ in 0..<3 {
            #expect(TerminalCapability.of(term: "dumb", fd: 2) == .noCursorAddressing)
            #expect(TerminalCapability.of(term: "no-such-terminal-nhitop", fd: 2) == .unknownType)
            #expect(TerminalCapability.of(term: "xterm-256color", fd: 2) == .canDraw)
        }
    }
}
