import Foundation
import Testing
@testable import ABCShell

/// Three quarters of hand-made data for the workspace tests, one purchase per customer, so
/// every customer has one order and the default score (revenue 0.5/0.7, orders 0.2/0.7: orders
/// all equal count nothing) ranks by revenue alone. Count 20/30/50 of 10 customers: A = ranks
/// 1–2, B = 3–5, C = 6–10; of 9: A = rank 1, B = 2–4, C = 5–9.
///
///     customer   q1 revenue tier   q2 revenue tier (rank)   q3 revenue tier (rank)
///     C01        1000  A  (1)      100  C (9)               —   gone
///     C02         900  A  (2)      950  B (3)               950  B (4)
///     C03         800  B  (3)     1200  A (2)              1200  B (3)
///     C04         700  B  (4)      650  B (5)               650  C (6)
///     C05         600  B  (5)      300  C (7)               300  C (8)
///     C06         500  C  (6)      800  B (4)               800  C (5)
///     C07         400  C  (7)      420  C (6)               420  C (7)
///     C08         300  C  (8)      250  C (8)               250  C (9)
///     C09         200  C  (9)      —    gone                —
///     C10         100  C (10)      —    gone                —
///     N1          —    new        1500  A (1)              1500  B (2)
///     N2          —    new          50  C (10)             2000  A (1)
///
/// Tier revenue: q1 A 1,900, B 2,100, C 1,500 (5,500); q2 A 2,700, B 2,400, C 1,120 (6,220);
/// q3 A 2,000, B 3,650, C 2,420 (8,070).
enum Quarters {
    static let q1 = file([("C01", 1000), ("C02", 900), ("C03", 800), ("C04", 700), ("C05", 600), ("C06", 500),
                          ("C07", 400), ("C08", 300), ("C09", 200), ("C10", 100)], month: "03")
    static let q2 = file([("C01", 100), ("C02", 950), ("C03", 1200), ("C04", 650), ("C05", 300), ("C06", 800),
                          ("C07", 420), ("C08", 250), ("N1", 1500), ("N2", 50)], month: "06")
    static let q3 = file([("C02", 950), ("C03", 1200), ("C04", 650), ("C05", 300), ("C06", 800),
                          ("C07", 420), ("C08", 250), ("N1", 1500), ("N2", 2000)], month: "09")

    static func file(_ customers: [(String, Int)], month: String) -> String {
        "customer_id,date,amount\n" + customers.enumerated().map { i, c in
            "\(c.0),2025-\(month)-\(i + 10),\(c.1).00\n"
        }.joined()
    }

    /// A fixture with the three quarter files and a clock that ticks one second per reading,
    /// so snapshots are taken in the order saved.
    static func fixture(setup: String? = "load q1.csv; workspace open w.abcw") throws -> ShellFixture {
        final class Clock: @unchecked Sendable {
            var seconds = 1_760_000_000.0
            let lock = NSLock()
            func tick() -> Double { lock.lock(); defer { lock.unlock() }; seconds += 1; return seconds }
        }
        let clock = Clock()
        return try ShellFixture(files: ["q1.csv": q1, "q2.csv": q2, "q3.csv": q3], setup: setup) { environment in
            environment.now = { clock.tick() }
        }
    }
}
