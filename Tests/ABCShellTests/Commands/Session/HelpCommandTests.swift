import Testing
@testable import ABCShell

@Suite("help")
struct HelpCommandTests {
    @Test func theOverviewListsEveryGroupInOrder() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let text = try f.blocks("help", as: HelpCommand.self).text
        #expect(text.hasPrefix("Commands (help COMMAND for details):\n\nData:\n"))
        let groups = text.split(separator: "\n").filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }
        #expect(groups == ["Commands (help COMMAND for details):", "Data:", "Segmentation:", "Customers:", "Scenarios:", "What-if:", "Workspace:", "Output:", "Session:"])
        // Names are padded to the longest, "lever cost-to-serve" (19 characters).
        #expect(text.contains("\n  load" + String(repeating: " ", count: 15) + "  load a transactions file or a customer summary\n"))
        #expect(text.contains("\n  lever cost-to-serve  assume serving a tier costs this much; net = profit − cost-to-serve\n"))
    }

    @Test func oneCommandInFull() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let text = try f.blocks("help set tiers", as: HelpCommand.self).text
        #expect(text.hasPrefix("set tiers count|revenue|profit SHARES | computed [on revenue|profit]\n  tier by share of customers (count) or of revenue or profit (Pareto)\n\n  `count 20/30/50`: "))
        #expect(text.hasSuffix("\nExample:\n  set tiers revenue 80/15/5\n"))
        // Options are listed with their values, aligned after the longest, "--revenue COLUMN[,COLUMN…]" (26).
        let load = try f.blocks("help load", as: HelpCommand.self).text
        func option(_ label: String, _ help: String) -> String { "  " + label + String(repeating: " ", count: 26 - label.count + 2) + help + "\n" }
        #expect(load.contains("\nOptions:\n" + option("--transactions", "read the file as transactions (one row per order or line)")))
        #expect(load.contains(option("--sep SEP", "separator: comma, semicolon, tab, pipe or whitespace (default: detected)")))
    }

    @Test func aGroupAndAnAlias() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let text = try f.blocks("help scenario", as: HelpCommand.self).text
        // "scenario rename" is the longest: 15 characters.
        #expect(text == """
            Commands starting with 'scenario' (help COMMAND for details):
              scenario new     make a scenario, a copy of the current one (or of OTHER), and switch to it
              scenario use     switch to a scenario
              scenario list    list the scenarios and the window each covers
              scenario show    what a scenario changes compared with base
              scenario drop    delete a scenario (not base)
              scenario rename  give a scenario another name (not base)
            """)
        #expect(f.run("? lever clear").text == f.run("help lever clear").text)
    }

    @Test func anUnknownCommandSuggestsTheNearest() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("help sgment"))
        #expect(d.message == "no command 'sgment'; did you mean 'segment'?")
        #expect(d.location?.column == 6)
    }
}
