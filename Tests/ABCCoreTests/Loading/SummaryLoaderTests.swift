import Testing
@testable import ABCCore

@Suite("Customer summaries")
struct SummaryLoaderTests {
    @Test func fullSummary() throws {
        let data = try Fixture.load("""
            customer_id,revenue,profit,orders,first_purchase,last_purchase
            C2,100.50,20.25,3,2023-01-10,2024-02-01
            C1,50,5,1,2024-01-01,2024-01-01

            """)
        #expect(data.kind == .customers)
        #expect(data.transactions == nil)
        #expect(data.ids == ["C1", "C2"])
        #expect(data.metrics.revenue == [500_000, 1_005_000])
        #expect(data.metrics.profit == [50_000, 202_500])
        #expect(data.metrics.orders == [1, 3])
        #expect(data.first("C2") == "2023-01-10")
        #expect(data.last("C2") == "2024-02-01")
        #expect(data.metrics.referenceDate == day(2024, 2, 1))
        // Recency: C1 2024-01-01 → 2024-02-01 = 31, C2 0.
        // Tenure: C1 31; C2 2023-01-10 → 2024-01-10 = 365, + 22 to 2024-02-01 = 387.
        #expect(data.metrics.recency == [31, 0])
        #expect(data.metrics.tenure == [31, 387])
        #expect(data.columnMap == [
            "customer=customer_id", "revenue=revenue", "profit=profit", "orders=orders",
            "first-purchase=first_purchase", "last-purchase=last_purchase",
        ])
        #expect(data.report.rowsRead == 2)
        #expect(data.report.rowsUsed == 2)
        #expect(data.report.firstDate == day(2023, 1, 10))
        #expect(data.report.lastDate == day(2024, 2, 1))
        #expect(data.metrics.defaultCriteria() == [
            WeightedCriterion(.revenue, 0.5), WeightedCriterion(.profit, 0.3), WeightedCriterion(.orders, 0.2),
        ])
    }

    @Test func spendColumnsSummedIntoRevenue() throws {
        // The marketing-campaign layout: "ID", MntWines + MntFruits; "Recency" is not a date.
        let data = try Fixture.load("""
            ID,Year_Birth,MntWines,MntFruits,Recency
            1,1957,635,88,58
            2,1954,11,1,38

            """)
        #expect(data.kind == .customers)
        // 635 + 88 = 723; 11 + 1 = 12.
        #expect(data.metrics.revenue == [7_230_000, 120_000])
        #expect(data.columnMap == ["customer=ID", "revenue=MntWines + MntFruits"])
    }

    @Test func rowsWithoutAnIdAreAddedUpForTheReport() throws {
        // The row without an id spends 20 + 2.5 = 22.50 over the two spend columns.
        let data = try Fixture.load("ID,MntWines,MntFruits\n1,635,88\n,20,2.5\n2,11,1\n")
        #expect(data.metrics.revenue == [7_230_000, 120_000])
        #expect(data.report.skippedNoCustomer == 1)
        #expect(data.report.noCustomerRevenue == 225_000)
        #expect(data.report.noCustomerUnreadable == 0)
        // The default-criteria sentence is the shell's (the load report); the core only notes what is absent.
        #expect(!data.report.assumptions.contains { $0.hasPrefix("default criteria") })
    }

    @Test func revenueColumnsMappedByHand() throws {
        let data = try Fixture.load(
            "customer,a,b,c\nC1,1,2,4\n", options: options(columns: [.revenue: ["a", "c"]]))
        #expect(data.kind == .customers)
        #expect(data.metrics.revenue == [50_000])  // 1 + 4
        #expect(data.columnMap == ["customer=customer", "revenue=a + c"])
    }

    @Test func onlyIdAndRevenue() throws {
        let data = try Fixture.load("customer,revenue\nC1,10\nC2,20.5\n")
        #expect(data.kind == .customers)
        #expect(data.metrics.revenue == [100_000, 205_000])
        #expect(data.metrics.profit == nil)
        #expect(data.metrics.orders == nil)
        #expect(data.metrics.first == nil)
        #expect(data.metrics.last == nil)
        #expect(data.metrics.referenceDate == nil)
        #expect(data.metrics.recency == nil)
        #expect(data.metrics.tenure == nil)
        #expect(data.metrics.aov == nil)
        #expect(data.metrics.margin == nil)
        #expect(data.report.assumptions.contains(
            "customer summary without cost or profit, orders, first purchase, last purchase: the metrics needing them are absent"))

        let profit = #expect(throws: RequestError.self) { try data.metrics.require(.profit) }
        #expect(profit?.message == "criterion 'profit' needs cost or profit data, which this dataset lacks")
        let recency = #expect(throws: RequestError.self) { try data.metrics.require(.recency) }
        #expect(recency?.message == "criterion 'recency' needs purchase dates, which this dataset lacks")
        let orders = #expect(throws: RequestError.self) { try data.metrics.require(.orders) }
        #expect(orders?.message == "criterion 'orders' needs order counts, which this dataset lacks")
        #expect(throws: Never.self) { try data.metrics.require(.revenue) }
        // Without profit and orders only revenue is left: 0.5 / 0.5 = 1.
        #expect(data.metrics.defaultCriteria() == [WeightedCriterion(.revenue, 1)])
    }

    @Test func summaryWithCostGivesProfit() throws {
        let data = try Fixture.load("customer,sales,cost,orders\nC1,100,60,4\n")
        #expect(data.metrics.revenue == [1_000_000])
        #expect(data.metrics.profit == [400_000])
        #expect(data.metrics.orders == [4])
        #expect(data.metrics.aov == [250_000])  // 100 / 4 = 25.00
    }

    @Test func ordersMustBeWholeNumbers() {
        let error = Fixture.loadError("customer,revenue,orders\nC1,10,2.5\n")
        #expect(error?.message == "expected a whole number ≥ 0 in column 'orders', found \"2.5\"")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 2, column: 7))
    }

    @Test func forcedCustomersOnADatedFile() throws {
        // Forced to a summary, the date column is ignored and the two C1 rows merge.
        let data = try Fixture.load(
            "customer,date,amount\nC1,2024-03-01,10\nC1,2024-03-02,5\n", options: options(kind: .customers))
        #expect(data.kind == .customers)
        #expect(data.report.kindForced)
        #expect(data.metrics.revenue == [150_000])
        #expect(data.metrics.first == nil)
        #expect(data.report.mergedDuplicateCustomers == 1)
    }

    @Test func duplicateRowsWithSlashDatesMerge() throws {
        // C1 twice, day-first dates (13/01 settles it): 13 Jan 2024 and 1 Feb 2024.
        // Merged: first purchase 2024-01-13, last 2024-02-01.
        let data = try Fixture.load("""
            customer,revenue,first_purchase,last_purchase
            C1,10,13/01/2024,13/01/2024
            C1,5,01/02/2024,01/02/2024

            """)
        #expect(data.metrics.revenue == [150_000])
        #expect(data.first("C1") == "2024-01-13")
        #expect(data.last("C1") == "2024-02-01")
        #expect(data.metrics.referenceDate == day(2024, 2, 1))
    }

    @Test func summaryWithoutRevenue() {
        let error = Fixture.loadError("customer,colour\nC1,red\n")
        #expect(error?.message.hasPrefix("no revenue column found in customer summary 'data.csv'") == true)
    }
}

@Suite("Customer summaries, marketing layout")
struct MarketingSummaryTests {
    @Test func tabSeparatedSpendColumns() throws {
        // A tab file whose Education values contain a space ("2n Cycle") and whose Income is
        // sometimes empty; six Mnt… columns add up to revenue.
        let text = """
            ID\tYear_Birth\tEducation\tIncome\tDt_Customer\tRecency\tMntWines\tMntFruits\tMntMeatProducts\tMntFishProducts\tMntSweetProducts\tMntGoldProds\tNumWebPurchases
            5524\t1957\tGraduation\t58138\t04-09-2012\t58\t635\t88\t546\t172\t88\t88\t8
            2174\t1954\t2n Cycle\t\t08-03-2014\t38\t11\t1\t6\t2\t1\t6\t1

            """
        let data = try Fixture.load(text)
        #expect(data.report.separatorName == "tab")
        #expect(data.kind == .customers)
        #expect(data.ids == ["2174", "5524"])
        // 5524: 635 + 88 + 546 + 172 + 88 + 88 = 1,617; 2174: 11 + 1 + 6 + 2 + 1 + 6 = 27.
        #expect(data.metrics.revenue == [270_000, 16_170_000])
        #expect(data.columnMap == [
            "customer=ID",
            "revenue=MntWines + MntFruits + MntMeatProducts + MntFishProducts + MntSweetProducts + MntGoldProds",
        ])
        #expect(data.metrics.orders == nil)
        #expect(data.metrics.first == nil)
    }
}
