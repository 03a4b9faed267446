import Testing
@testable import ABCCore

@Suite("Transactions")
struct TransactionLoaderTests {
    @Test func quantityTimesUnitPrice() throws {
        let data = try Fixture.load("""
            customer,date,quantity,unit_price
            C1,2024-03-01,3,1.3333
            C2,2024-03-01,1.5,0.333
            C3,2024-03-01,1.5,0.3333
            C4,2024-03-01,2,-4.25

            """)
        // 3 × 1.3333 = 3.9999 (39,999 units, exact); 1.5 × 0.333 = 0.4995 (4,995, exact);
        // 1.5 × 0.3333 = 0.49995 = 4,999.5 units → 5,000 (half-even; 4,999 is odd), rounded once;
        // 2 × −4.25 = −8.50.
        #expect(data.revenue("C1") == 39_999)
        #expect(data.revenue("C2") == 4_995)
        #expect(data.revenue("C3") == 5_000)
        #expect(data.revenue("C4") == -85_000)
        #expect(data.report.roundedValues == 1)
        #expect(data.moneyDecimals == 4)
        #expect(data.columnMap == ["customer=customer", "date=date", "quantity=quantity", "unit-price=unit_price"])
        #expect(data.metrics.profit == nil)
    }

    @Test func amountColumnWinsOverQuantityTimesPrice() throws {
        // With an amount column, quantity and price are not used (nor reported).
        let data = try Fixture.load("customer,date,quantity,price,amount\nC1,2024-03-01,3,2,5.5\n")
        #expect(data.metrics.revenue == [55_000])
        #expect(data.columnMap == ["customer=customer", "date=date", "amount=amount"])
    }

    @Test func costPerLine() throws {
        let data = try Fixture.load("""
            customer,date,amount,cost
            C1,2024-03-01,10.00,6.50
            C1,2024-03-02,5.00,5.25
            C2,2024-03-02,8,0

            """)
        // C1: (10 − 6.50) + (5 − 5.25) = 3.50 − 0.25 = 3.25; C2: 8.
        #expect(data.profit("C1") == 32_500)
        #expect(data.profit("C2") == 80_000)
        #expect(data.transactions?.profit == [35_000, -2_500, 80_000])
        #expect(!data.report.assumptions.contains { $0.hasPrefix("no cost or profit column") })
    }

    @Test func unitCostTimesQuantity() throws {
        // 2 × 5.00 = 10.00 revenue, 2 × 3.00 = 6.00 cost: profit 4.00.
        let data = try Fixture.load("customer,date,quantity,unit_price,unit_cost\nC1,2024-03-01,2,5.00,3.00\n")
        #expect(data.metrics.revenue == [100_000])
        #expect(data.metrics.profit == [40_000])
    }

    @Test func profitColumn() throws {
        let data = try Fixture.load("""
            customer,date,sales,profit
            C1,2024-03-01,261.96,41.9136
            C1,2024-03-02,14.62,-6.8714
            C2,2024-03-02,957.5775,-383.031

            """)
        // C1: 261.96 + 14.62 = 276.58; profit 41.9136 − 6.8714 = 35.0422.
        #expect(data.revenue("C1") == 2_765_800)
        #expect(data.profit("C1") == 350_422)
        #expect(data.revenue("C2") == 9_575_775)
        #expect(data.profit("C2") == -3_830_310)
        #expect(data.columnMap == ["customer=customer", "date=date", "amount=sales", "profit=profit"])
    }

    /// The returns/orders example, by hand:
    /// - A: O1 = 10 + 5 (one order of two lines), O2 = 10 − 10 (fully returned, 0), O3 = 0
    ///   (zero amount): revenue 15, orders 1, dates 2024-01-01 … 2024-01-07.
    /// - B: O1 = 20 (a different customer's O1 is a different order), O4 = −5 alone (a
    ///   return, not an order): revenue 15, orders 1, dates 2024-01-03 … 2024-02-01 (the
    ///   return counts for the last date).
    /// - One row without a customer id: skipped, counted.
    /// Reference = 2024-02-01; recency A = 25 days (Jan 7 → Feb 1), B = 0; tenure A = 31,
    /// B = 29 (Jan 3 → Feb 1).
    static let ordersText = """
        customer,date,order_id,amount
        A,2024-01-01,O1,10
        A,2024-01-01,O1,5
        A,2024-01-05,O2,10
        A,2024-01-06,O2,-10
        A,2024-01-07,O3,0
        B,2024-01-03,O1,20
        B,2024-02-01,O4,-5
        ,2024-01-02,O9,99

        """

    @Test func returnsZeroAmountsAndOrders() throws {
        let data = try Fixture.load(Self.ordersText)
        #expect(data.ids == ["A", "B"])
        #expect(data.metrics.revenue == [150_000, 150_000])
        #expect(data.metrics.orders == [1, 1])
        #expect(data.report.rowsRead == 8)
        #expect(data.report.rowsUsed == 7)
        #expect(data.report.skippedNoCustomer == 1)
        // The row without a customer carries 99, left out of every figure.
        #expect(data.report.noCustomerRevenue == 990_000)
        #expect(data.report.noCustomerUnreadable == 0)
        #expect(data.report.returns == 2)
        #expect(data.report.zeroAmounts == 1)
        #expect(data.transactions?.orderPairCount == 5)  // (A,O1) (A,O2) (A,O3) (B,O1) (B,O4)
        #expect(data.columnMap == ["customer=customer", "date=date", "order=order_id", "amount=amount"])
        #expect(data.metrics.aov == [150_000, 150_000])
    }

    @Test func firstLastReferenceRecencyTenure() throws {
        let data = try Fixture.load(Self.ordersText)
        #expect(data.first("A") == "2024-01-01")
        #expect(data.last("A") == "2024-01-07")
        #expect(data.first("B") == "2024-01-03")
        #expect(data.last("B") == "2024-02-01")
        #expect(data.metrics.referenceDate == day(2024, 2, 1))
        #expect(data.metrics.recency == [25, 0])
        #expect(data.metrics.tenure == [31, 29])
        #expect(data.report.firstDate == day(2024, 1, 1))
        #expect(data.report.lastDate == day(2024, 2, 1))
    }

    @Test func withoutOrderColumnOrdersArePositiveRows() throws {
        // Same rows without order ids: A has 10, 5, 10 > 0 → 3; B has 20 → 1.
        let text = Self.ordersText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count == 4 { fields.remove(at: 2) }
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        let data = try Fixture.load(text)
        #expect(data.metrics.orders == [3, 1])
        #expect(data.metrics.revenue == [150_000, 150_000])
        #expect(data.transactions?.orderPair == nil)
        #expect(!data.report.assumptions.contains { $0.contains("order") })  // the load report's orders line says it
        // aov: 15 / 3 = 5.00 for A.
        #expect(data.metrics.aov == [50_000, 150_000])
    }

    @Test func customerWithNegativeNetRevenue() throws {
        let data = try Fixture.load("customer,date,amount\nR,2024-01-01,5\nR,2024-01-02,-12.5\n")
        #expect(data.metrics.revenue == [-75_000])
        #expect(data.metrics.orders == [1])
        #expect(data.report.returns == 1)
    }

    @Test func transactionColumnsInFileOrder() throws {
        let data = try Fixture.load("customer,date,amount\nZ,2024-01-02,1\nA,2024-01-01,2\nZ,2024-01-03,3\n")
        let tx = try #require(data.transactions)
        // Customer indices are in id byte order: A = 0, Z = 1.
        #expect(tx.customer == [1, 0, 1])
        #expect(tx.date == [day(2024, 1, 2), day(2024, 1, 1), day(2024, 1, 3)])
        #expect(tx.amount == [10_000, 20_000, 30_000])
        #expect(tx.count == 3)
    }

    @Test func noCostMeansNoProfitAndTheReportSaysSo() throws {
        let data = try Fixture.load("customer,date,amount\nC1,2024-03-01,1\n")
        #expect(data.metrics.profit == nil)
        #expect(data.transactions?.profit == nil)
        #expect(data.report.assumptions == ["no cost or profit column: profit and margin are not available"])
    }

    /// Rows without a customer id are left out, but what they carry is added up for the
    /// report: the amount, or quantity × unit price, read without stopping the load.
    @Test(arguments: [
        // 7.50 + (−2.25) = 5.25 over two rows; the third has no readable amount.
        ("customer,date,amount\n,2024-01-01,7.50\nK1,2024-01-01,10\n,2024-01-02,-2.25\n,2024-01-03,n/a\n", 52_500, 1),
        // 3 × 2.5 = 7.50 and 2 × 0.125 = 0.25 (exact, 4 decimals): 7.75.
        ("customer,date,quantity,unit_price\n,2024-01-01,3,2.5\nK1,2024-01-01,1,10\n,2024-01-02,2,0.125\n", 77_500, 0),
    ])
    func rowsWithoutACustomerAreAddedUp(text: String, revenue: Int, unreadable: Int) throws {
        let data = try Fixture.load(text)
        #expect(data.metrics.revenue == [100_000])
        #expect(data.report.noCustomerRevenue == Int128(revenue))
        #expect(data.report.noCustomerUnreadable == unreadable)
        // Nothing of them counts elsewhere: no rounding, no 4-decimal money, no returns.
        #expect(data.report.returns == 0)
        #expect(data.moneyDecimals == 2)
        #expect(data.report.firstDate == day(2024, 1, 1) && data.report.lastDate == day(2024, 1, 1))
    }
}
