import ABCCore
import Testing
@testable import ABCShell

@Suite("load")
struct LoadCommandTests {
    /// A load that needs more memory than is available is refused and the session keeps its
    /// data and scenarios; `--memory-limit` overrides what the machine says (docs/input.md#memory).
    @Test func aLoadThatWouldNotFitIsRefusedAndTheSessionStays() throws {
        let f = try ShellFixture(setup: "load sales.csv --memory-limit none") { $0.availableMemory = { 1000 } }
        defer { f.remove() }
        f.run("scenario new lean")
        f.run("set tiers revenue 70/20/10")
        let refusal = try #require(f.failure("load sales.csv"))
        #expect(refusal.message.hasPrefix("not enough memory for this load: it needs about "), "\(refusal.message)")
        #expect(refusal.message.hasSuffix(" MB, 1 kB available; --memory-limit overrides (load … --memory-limit 100M)"), "\(refusal.message)")
        #expect(f.session.dataset?.customerCount == 5)
        #expect(f.session.scenarios.map(\.name) == ["base", "lean"])
        f.run("load sales.csv --memory-limit 1G")
        #expect(f.failure("load sales.csv --memory-limit 2K")?.message.contains("2 kB available") == true)
    }

    @Test func readsTransactionsAndReportsWhatItFound() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let text = try f.blocks("load sales.csv", as: LoadCommand.self).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Loaded sales.csv: transactions, comma-separated")
        #expect(lines.contains("  rows       8 read, 8 used"))
        #expect(lines.contains("  customers  5"))
        // January 31 + February 29 (2024 is a leap year) + March 31 = 91 days.
        #expect(lines.contains("  dates      2024-01-01 to 2024-03-31 (91 days); reference date 2024-03-31"))
        // Revenue 500 + 250 + 120 + 80 + 50 = 1000; profit 1000 − cost 570 = 430; one order a row.
        #expect(lines.contains("  totals     revenue 1000.00, profit 430.00, orders 8"))
        #expect(lines.contains("  columns    customer = 'customer_id', date = 'date', amount = 'amount', cost = 'cost'"))
        let ids = try #require(f.session.dataset?.customerIDs)
        #expect((0..<ids.count).map { ids[$0] } == ["K1", "K2", "K3", "K4", "K5"])
    }

    @Test func readsACustomerSummaryWithDecimalCommas() throws {
        // Semicolon-separated, so "100,50" is 100.50: revenue 100.50 + 40 + 9.50 = 150.00, orders 2 + 1 + 1 = 4.
        let f = try ShellFixture(files: ["c.csv": "customer_id;revenue;orders\nC1;100,50;2\nC2;40;1\nC3;9,50;1\n"], setup: nil)
        defer { f.remove() }
        let text = try f.blocks("load c.csv --customers", as: LoadCommand.self).text
        #expect(text.hasPrefix("Loaded c.csv: customer summary (as told), semicolon-separated\n"))
        #expect(text.contains("\n  customers  3\n"))
        #expect(text.contains("\n  totals     revenue 150.00, orders 4\n"))
        #expect(!text.contains("dates"))  // a summary without dates has no window
    }

    /// The load report says what it counted as an order, what the rows without a customer
    /// carry, and what the default criteria became, in words and exact values.
    @Test func theReportExplainsOrdersRowsWithoutACustomerAndDefaults() throws {
        // A: O1 nets 10 + 5 = 15, O2 nets 10 − 10 = 0, O3 is 0; B: O1 20, O4 −5. Positive
        // pairs: (A,O1), (B,O1): 2 of 5. The row without a customer carries 99 of 30 + 99 = 129:
        // 76.74% (99/129 = 0.767441…).
        let orders = """
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
        let f = try ShellFixture(files: ["orders.csv": orders, "sales.csv": ShellFixture.sales], setup: nil)
        defer { f.remove() }
        let lines = try f.blocks("load orders.csv", as: LoadCommand.self).text.split(separator: "\n").map(String.init)
        #expect(lines.contains("  no id      1 row without a customer id, revenue 99.00 (76.74% of all revenue read), left out"))
        #expect(lines.contains("  orders     2 (customer, order_id) pairs with a positive net amount, of 5 pairs; "
            + "the other 3 net to zero or less (returns, cancellations)"))
        // Without profit: revenue 0.5/0.7 = 0.714285… and orders 0.2/0.7 = 0.285714…, to 4 decimals.
        #expect(lines.contains("  note       default criteria: revenue 0.7143, orders 0.2857 "
            + "(no cost or profit data, so profit's 0.3 is spread over revenue and orders in proportion)"))
        #expect(!lines.contains { $0.contains("0.5/0.7") })

        // sales.csv has cost and no order column: each positive row is an order; no rescaling.
        let sales = try f.blocks("load sales.csv", as: LoadCommand.self).text.split(separator: "\n").map(String.init)
        #expect(sales.contains("  orders     8 rows with a positive amount (no order column: each is one purchase)"))
        #expect(!sales.contains { $0.contains("default criteria") || $0.hasPrefix("  no id") })
    }

    @Test func aSummaryWithRevenueAloneSaysWhereTheWeightsWent() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nC1,10\nC2,30\n"], setup: nil)
        defer { f.remove() }
        let text = try f.blocks("load c.csv", as: LoadCommand.self).text
        #expect(text.contains("\n  note       default criteria: revenue 1 "
            + "(no cost or profit data and no order counts, so profit's 0.3 and orders' 0.2 go to revenue)"))
        #expect(!text.contains("  orders "))  // a summary's orders would be a column
    }

    @Test func parsesOptionsWithoutTouchingTheSession() throws {
        let command = try ShellFixture.parse("load 'my data.csv' --sep semicolon --dates dmy --lenient --revenue a,b", as: LoadCommand.self)
        #expect(command.target == "my data.csv")
        #expect(command.options.separator == .semicolon)
        #expect(command.options.dateOrder == .dmy)
        #expect(command.options.lenient)
        #expect(command.options.columns[.revenue] == ["a", "b"])
        // What `save` writes back: the options sorted by name, values quoted only when needed.
        #expect(command.optionWords == ["--dates", "dmy", "--lenient", "--revenue", "a,b", "--sep", "semicolon"])
    }

    @Test func aFailedLoadKeepsTheDataAndNamesTheRow() throws {
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "bad.csv": "customer_id,date,amount\nK1,2024-01-01,10\nK2,2024-01-02,x1\n"])
        defer { f.remove() }
        let d = try #require(f.failure("load bad.csv"))
        // Line 3, after "K2,2024-01-02," (14 characters): column 15.
        #expect(d.location?.description == "bad.csv:3:15")
        #expect(d.message == "expected a number in column 'amount', found \"x1\"")
        #expect(f.session.dataset?.customerCount == 5)
    }

    @Test func aGroupedNumberSuggestsDeclaringTheSeparator() throws {
        let f = try ShellFixture(files: ["grouped.csv": "customer_id,date,amount\nK1,2024-01-02,\"1,234.50\"\n"], setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("load grouped.csv"))
        // "K1,2024-01-02," is 14 characters: the quote opens the field at column 15.
        #expect(d.location?.description == "grouped.csv:2:15")
        #expect(d.message == "expected a number in column 'amount', found \"1,234.50\"; if ',' groups thousands, load with --thousands comma")
        // Doing what it says loads it: 1,234.50.
        let text = try f.blocks("load grouped.csv --thousands comma", as: LoadCommand.self).text
        #expect(text.contains("\n  totals     revenue 1234.50, orders 1\n"))
    }

    @Test(arguments: [
        // "load" is 4 characters: the missing path is expected at column 6.
        ("load", "missing argument; usage: load PATH [PATH…] | sample | postgres://USER@HOST:PORT/DB?table=NAME [options]", 6),
        ("load a.csv --transactions --customers", "give --transactions or --customers, not both", 27),
        ("load a.csv --sep colon", "unknown separator 'colon'; expected comma, semicolon, tab, pipe or whitespace", 18),
        ("load a.csv --dates ymd", "expected dmy or mdy for --dates, found 'ymd'", 20),
        ("load a.csv --sepp x", "unknown option '--sepp' for 'load'; did you mean '--sep'?", 12),
        ("load a.csv --sep", "option '--sep' needs a value (SEP)", 17),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure(line))
        #expect(d.message == message)
        #expect(d.location?.description == "<command-line>:1:\(column)")
        #expect(f.session.dataset == nil)
    }
}

@Suite("load: column options")
struct LoadColumnOptionTests {
    static let files = ["ids.csv": "CustomerID,Customer_ID,date,amount\nA,X,2024-03-01,10\nB,Y,2024-03-02,20\n"]

    @Test func theExactColumnIsTaken() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let text = try f.blocks("load ids.csv --customer Customer_ID", as: LoadCommand.self).text
        #expect(text.contains("  columns    customer = 'Customer_ID', date = 'date', amount = 'amount'"))
        let ids = try #require(f.session.dataset?.customerIDs)
        #expect((0..<ids.count).map { ids[$0] } == ["X", "Y"])
    }

    @Test func severalLooseMatchesPointAtTheOption() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("load ids.csv --customer customer_id"))
        #expect(d.message == "'customer_id' for --customer matches 2 columns of 'ids.csv' when case, spaces and "
            + "underscores are ignored: 'CustomerID', 'Customer_ID'; give the exact name, e.g. --customer CustomerID")
        // "load ids.csv --customer " is 24 characters: the name starts at column 25.
        #expect(d.location?.description == "<command-line>:1:25")
        #expect(f.session.dataset == nil)
    }

    @Test func aMisspeltColumnPointsAtTheOption() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("load sales.csv --amount amout"))
        #expect(d.message == "no column 'amout' for --amount in 'sales.csv'; did you mean 'amount'? "
            + "The columns are: 'customer_id', 'date', 'amount', 'cost'")
        #expect(d.location?.description == "<command-line>:1:25")
    }
}

/// `load a.csv b.csv` and `load sales_2024_*.csv`: files with the same columns as one dataset.
@Suite("load: several files")
struct LoadSeveralFilesTests {
    /// ShellFixture.sales cut in three months (January, February, March), in its row order.
    static let header = "customer_id,date,amount,cost\n"
    static let months = [
        "sales_2024_01.csv": header + "K1,2024-01-10,300.00,150.00\nK3,2024-01-20,70.00,40.00\nK5,2024-01-01,30.00,25.00\n",
        "sales_2024_02.csv": header + "K2,2024-02-15,250.00,150.00\nK5,2024-02-01,20.00,15.00\n",
        "sales_2024_03.csv": header + "K1,2024-03-31,200.00,100.00\nK3,2024-03-01,50.00,30.00\nK4,2024-03-15,80.00,60.00\n",
    ]
    static var files: [String: String] {
        months.merging(["sales.csv": ShellFixture.sales, "other.csv": "customer_id,date,amount\nK9,2024-04-01,1\n"]) { a, _ in a }
    }

    /// The tier profile after `setup`, as records.
    static func profile(_ f: ShellFixture) throws -> [[String: String]] {
        try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first).records
    }

    @Test func aPatternLoadsTheMonthsSortedByNameAsOneFile() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let lines = try f.blocks("load sales_2024_*.csv", as: LoadCommand.self).text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Loaded sales_2024_*.csv (3 files): transactions, comma-separated")
        #expect(Array(lines[1...3]) == [
            "  file       sales_2024_01.csv: 3 rows read, 3 used",
            "  file       sales_2024_02.csv: 2 rows read, 2 used",
            "  file       sales_2024_03.csv: 3 rows read, 3 used",
        ])
        // The same eight rows as sales.csv: the fixture's figures (revenue 1000, profit 430).
        #expect(lines.contains("  rows       8 read, 8 used"))
        #expect(lines.contains("  totals     revenue 1000.00, profit 430.00, orders 8"))
        #expect(lines.contains("  dates      2024-01-01 to 2024-03-31 (91 days); reference date 2024-03-31"))
        let months = try Self.profile(f)
        f.run("load sales.csv")
        #expect(try Self.profile(f) == months)
    }

    @Test func filesListedLoadInTheOrderGiven() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let text = try f.blocks("load sales_2024_03.csv sales_2024_01.csv", as: LoadCommand.self).text
        #expect(text.hasPrefix("Loaded sales_2024_03.csv + sales_2024_01.csv (2 files): transactions, comma-separated\n"
            + "  file       sales_2024_03.csv: 3 rows read, 3 used\n  file       sales_2024_01.csv: 3 rows read, 3 used\n"))
        // K1 300 + 200, K3 70 + 50, K5 30, K4 80: 730.
        #expect(text.contains("\n  totals     revenue 730.00, profit 325.00, orders 6\n"))
        #expect(f.session.dataset?.name == "sales_2024_03.csv + sales_2024_01.csv")
    }

    @Test func anErrorNamesTheFileItIsIn() throws {
        var files = Self.files
        files["sales_2024_02.csv"] = Self.header + "K2,2024-02-15,250.00,150.00\nK5,2024-02-01,2O.00,15.00\n"
        let f = try ShellFixture(files: files, setup: "load sales.csv")
        defer { f.remove() }
        let d = try #require(f.failure("load sales_2024_*.csv"))
        // Line 3 of the February file; "K5,2024-02-01," is 14 characters: column 15.
        #expect(d.location?.description == "sales_2024_02.csv:3:15")
        #expect(d.message == "expected a number in column 'amount', found \"2O.00\"")
        #expect(f.session.dataset?.name == "sales.csv")  // a failed load keeps the data
    }

    @Test func filesWithOtherColumnsAreRefusedNamingBoth() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("load sales_2024_01.csv other.csv"))
        #expect(d.message == "the columns of 'other.csv' differ from those of 'sales_2024_01.csv' ('other.csv' has 3 columns, "
            + "'sales_2024_01.csv' 4); the files of one load must have the same columns in the same order. "
            + "'sales_2024_01.csv': 'customer_id', 'date', 'amount', 'cost'; 'other.csv': 'customer_id', 'date', 'amount'")
        #expect(f.session.dataset == nil)
    }

    @Test(arguments: [
        // "load " is 5 characters: the word starts at column 6.
        ("load nothing_*.csv",
         "no file in '.' matches 'nothing_*.csv' (a pattern takes * for any characters, ? for one, [abc] for one of these)", 6),
        ("load data/*.csv", "cannot list the folder 'data/' for 'data/*.csv'", 6),
        ("load */sales.csv", "wildcards work in the file name only, not in folders: '*/sales.csv'", 6),
        ("load sales_2024_01.csv sales_2024_0[12].csv",
         "'sales_2024_01.csv' is given twice (also by 'sales_2024_01.csv'): its rows would count twice", 24),
        ("load sales.csv sample", "the sample dataset loads on its own: `load sample`, without other files", 16),
    ])
    func patternAndListErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure(line))
        #expect(d.message == message)
        #expect(d.location?.description == "<command-line>:1:\(column)")
        #expect(f.session.dataset == nil)
    }

    @Test func aQuotedPatternIsAFileName() throws {
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("load 'sales_2024_*.csv'"))
        #expect(d.message.hasPrefix("cannot open '\(f.path("sales_2024_*.csv"))'"))
    }

    @Test func aFileWhoseNameLooksLikeAPatternIsThatFile() throws {
        var files = Self.files
        files["odd[1].csv"] = ShellFixture.sales
        let f = try ShellFixture(files: files, setup: nil)
        defer { f.remove() }
        #expect(try f.blocks("load odd[1].csv", as: LoadCommand.self).text.hasPrefix("Loaded odd[1].csv: transactions"))
    }

    @Test func patternsMatchNamesAsAShellWould() {
        let names = ["sales_2024_10.csv", "sales_2024_02.csv", ".sales_2024_01.csv", "sales_2024_01.csv.gz",
                     "sales_2024_01.csv", "Sales_2024_03.csv", "sales_2024_1.csv"]
        func matches(_ pattern: String) -> [String] { PathPattern(pattern)?.matches(among: names) ?? [] }
        // Sorted in byte order; a leading dot only matched by a leading dot; case counts.
        #expect(matches("sales_2024_*.csv") == ["sales_2024_01.csv", "sales_2024_02.csv", "sales_2024_1.csv", "sales_2024_10.csv"])
        #expect(matches("sales_2024_??.csv") == ["sales_2024_01.csv", "sales_2024_02.csv", "sales_2024_10.csv"])
        #expect(matches("sales_2024_0[2-9].csv") == ["sales_2024_02.csv"])
        #expect(matches("sales_2024_0[!2].csv") == ["sales_2024_01.csv"])
        #expect(matches("*.csv*") == ["Sales_2024_03.csv", "sales_2024_01.csv", "sales_2024_01.csv.gz",
                                      "sales_2024_02.csv", "sales_2024_1.csv", "sales_2024_10.csv"])
        #expect(matches(".*") == [".sales_2024_01.csv"])
        #expect(PathPattern("data/sales_*.csv")?.folder == "data/")
        #expect(PathPattern("sales.csv") == nil)
    }

    @Test func saveWritesThePatternBackAndItReplays() throws {
        let f = try ShellFixture(files: Self.files, setup: "load sales_2024_*.csv --sep comma; set tiers revenue 80/15/5")
        defer { f.remove() }
        f.run("save w.abc")
        let script = try String(contentsOfFile: f.path("w.abc"), encoding: .utf8)
        #expect(script.contains("\nload sales_2024_*.csv --sep comma\n"))
        let replay = try ShellFixture(files: [:], setup: nil)
        defer { replay.remove() }
        replay.run("run \(f.path("w.abc"))")
        #expect(replay.session.dataset?.report.files.map(\.name) == ["sales_2024_01.csv", "sales_2024_02.csv", "sales_2024_03.csv"])
        #expect(try Self.profile(replay) == (try Self.profile(f)))
    }

    @Test func saveWritesAListBack() throws {
        let f = try ShellFixture(files: Self.files, setup: "load sales_2024_02.csv 'sales_2024_01.csv'")
        defer { f.remove() }
        f.run("save w.abc")
        let script = try String(contentsOfFile: f.path("w.abc"), encoding: .utf8)
        #expect(script.contains("\nload sales_2024_02.csv sales_2024_01.csv\n"))
    }

    @Test func theDataOverrideTakesAPatternToo() throws {
        // `abc run w.abc --data 'sales_2024_0[12].csv'`: January and February instead of sales.csv.
        let f = try ShellFixture(files: Self.files, setup: nil)
        defer { f.remove() }
        f.session.dataOverrides = [try DataOverride(value: "sales_2024_0[12].csv", options: [])]
        let text = try f.blocks("load sales.csv", as: LoadCommand.self).text
        #expect(text.hasPrefix("Loaded sales_2024_0[12].csv (2 files): transactions, comma-separated\n"))
        // K1 300, K3 70, K5 30 + 20, K2 250: 670.
        #expect(text.contains("\n  totals     revenue 670.00, profit 290.00, orders 5\n"))
        f.session.dataOverrides = [try DataOverride(value: "2=" + f.path("sales.csv"), options: [])]
        #expect(try f.blocks("load other.csv", as: LoadCommand.self).text.contains("\n  rows       8 read, 8 used\n"))
    }
}
