import Testing
@testable import ABCCore

@Suite("Migration matrix")
struct MigrationMatrixTests {
    @Test func countsAndRevenueWorkedByHand() {
        // customer:   0    1    2    3       4       5
        // from:       A    B    C    C       absent  A
        // to:         A    C    C    absent  B       B
        // revenue:   10   20   30   40      50      60
        let absent = MigrationMatrix.absent
        let m = MigrationMatrix(from: [0, 1, 2, 2, absent, 0], fromTiers: 3, to: [0, 2, 2, absent, 1, 1], toTiers: 3,
                                revenue: [10, 20, 30, 40, 50, 60])
        #expect(m.customers == [
            [1, 1, 0, 0],  // A → A, A → B
            [0, 0, 1, 0],  // B → C
            [0, 0, 1, 1],  // C → C, C → dropped
            [0, 1, 0, 0],  // new → B
        ])
        #expect(m.revenue[0] == [10, 60, 0, 0])
        #expect(m.revenue[2] == [0, 0, 30, 40])
        #expect(m.moved == 4)
    }
}
