import Testing
@testable import ABCCore

/// Cases found by trying the tool as a user would, each worked by hand.
@Suite("User-reported loading cases")
struct UserReportedLoadingTests {
    func load(_ text: String, _ configure: (inout LoadOptions) -> Void = { _ in }) throws -> Dataset {
        var options = LoadOptions()
        configure(&options)
        return try DataLoader.load(bytes: Array(text.utf8), name: "data.csv", options: options)
    }

    @Test func aProfitColumnWinsOverCost() throws {
        // profit is Σ profit when the data has a profit column: 30 + 5, not (100 − 60) + (10 − 2).
        let data = try load("customer_id,date,amount,cost,profit\nK1,2024-01-01,100,60,30\nK1,2024-01-02,10,2,5\n")
        #expect(data.metrics.profit == [350_000])
    }

    @Test func extraValuesAreAnErrorButTrailingEmptyFieldsAreNot() throws {
        let ok = try load("customer_id,date,amount\nK1,2024-01-01,10,,\n")
        #expect(ok.metrics.revenue == [100_000])
        #expect(throws: DataError.self) {
            _ = try load("customer_id,date,amount,cost\nK5,2024-03-02,1,234.50,100\n")
        }
        do {
            _ = try load("customer_id,date,amount,cost\nK5,2024-03-02,1,234.50,100\n")
        } catch let error as DataError {
            // "K5," "2024-03-02," "1," "234.50," take 3 + 11 + 2 + 7 bytes: the fifth field is at 24.
            #expect(error.location == SourceLocation(file: "data.csv", line: 2, column: 24))
            #expect(error.message.hasPrefix("the row has 5 fields but the header 4"))
        }
    }

    /// A comma-separated file with `--thousands comma`: quoted numbers keep their digit groups,
    /// and an unquoted one splits into two fields, which the error explains.
    @Test func thousandsCommasInACommaSeparatedFile() throws {
        let quoted = try load("customer_id,date,amount\nK1,2024-01-01,\"1,234.50\"\n") {
            $0.separator = .comma
            $0.thousandsSeparator = ","
        }
        #expect(quoted.metrics.revenue == [12_345_000])
        do {
            _ = try load("customer_id,date,amount\nK1,2024-01-01,1,234.50\n") { $0.thousandsSeparator = "," }
            Issue.record("expected an error")
        } catch let error as DataError {
            // "K1," "2024-01-01," "1," take 3 + 11 + 2 bytes: the fourth field is at 17.
            #expect(error.location == SourceLocation(file: "data.csv", line: 2, column: 17))
            #expect(error.message == "the row has 4 fields but the header 3; quote values that contain the separator; "
                + "with --thousands comma in a comma-separated file, only numbers in quotes (\"1,234.50\") can have digit groups")
        }
    }

    @Test func noBreakSpacesInNumbers() throws {
        // 1 234,50 € with U+00A0 as the group separator, 12,50 € after U+202F.
        let data = try load("customer_id;date;amount\nK1;2024-01-01;1\u{A0}234,50\u{A0}€\nK2;2024-01-01;12,50\u{202F}€\n") {
            $0.thousandsSeparator = " "
        }
        #expect(data.metrics.revenue == [12_345_000, 125_000])
    }

    @Test func errorsNameTheSpendColumn() throws {
        do {
            _ = try load("id,Online Spend,Store Spend\nK1,10,5\nK2,,7\n") { $0.kind = .customers; $0.columns[.revenue] = ["Online Spend", "Store Spend"] }
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.message == "expected a number in column 'Online Spend', found an empty field")
            #expect(error.location == SourceLocation(file: "data.csv", line: 3, column: 4))
        }
    }

    @Test func headerWithoutRows() throws {
        do {
            _ = try load("customer_id,date,amount\n")
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.message == "'data.csv' has a header but no rows")
        }
    }
}
