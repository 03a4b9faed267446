import Testing
@testable import ABCCore

/// Several files with the same columns (a file per month) load as one dataset: exactly what
/// one file holding their rows one after the other gives, with errors naming each file.
@Suite("Several files")
struct MultiFileLoadTests {
    /// Files from texts (name → text), in memory.
    static func files(_ texts: [(String, String)]) -> [DataFile] {
        texts.map { DataFile(bytes: Array($0.1.utf8), name: $0.0) }
    }

    /// The header line and the rows after it.
    static func split(_ text: String) -> (header: String, rows: String) {
        guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
        return (String(text[...newline]), String(text[text.index(after: newline)...]))
    }

    /// One text holding the files' rows one after the other, under the first file's header.
    static func concatenated(_ texts: [String]) -> String {
        split(texts[0]).header + texts.map { split($0).rows }.joined()
    }

    /// Everything a load computes, but the names of the files in its messages.
    static func expectSame(_ many: Dataset, _ one: Dataset, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(many.ids == one.ids, sourceLocation: sourceLocation)
        #expect(many.kind == one.kind, sourceLocation: sourceLocation)
        #expect(many.metrics.revenue == one.metrics.revenue, sourceLocation: sourceLocation)
        #expect(many.metrics.profit == one.metrics.profit, sourceLocation: sourceLocation)
        #expect(many.metrics.orders == one.metrics.orders, sourceLocation: sourceLocation)
        #expect(many.metrics.first == one.metrics.first, sourceLocation: sourceLocation)
        #expect(many.metrics.last == one.metrics.last, sourceLocation: sourceLocation)
        #expect(many.metrics.referenceDate == one.metrics.referenceDate, sourceLocation: sourceLocation)
        #expect(many.moneyDecimals == one.moneyDecimals, sourceLocation: sourceLocation)
        #expect(many.transactions?.customer == one.transactions?.customer, sourceLocation: sourceLocation)
        #expect(many.transactions?.date == one.transactions?.date, sourceLocation: sourceLocation)
        #expect(many.transactions?.amount == one.transactions?.amount, sourceLocation: sourceLocation)
        #expect(many.transactions?.profit == one.transactions?.profit, sourceLocation: sourceLocation)
        #expect(many.transactions?.orderPairCount == one.transactions?.orderPairCount, sourceLocation: sourceLocation)
        let a = many.report, b = one.report
        #expect(a.rowsRead == b.rowsRead, sourceLocation: sourceLocation)
        #expect(a.rowsUsed == b.rowsUsed, sourceLocation: sourceLocation)
        #expect(a.blankLines == b.blankLines, sourceLocation: sourceLocation)
        #expect(a.skippedNoCustomer == b.skippedNoCustomer, sourceLocation: sourceLocation)
        #expect(a.noCustomerRevenue == b.noCustomerRevenue, sourceLocation: sourceLocation)
        #expect(a.skippedBad == b.skippedBad, sourceLocation: sourceLocation)
        #expect(a.returns == b.returns, sourceLocation: sourceLocation)
        #expect(a.zeroAmounts == b.zeroAmounts, sourceLocation: sourceLocation)
        #expect(a.roundedValues == b.roundedValues, sourceLocation: sourceLocation)
        #expect(a.mergedDuplicateCustomers == b.mergedDuplicateCustomers, sourceLocation: sourceLocation)
        #expect(a.firstDate == b.firstDate && a.lastDate == b.lastDate, sourceLocation: sourceLocation)
        #expect(a.columnsText == b.columnsText, sourceLocation: sourceLocation)
        #expect(a.assumptions.count == b.assumptions.count, sourceLocation: sourceLocation)
    }

    /// Three months of orders. Worked by hand:
    /// - A's order O1 is 10 + 5 in January and −15 (a return) in February: it nets to 0 and is
    ///   no purchase occasion; O2 (20, February) is. A: revenue 20.00, 1 order.
    /// - B: 7.5 in January, O4 of 2.5 and 0.0001 in March (a fourth decimal): revenue 10.0001,
    ///   2 orders (O3, O4).
    /// - The dates are slash dates: January's `01/02/2024` could be either way; February's
    ///   `13/02/2024` settles day-first for every file, so `01/02/2024` is 1 February.
    /// - A row without a customer in March carries 4.00; a blank line in February.
    static let months = [
        ("jan.csv", "customer,date,order_id,amount\nA,01/02/2024,O1,10\nA,01/02/2024,O1,5\nB,02/02/2024,O3,7.5\n"),
        ("feb.csv", "customer,date,order_id,amount\nA,13/02/2024,O1,-15\n\nA,14/02/2024,O2,20\n"),
        ("mar.csv", "customer,date,order_id,amount\nB,01/03/2024,O4,2.5\n,02/03/2024,O9,4\nB,03/03/2024,O4,0.0001\n"),
    ]

    @Test func monthsLoadAsTheirConcatenation() throws {
        let many = try DataLoader.load(files: Self.files(Self.months))
        let one = try Fixture.load(Self.concatenated(Self.months.map(\.1)))
        Self.expectSame(many, one)
        #expect(many.ids == ["A", "B"])
        #expect(many.metrics.revenue == [200_000, 100_001])
        #expect(many.metrics.orders == [1, 2])
        #expect(many.first("A") == "2024-02-01" && many.last("A") == "2024-02-14")
        #expect(many.first("B") == "2024-02-02" && many.last("B") == "2024-03-03")
        #expect(many.moneyDecimals == 4)
        // (A,O1) (B,O3) (A,O2) (B,O4): the pair of January and February is one.
        #expect(many.transactions?.orderPairCount == 4)
        #expect(many.report.noCustomerRevenue == 40_000)
        #expect(many.report.blankLines == 1)
        #expect(many.report.file == "jan.csv + feb.csv + mar.csv")
        #expect(many.name == "jan.csv + feb.csv + mar.csv")
        #expect(many.report.files == [
            LoadReport.FileRows(name: "jan.csv", rowsRead: 3, rowsUsed: 3),
            LoadReport.FileRows(name: "feb.csv", rowsRead: 2, rowsUsed: 2),
            LoadReport.FileRows(name: "mar.csv", rowsRead: 3, rowsUsed: 2),
        ])
        // The date that settled the order is named with its file.
        #expect(many.report.assumptions.contains("dates read day-first (dd/mm), settled by \"13/02/2024\" at feb.csv:2"))
        #expect(one.report.assumptions.contains("dates read day-first (dd/mm), settled by \"13/02/2024\" at line 5"))
    }

    @Test func aGivenNameNamesTheDataset() throws {
        var options = LoadOptions()
        options.displayName = "sales_2024_*.csv"
        let data = try DataLoader.load(files: Self.files(Self.months), options: options)
        #expect(data.name == "sales_2024_*.csv")
        #expect(data.report.files.map(\.name) == ["jan.csv", "feb.csv", "mar.csv"])
    }

    /// Small files are read a few at a time on several threads; a large one in parts. Either
    /// way the dataset is the one the concatenation gives on one thread.
    @Test(arguments: [1, 2, 3, 8])
    func threadsDoNotChangeTheResult(threads: Int) throws {
        var options = LoadOptions()
        options.threads = threads
        let many = try DataLoader.load(files: Self.files(Self.months), options: options)
        let one = try Fixture.load(Self.concatenated(Self.months.map(\.1)))
        Self.expectSame(many, one)
    }

    @Test func aLargeFileAmongSmallOnesIsReadInParts() throws {
        // ParallelLoadTests.text is over the 8 MiB threshold; a month before and after it.
        let big = ParallelLoadTests.text
        let header = Self.split(big).header
        let before = header + "K1,2023-12-30,5.00,1.00,X1\nK7,2023-12-31,-2.50,0,X2\n"
        let after = header + "K1,2025-01-02,1.00,0.25,O0\n,2025-01-02,3,1,O1\nK99999,2025-01-03,7,1,X3\n"
        var options = LoadOptions()
        options.threads = 3
        let many = try DataLoader.load(
            files: Self.files([("before.csv", before), ("big.csv", big), ("after.csv", after)]), options: options)
        var oneThread = LoadOptions()
        oneThread.threads = 1
        let one = try Fixture.load(Self.concatenated([before, big, after]), options: oneThread)
        Self.expectSame(many, one)
        // The big file really was cut into parts: 1 + 3 + 1 segments.
        #expect(many.transactions?.segments.count == 5)
        #expect(many.report.files.map(\.rowsRead) == [2, one.report.rowsRead - 5, 3])
    }

    @Test func summariesLoadAsTheirConcatenation() throws {
        // C1 appears in both files: its rows merge (revenue 10 + 5, orders 1 + 2), as they
        // would in one file; the second file's 31/01/2024 settles day-first for the first's
        // 05/01/2024 (5 January).
        let parts = [
            ("q1.csv", "customer_id,revenue,orders,first_purchase,last_purchase\nC1,10,1,05/01/2024,05/01/2024\nC2,3,1,06/01/2024,07/01/2024\n"),
            ("q2.csv", "customer_id,revenue,orders,first_purchase,last_purchase\nC1,5,2,20/01/2024,31/01/2024\n,9,1,01/01/2024,01/01/2024\n"),
        ]
        let many = try DataLoader.load(files: Self.files(parts))
        let one = try Fixture.load(Self.concatenated(parts.map(\.1)))
        Self.expectSame(many, one)
        #expect(many.metrics.revenue == [150_000, 30_000])
        #expect(many.metrics.orders == [3, 1])
        #expect(many.first("C1") == "2024-01-05" && many.last("C1") == "2024-01-31")
        #expect(many.report.mergedDuplicateCustomers == 1)
        #expect(many.report.noCustomerRevenue == 90_000)
        #expect(many.report.files == [
            LoadReport.FileRows(name: "q1.csv", rowsRead: 2, rowsUsed: 2),
            LoadReport.FileRows(name: "q2.csv", rowsRead: 2, rowsUsed: 1),
        ])
    }

    @Test func lenientSkipsAreCountedPerFileAndNamedByFile() throws {
        let parts = [
            ("a.csv", "customer,date,amount\nK1,2024-01-01,1\nK2,2024-01-02,x\n"),
            ("b.csv", "customer,date,amount\nK1,2024-01-03,2\n\nK3,2024-01-04,y\n"),
        ]
        var options = LoadOptions()
        options.lenient = true
        let many = try DataLoader.load(files: Self.files(parts), options: options)
        let one = try Fixture.load(Self.concatenated(parts.map(\.1)), options: options)
        Self.expectSame(many, one)
        #expect(many.report.badRowExamples.map(\.location?.description) == ["a.csv:3:15", "b.csv:4:15"])
        #expect(many.report.files.map(\.rowsUsed) == [1, 1])
    }

    @Test func anErrorNamesItsFileAndLine() {
        let parts = [
            ("a.csv", "customer,date,amount\nK1,2024-01-01,1\n"),
            ("b.csv", "customer,date,amount\nK1,2024-01-03,2\nK2,2024-01-04,1,5\n"),
        ]
        do {
            _ = try DataLoader.load(files: Self.files(parts))
            Issue.record("expected an error")
        } catch let error as DataError {
            // "K2,2024-01-04," is 14 bytes: the extra field "5" is at 17.
            #expect(error.location == ABCCore.SourceLocation(file: "b.csv", line: 3, column: 17))
            #expect(error.message.hasPrefix("the row has 4 fields but the header 3"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func datesThatContradictAcrossFilesNameBoth() {
        let parts = [
            ("a.csv", "customer,date,amount\nK1,13/01/2024,1\n"),
            ("b.csv", "customer,date,amount\nK1,01/02/2024,2\nK2,01/13/2024,1\n"),
        ]
        #expect(throws: DataError(
            "date \"01/13/2024\" contradicts \"13/01/2024\" at a.csv:2: one is day-first, the other month-first",
            at: ABCCore.SourceLocation(file: "b.csv", line: 3, column: 4))) {
            _ = try DataLoader.load(files: Self.files(parts))
        }
    }

    @Test(arguments: [
        ("customer,date,Amount\nK2,2024-02-01,1\n",
         "the columns of 'b.csv' differ from those of 'a.csv' (column 3 is 'Amount' in 'b.csv' but 'amount' in 'a.csv'); "
            + "the files of one load must have the same columns in the same order. 'a.csv': 'customer', 'date', 'amount'; "
            + "'b.csv': 'customer', 'date', 'Amount'"),
        ("customer,date,amount,cost\nK2,2024-02-01,1,0\n",
         "the columns of 'b.csv' differ from those of 'a.csv' ('b.csv' has 4 columns, 'a.csv' 3); "
            + "the files of one load must have the same columns in the same order. 'a.csv': 'customer', 'date', 'amount'; "
            + "'b.csv': 'customer', 'date', 'amount', 'cost'"),
        ("customer;date;amount\nK2;2024-02-01;1\n",
         "'b.csv' is semicolon-separated but 'a.csv' is comma-separated; the files of one load must have the same layout "
            + "(or give --sep when detection is wrong)"),
        ("", "'b.csv' is empty: expected a header line with column names"),
    ])
    func filesThatDoNotMatchAreRefusedNamingBoth(second: String, message: String) {
        let parts = [("a.csv", "customer,date,amount\nK1,2024-01-01,1\n"), ("b.csv", second)]
        #expect(throws: DataError(message)) {
            _ = try DataLoader.load(files: Self.files(parts))
        }
        // Summaries too.
        let summaries = [("a.csv", "customer,revenue\nK1,1\n"), ("b.csv", "customer,Revenue\nK2,2\n")]
        #expect(throws: DataError.self) { _ = try DataLoader.load(files: Self.files(summaries)) }
    }

    @Test func filesWithHeadersOnly() {
        let parts = [("a.csv", "customer,date,amount\n"), ("b.csv", "customer,date,amount\n")]
        #expect(throws: DataError("the 2 files of 'a.csv + b.csv' have headers but no rows")) {
            _ = try DataLoader.load(files: Self.files(parts))
        }
    }
}

extension LoadReport {
    var columnsText: [String] { columns.map { "\($0.role.rawValue)=\($0.column)" } }
}
