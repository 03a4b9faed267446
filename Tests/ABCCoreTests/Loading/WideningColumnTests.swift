import Testing
@testable import ABCCore

@Suite("Widening columns")
struct WideningColumnTests {
    @Test func moneyWidensWhenAValueNeedsIt() {
        var column = MoneyColumn()
        column.append(2_147_483_647)  // Int32.max units = 214,748.3647: still narrow
        column.append(-5)
        #expect(column.wide == nil)
        column.append(2_147_483_648)  // one unit more: widens, keeping the earlier values
        #expect(column.wide != nil)
        #expect(column.values == [2_147_483_647, -5, 2_147_483_648])
        #expect(column[1] == -5)
    }

    @Test func datesAreOffsetsFrom1900UntilOneIsNot() {
        var column = DateColumn()
        let first = CivilDate.dayNumber(year: 1900, month: 1, day: 1)
        let last = first + 65_535  // 2079-06-06
        column.append(first)
        column.append(last)
        column.append(CivilDate.dayNumber(year: 2024, month: 3, day: 1))
        #expect(column.wide == nil)
        #expect(column.values == [first, last, CivilDate.dayNumber(year: 2024, month: 3, day: 1)])
        column.append(first - 1)  // 1899-12-31
        #expect(column.wide != nil)
        #expect(column.values.last == first - 1)
        column.withValues { value in #expect(value(1) == last) }
    }
}
