import Foundation
import Testing

extension EndToEnd {
    /// Issue #10 through the real binary in a real terminal: `/` filters the table as it is
    /// typed (`!` inverts, Esc clears, `n`/`N` jump without filtering), `s`/`S` order it with
    /// the column marked, Enter drills into an identity and its raw records, `A` and `L` list
    /// alerts and revocations and Enter jumps to their identity, `T` changes the theme, and a
    /// resize through the too-small screen keeps the filter and redraws every line.
    ///
    /// Screens are polled until a complete frame shows what is expected (a capture can catch a
    /// frame half-drawn, and the CI machine is slow): never a fixed sleep. Every test quits
    /// with `q` and reads the exit status the shell wrote.
    @Suite(.serialized, .enabled(if: Tmux.available && nhitopBinary() != nil, "needs tmux and a built nhitop"))
    struct DashboardFindEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"
        /// How long a screen may take to show what a key asked for.
        static let patience: TimeInterval = 20

        /// nhitop on the fixture at 120×40, the whole file read and the whole table (8 rows) on screen.
        func start(_ fixture: FindFixture, width: Int = 120, height: Int = 40) throws -> (Tmux, TypedCommand) {
            let tmux = try Tmux(width: width, height: height)
            let run = try tmux.start("\(bin) --ledger '\(fixture.ledger)' '\(fixture.events)'")
            try tmux.waitFor("all \(FindFixture.total) identities", timeout: Self.patience) { screen in
                FindScreen.tableRows(screen).count == FindFixture.total && screen.contains("Identities (\(FindFixture.total))")
                    && FindScreen.header(screen).contains(" \(fixture.eventCount) events")
                    && screen.contains("┌ Detail") && screen.contains("focus: Identities")
            }
            return (tmux, run)
        }

        func quit(_ tmux: Tmux, _ run: TypedCommand, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try tmux.keys("q")
            #expect(try run.exitStatus(timeout: Self.patience) == 0, "q leaves with status 0", sourceLocation: sourceLocation)
        }

        /// The selected identity, once two captures agree (the detail pane follows the cursor).
        func waitForSelection(_ tmux: Tmux, _ identity: String, _ what: String) throws {
            try tmux.waitFor(what, timeout: Self.patience) {
                DashboardEndToEndTests.detailTitle($0) == identity
            }
        }

        // MARK: 1. Filter

        @Test func filterKeepsOnlyMatchingRowsInvertsAndClears() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let (tmux, run) = try start(fixture)
            let all = FindFixture.total

            // Live as it is typed: the table is filtered before Enter.
            try tmux.keys("/")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "payments"])
            try tmux.waitFor("the table filtered while /payments is typed", timeout: Self.patience) { screen in
                Set(FindScreen.tableRows(screen)) == FindFixture.payments && screen.contains("Identities (3 of \(all))")
                    && FindScreen.footer(screen).contains("/payments")
            }
            try tmux.keys("Enter")
            let (kept, _) = try tmux.waitFor("the filter kept, said in the header", timeout: Self.patience) { screen in
                FindScreen.header(screen).contains("filter: payments · 3 of \(all)")
                    && Set(FindScreen.tableRows(screen)) == FindFixture.payments
            }
            let rows = FindScreen.tableRows(kept)
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0.contains("payments") }, "every row matches: \(rows)")
            #expect(kept.contains("Identities (3 of \(all))"))
            #expect(!FindScreen.footer(kept).hasPrefix(" /"), "Enter closed the line")

            // `!` inverts: the five others, none with payments.
            try tmux.keys("/")
            try tmux.keys("C-u")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "!payments"])
            try tmux.keys("Enter")
            let (inverted, _) = try tmux.waitFor("the inverted filter", timeout: Self.patience) { screen in
                FindScreen.header(screen).contains("filter: !payments · 5 of \(all)")
                    && Set(FindScreen.tableRows(screen)) == FindFixture.others
            }
            #expect(!FindScreen.tableRows(inverted).contains { $0.contains("payments") })
            #expect(inverted.contains("Identities (5 of \(all))"))

            // `~` is a regular expression.
            try tmux.keys("/")
            try tmux.keys("C-u")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "~^ci:"])
            try tmux.keys("Enter")
            try tmux.waitFor("the regex filter", timeout: Self.patience) { screen in
                FindScreen.header(screen).contains("filter: ~^ci: · 2 of \(all)")
                    && Set(FindScreen.tableRows(screen)) == ["ci:payments-deploy", "ci:web-build"]
            }

            // Esc clears: the full count returns, and the header says no filter.
            try tmux.keys("Escape")
            let (cleared, _) = try tmux.waitFor("the filter cleared", timeout: Self.patience) { screen in
                FindScreen.tableRows(screen).count == all && screen.contains("Identities (\(all))")
                    && !FindScreen.header(screen).contains("filter:")
            }
            #expect(Set(FindScreen.tableRows(cleared)) == FindFixture.payments.union(FindFixture.others))

            // n/N jump between matches of the last search without filtering the table. Each step
            // waits for its frame: keys are answered from the frame on screen, and a search typed
            // and left within one frame would leave `n` the previous search's hits (see the report).
            try tmux.keys("/")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "payments"])
            try tmux.waitFor("the table filtered again", timeout: Self.patience) { $0.contains("Identities (3 of \(all))") }
            try tmux.keys("Escape")
            try tmux.waitFor("the table whole again", timeout: Self.patience) { screen in
                FindScreen.tableRows(screen).count == all && screen.contains("Identities (\(all))")
            }
            let order = FindScreen.tableRows(try tmux.screen())
            let matches = order.filter { $0.contains("payments") }
            try #require(matches.count == 3 && !order[0].contains("payments"), "the top row is not a match: \(order)")
            try tmux.keys("n")
            try waitForSelection(tmux, matches[0], "n to the first match, \(matches[0])")
            try tmux.keys("n")
            try waitForSelection(tmux, matches[1], "n to the second match, \(matches[1])")
            try tmux.keys("N")
            try waitForSelection(tmux, matches[0], "N back to \(matches[0])")
            #expect(FindScreen.tableRows(try tmux.screen()).count == all, "n and N do not filter")

            try quit(tmux, run)
        }

        // MARK: 2. Sort

        @Test func sortChangesTheOrderAndMovesTheMark() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let (tmux, run) = try start(fixture)

            let before = try tmux.screen()
            #expect(before.contains("RISK▼"), "the default order is by risk, marked")
            #expect(FindScreen.tableRows(before).first == FindFixture.alerted, "the alerted agent heads the risk order")

            try tmux.keys("s")
            let (byRate, _) = try tmux.waitFor("the order by events/min", timeout: Self.patience) { screen in
                screen.contains("EV/M▼") && FindScreen.tableRows(screen) == FindFixture.byRate
            }
            #expect(!byRate.contains("RISK▼"), "the mark left RISK")
            #expect(FindScreen.tableRows(byRate) != FindScreen.tableRows(before), "s changed the order")

            try tmux.keys("S")
            let (reversed, _) = try tmux.waitFor("the order reversed", timeout: Self.patience) { screen in
                screen.contains("EV/M▲") && FindScreen.tableRows(screen) == FindFixture.byRate.reversed()
            }
            #expect(!reversed.contains("EV/M▼"), "the mark flipped")

            // On through the columns: denies, last seen, name (A to Z is ▲), back to risk.
            for mark in ["DENY", "SEEN", "IDENTITY", "RISK"] {
                try tmux.keys("s")
                try tmux.waitFor("the mark on \(mark)", timeout: Self.patience) { screen in
                    (screen.contains(mark + "▼") || screen.contains(mark + "▲")) && FindScreen.tableRows(screen).count == FindFixture.total
                }
            }
            try tmux.keys("S")
            let (byName, _) = try tmux.waitFor("the default order again", timeout: Self.patience) { screen in
                screen.contains("RISK▼") && FindScreen.tableRows(screen).first == FindFixture.alerted
            }
            let title = FindScreen.lines(byName).first { $0.contains("┌ Identities") } ?? ""
            #expect(!title.contains("sorted by"), "the default order has no title suffix: \(title)")

            try quit(tmux, run)
        }

        // MARK: 3. Identity view and raw records

        @Test func enterOpensTheIdentityItsTimelineAndItsRawRecords() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let (tmux, run) = try start(fixture)
            // The opening selection is the top row: the alerted agent.
            try waitForSelection(tmux, FindFixture.alerted, "the agent selected")

            try tmux.keys("Enter")
            let (view, _) = try tmux.waitFor("the identity view", timeout: Self.patience) { screen in
                screen.contains("┌ Identity") && screen.contains("┌ Timeline") && screen.contains(FindFixture.alerted)
                    && screen.contains("tool:crm.export") && !screen.contains("┌ Identities")
            }
            #expect(FindScreen.footer(view).contains("Enter raw record"))
            #expect(FindScreen.footer(view).contains("Esc back"))
            #expect(!view.contains(FindFixture.requestID), "the view does not show the raw record's keys")

            // The cursor starts on the newest line: the denied call, read back from its line.
            try tmux.keys("Enter")
            let (raw, _) = try tmux.waitFor("the denied call's raw record", timeout: Self.patience) { screen in
                screen.contains("line \(fixture.deniedLine) ") && screen.contains(#""request_id": "\#(FindFixture.requestID)""#)
            }
            #expect(raw.contains(fixture.events), "the title names the file")
            #expect(raw.contains(#""action": "tool:crm.export","#), "pretty-printed, one key a line")
            #expect(raw.contains(#""decision": "deny","#))
            #expect(FindScreen.footer(raw).contains("raw record"))

            // Esc: back to the view; j moves to the older line, whose record is another.
            try tmux.keys("Escape")
            try tmux.waitFor("the view again", timeout: Self.patience) { screen in
                screen.contains("┌ Timeline") && !screen.contains(FindFixture.requestID)
            }
            try tmux.keys("j")
            try tmux.keys("Enter")
            try tmux.waitFor("the older call's raw record", timeout: Self.patience) { screen in
                screen.contains("line \(fixture.searchLine) ") && screen.contains(#""resource": "kb://faq","#)
                    && !screen.contains(FindFixture.requestID)
            }

            // Esc twice: the view, then the dashboard as it was.
            try tmux.keys("Escape")
            try tmux.waitFor("the view after the second record", timeout: Self.patience) { $0.contains("┌ Timeline") }
            try tmux.keys("Escape")
            try tmux.waitFor("the dashboard", timeout: Self.patience) { screen in
                FindScreen.tableRows(screen).count == FindFixture.total && screen.contains("┌ Detail")
                    && !screen.contains("┌ Timeline")
            }
            try waitForSelection(tmux, FindFixture.alerted, "the selection still on the opened identity")

            try quit(tmux, run)
        }

        // MARK: 4. Alerts and revocations panes

        @Test func alertsPaneListsTheAlertAndEnterJumpsToItsIdentity() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let (tmux, run) = try start(fixture)

            // The cursor away from the alerted agent first, so the jump has somewhere to go.
            try tmux.keys("G")
            let bottom = try #require(FindScreen.tableRows(try tmux.screen()).last)
            #expect(bottom != FindFixture.alerted)
            try waitForSelection(tmux, bottom, "the cursor on the bottom row, \(bottom)")

            try tmux.keys("A")
            let (pane, _) = try tmux.waitFor("the alerts pane", timeout: Self.patience) { screen in
                screen.contains("┌ Alerts (1)") && FindScreen.footer(screen).contains("focus: Alerts")
            }
            let row = FindScreen.lines(pane).first { $0.contains(FindFixture.alerted) && $0.contains("moderate 45") }
            #expect(row != nil, "the alert is listed with its level change:\n\(pane)")
            #expect(!pane.contains("┌ Events"), "the pane takes the bottom area")

            try tmux.keys("Enter")
            try tmux.waitFor("the jump to the alerted identity", timeout: Self.patience) { screen in
                FindScreen.footer(screen).contains("focus: Identities") && screen.contains("┌ Events")
                    && DashboardEndToEndTests.detailTitle(screen) == FindFixture.alerted
            }
            let escaped = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.session])
            #expect(FindScreen.cursorRow(escaped) == FindFixture.alerted, "the table's cursor row is the alerted agent")

            try quit(tmux, run)
        }

        @Test func revocationsPaneListsTheLedgerAndThemesCycle() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let revoked = "svc:search-indexer"
            let revoke = try Tmux.run([bin, "revoke", revoked, "--kind", "service", "--reason", "rotated by the find test",
                                       "--hook", "manual", "--yes", "--ledger", fixture.ledger])
            try #require(revoke.status == 0, "nhitop revoke: \(revoke.output)")
            let (tmux, run) = try start(fixture)
            try waitForSelection(tmux, FindFixture.alerted, "the top row selected")

            try tmux.keys("L")
            let (pane, _) = try tmux.waitFor("the revocations pane", timeout: Self.patience) { screen in
                screen.contains("┌ Revocations (1)") && FindScreen.footer(screen).contains("focus: Revocations")
            }
            #expect(FindScreen.lines(pane).contains { $0.contains(revoked) && $0.contains("manual") },
                    "the manual revoke is listed:\n\(pane)")

            try tmux.keys("Enter")
            try tmux.waitFor("the jump to the revoked identity", timeout: Self.patience) { screen in
                FindScreen.footer(screen).contains("focus: Identities") && screen.contains("┌ Events")
                    && DashboardEndToEndTests.detailTitle(screen) == revoked
            }
            let escaped = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.session])
            #expect(FindScreen.cursorRow(escaped) == revoked, "the table's cursor row is the revoked identity")

            // T: another theme, named in the footer, and the screen's colours change.
            let colours = escaped
            try tmux.keys("T")
            let (first, _) = try tmux.waitFor("a theme named", timeout: Self.patience) { FindScreen.footer($0).contains("theme: ") }
            let name = FindScreen.footer(first)
            try tmux.keys("T")
            try tmux.waitFor("the next theme", timeout: Self.patience) { screen in
                FindScreen.footer(screen).contains("theme: ") && FindScreen.footer(screen) != name
            }
            let after = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.session])
            // The table's lines alone: the footer's flash differs whatever the colours do.
            func table(_ s: String) -> [String] { Array(FindScreen.lines(s).dropFirst().prefix(10)) }
            #expect(table(after) != table(colours), "two themes later the table is drawn in other colours")
            #expect(table(after).map(FindScreen.strip) == table(colours).map(FindScreen.strip), "and with the same text")

            try quit(tmux, run)
        }

        // MARK: 5. Resize with a filter in force

        @Test func resizeThroughTooSmallKeepsTheFilterAndRedrawsEveryLine() throws {
            let fixture = try FindFixture()
            defer { fixture.remove() }
            let (tmux, run) = try start(fixture)
            let all = FindFixture.total
            try tmux.keys("/")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "payments"])
            try tmux.keys("Enter")
            try tmux.waitFor("the filter in force", timeout: Self.patience) { screen in
                FindScreen.header(screen).contains("filter: payments · 3 of \(all)")
            }

            try tmux.resize(width: 70, height: 20)
            try tmux.waitFor("the too-small screen", timeout: Self.patience) { screen in
                screen.contains("too small") && screen.contains("80×24") && !screen.contains("Identities")
            }

            try tmux.resize(width: 120, height: 40)
            let (screen, _) = try tmux.waitFor("the whole dashboard redrawn at 120×40", timeout: Self.patience) {
                Self.fullyDrawn($0, width: 120, height: 40)
                    && FindScreen.header($0).contains("filter: payments · 3 of \(all)")
            }
            #expect(!screen.contains("too small") && !screen.contains("needs at least") && !screen.contains("resize the window"),
                    "nothing of the too-small screen is left")
            #expect(Set(FindScreen.tableRows(screen)) == FindFixture.payments, "the filter still in force")
            #expect(screen.contains("Identities (3 of \(all))"))

            try quit(tmux, run)
        }

        /// Every line of the dashboard drawn to the edge: the header, then box lines that start
        /// and end with a border glyph exactly `width` columns apart, then the footer. A line
        /// left from an earlier screen would break one of them.
        static func fullyDrawn(_ screen: String, width: Int, height: Int) -> Bool {
            let lines = FindScreen.lines(screen)
            guard lines.count == height, lines[0].hasPrefix(" nhitop │"), lines[0].hasSuffix("UTC"),
                  FindScreen.footer(screen).contains("focus: Identities") else { return false }
            let body = lines[1..<(height - 1)]
            return body.allSatisfy { line in
                line.count == width && "┌│└".contains(line.first ?? " ") && "┐│┘".contains(line.last ?? " ")
            }
        }
    }
}
