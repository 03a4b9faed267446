import Foundation
import Testing
@testable import ABCShell

/// `sweep` and `seek` on two customers with known answers: K1 (revenue 100) is A, K2 (50) is B
/// with 50/50 shares; an uplift of 10% on B with adoption y adds 50 × 10% × y = 5y revenue.
@Suite("Sweep and seek")
struct SensitivityTests {
    static func session() throws -> (Session, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abc-sens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "customer_id,date,amount,cost\nK1,2024-01-01,100,50\nK2,2024-01-02,50,30\nK3,2024-01-03,20,10\nK4,2024-01-04,10,5\n"
            .write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let session = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(session.execute("load d.csv; set weights revenue 1; set tiers count 25/25/50; lever uplift B revenue +10% adoption 30%", origin: .commandLine, output: output), "\(output.diagnostics)")
        return (session, dir)
    }

    @Test func seekFindsTheAdoptionForARevenueTarget() throws {
        let (session, dir) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = CapturedOutput()
        // Total revenue after = 180 + 5y; 182.50 needs y = 50%.
        #expect(session.execute("seek projected total revenue = 182.50 by lever 1 adoption", origin: .commandLine, output: output), "\(output.diagnostics)")
        // Rounded half to even per customer, 49.999% already gives 2.50 (24,999.5 units → 25,000).
        #expect(output.text.contains("reaches 182.50 at lever 1 adoption = 49.999% (there: 182.50); in round numbers 50% (there: 182.50)"))
        // 190 would need y = 200%: out of 0%..100%.
        let none = CapturedOutput()
        #expect(session.execute("seek projected total revenue = 190 by lever 1 adoption", origin: .commandLine, output: none))
        #expect(none.text.hasPrefix("No lever 1 adoption in 0%..100% reaches projected total revenue = 190: it goes from 180.00 to 185.00."))
    }

    @Test func sweepOfATierShare() throws {
        let (session, dir) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = CapturedOutput()
        #expect(session.execute("set format csv; sweep share A 25 75 25", origin: .commandLine, output: output), "\(output.diagnostics)")
        let rows = output.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // share A, A/B/C customers: with 4 customers A = ⌊4·s/100⌋, B up to ⌊4·(s+25)/100⌋ (C takes the rest).
        // 75/25/0 is not a tiering: that step's row is empty and says why.
        #expect(rows.dropFirst().map { Array($0[0...3]) } == [["25%", "1", "1", "2"], ["50%", "2", "1", "1"], ["75%", "", "", ""]])
        #expect(rows.last?.contains("every tier share must be above 0") == true)
    }

    @Test func badSettingsAreExplained() throws {
        let (session, dir) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = CapturedOutput()
        #expect(!session.execute("sweep lever 1 price 1 5 1", origin: .commandLine, output: output))
        #expect(output.diagnostics.last?.message == "lever 1 (uplift) has no figure 'price'; it has: lift, adoption, cost")
        #expect(!session.execute("sweep weight loyalty 0 1 0.1 extra", origin: .commandLine, output: output))
    }
}
