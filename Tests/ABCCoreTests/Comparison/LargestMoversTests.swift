import Testing
@testable import ABCCore

/// Eight customers worked by hand (– = absent):
///
///   customer  from  to  revenue from  revenue to
///   0         A     C   10            11          moves 2
///   1         B     B   99            99          stays
///   2         C     A   30            31          moves 2
///   3         –     B    0            40          arrives
///   4         A     –   50             0          leaves
///   5         C     B   70            71          moves 1
///   6         –     –    0             0          absent on both sides: not a mover
///   7         A     C   30             5          moves 2
@Suite("Largest movers")
struct LargestMoversTests {
    static let x = MigrationMatrix.absent
    static let from: [UInt8] = [0, 1, 2, x, 0, 2, x, 0]
    static let to: [UInt8] = [2, 1, 0, 1, x, 1, x, 2]
    static let revenueFrom: [Int64] = [10, 99, 30, 0, 50, 70, 0, 30]
    static let revenueTo: [Int64] = [11, 99, 31, 40, 0, 71, 0, 5]

    static func movers(_ options: LargestMovers.Options, limit: Int = 10) -> [LargestMovers.Mover] {
        LargestMovers.find(from: from, to: to, revenueFrom: revenueFrom, revenueTo: revenueTo, options: options, limit: limit)
    }

    @Test func includingAbsentCustomers() {
        // Arrivals and departures first (distance 9): 4 by its revenue before (50), 3 by its
        // revenue after (40). Then the two-tier moves by revenue before: 2 and 7 tie at 30 and
        // go by index; 0 has 10. Then 5.
        #expect(Self.movers(.includingAbsent) == [
            .init(customer: 4, distance: 9, revenue: 50), .init(customer: 3, distance: 9, revenue: 40),
            .init(customer: 2, distance: 2, revenue: 30), .init(customer: 7, distance: 2, revenue: 30),
            .init(customer: 0, distance: 2, revenue: 10), .init(customer: 5, distance: 1, revenue: 70),
        ])
    }

    @Test func presentOnBothSides() {
        // 3 and 4 are left out; by the larger revenue: 2 (31), 7 (30), 0 (11), then 5 (71).
        #expect(Self.movers(.presentOnBothSides) == [
            .init(customer: 2, distance: 2, revenue: 31), .init(customer: 7, distance: 2, revenue: 30),
            .init(customer: 0, distance: 2, revenue: 11), .init(customer: 5, distance: 1, revenue: 71),
        ])
    }

    @Test func theLimitKeepsTheFirst() {
        #expect(Self.movers(.includingAbsent, limit: 2).map(\.customer) == [4, 3])
        #expect(Self.movers(.presentOnBothSides, limit: 1).map(\.customer) == [2])
        #expect(Self.movers(.presentOnBothSides, limit: 0).isEmpty)
    }

    @Test func ties() {
        // Equal distance and revenue: the lower index first, whatever the input order.
        let movers = LargestMovers.find(
            from: [0, 0, 0], to: [1, 1, 1], revenueFrom: [5, 5, 5], revenueTo: [5, 5, 5],
            options: .includingAbsent, limit: 10)
        #expect(movers.map(\.customer) == [0, 1, 2])
        // Negative revenue (net returns) orders below zero.
        let negative = LargestMovers.find(
            from: [0, 0], to: [1, 1], revenueFrom: [-20, 0], revenueTo: [-20, 0], options: .includingAbsent, limit: 10)
        #expect(negative.map(\.customer) == [1, 0])
    }

    @Test func noMoversWhenNothingChanges() {
        #expect(LargestMovers.find(from: [0, 1, Self.x], to: [0, 1, Self.x], revenueFrom: [1, 2, 3], revenueTo: [1, 2, 3],
                                   options: .includingAbsent, limit: 10).isEmpty)
        // Only arrivals: none when absent customers do not count.
        #expect(LargestMovers.find(from: [Self.x], to: [0], revenueFrom: [0], revenueTo: [9],
                                   options: .presentOnBothSides, limit: 10).isEmpty)
    }

    @Test func aCustomOption() {
        // Absent counts as one tier, ordered by the larger revenue.
        let movers = Self.movers(.init(absentDistance: 1, revenue: .larger))
        #expect(movers.map(\.customer) == [2, 7, 0, 5, 4, 3])
        #expect(movers.map(\.distance) == [2, 2, 2, 1, 1, 1])
    }
}
