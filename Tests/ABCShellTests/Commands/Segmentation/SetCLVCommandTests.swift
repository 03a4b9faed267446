import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("set clv")
struct SetCLVCommandTests {
    @Test func parses() throws {
        let c = try ShellFixture.parse("set clv horizon 6 months discount 2%", as: SetCLVCommand.self)
        #expect(c.change.months == 6 && c.change.discount == ExactRate(numerator: 2, denominator: 100))
        let d = try ShellFixture.parse("set clv discount 0.5%", as: SetCLVCommand.self)
        #expect(d.change.months == nil && d.change.discount == ExactRate(numerator: 5, denominator: 1000))
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(f.failure("set clv horizon 0 months")?.message == "expected a whole number of months from 1 to 120, found '0'")
        #expect(f.failure("set clv horizon 12")?.message.hasPrefix("expected 'months' after the horizon's count") == true)
        let d = try #require(f.failure("set clv horizon 3 months horizon 4 months"))
        #expect(d.message.hasPrefix("expected horizon N months or discount D%, found 'horizon'"))
        #expect(d.location?.column == 26)
    }

    @Test func savedShownAndUsedByTheCriteria() throws {
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        f.run("scenario new look; set clv horizon 6 months discount 2%; save --scenarios-only w.abc")
        let script = try String(contentsOfFile: f.path("w.abc"), encoding: .utf8)
        #expect(script.contains("scenario new look from base\nset clv horizon 6 months discount 2%\n"))
        #expect(f.run("scenario show look").text.contains("clv       horizon 6 months (of 30 days), discount 2% a month"))
        // A longer horizon expects more purchases of every customer who may still buy.
        f.run("set weights expected_orders 1")
        let six = try f.blocks("customers top 3 by expected_orders", as: CustomersCommand.self).tables.first?.column("expected_orders") ?? []
        f.run("set clv horizon 24 months")
        let long = try f.blocks("customers top 3 by expected_orders", as: CustomersCommand.self).tables.first?.column("expected_orders") ?? []
        #expect(six.count == 3 && long.count == 3)
        for (a, b) in zip(six, long) { #expect((Double(a) ?? 0) < (Double(b) ?? 0)) }
        // clv ranks: the listing by clv is in descending clv.
        let clv = try f.blocks("customers all by clv", as: CustomersCommand.self).tables.first?.column("clv").compactMap { Double($0.replacingOccurrences(of: ",", with: "")) } ?? []
        #expect(clv.count == 5000)
        #expect(zip(clv, clv.dropFirst()).allSatisfy { $0 >= $1 })
    }
}
