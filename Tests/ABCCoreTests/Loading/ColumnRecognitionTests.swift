import Testing
@testable import ABCCore

@Suite("Columns")
struct ColumnRecognitionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let columns: [String]
        let revenue: Int64
        var profit: Int64? = nil
        var testDescription: String { name }
    }

    @Test(arguments: [
        // UCI Online Retail: quantity × unit price, InvoiceNo orders, CustomerID.
        Case(
            name: "online retail",
            text: """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,17850,United Kingdom

                """,
            columns: ["customer=CustomerID", "date=InvoiceDate", "order=InvoiceNo", "quantity=Quantity", "unit-price=UnitPrice"],
            revenue: 153_000),  // 6 × 2.55 = 15.30
        // UCI Online Retail II: Invoice, Price, "Customer ID"; a cancelled invoice is a return.
        Case(
            name: "online retail II",
            text: """
                Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
                489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom
                C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,13085.0,Australia

                """,
            columns: ["customer=Customer ID", "date=InvoiceDate", "order=Invoice", "quantity=Quantity", "unit-price=Price"],
            revenue: 480_000),  // 12 × 6.95 − 12 × 2.95 = 83.40 − 35.40 = 48.00
        // Superstore: "Customer ID", "Order Date", "Order ID", Sales, Profit ("Ship Date" is not a date role).
        Case(
            name: "superstore",
            text: """
                Row ID,Order ID,Order Date,Ship Date,Customer ID,Customer Name,Sales,Quantity,Discount,Profit
                1,CA-2016-152156,2016-11-08,2016-11-11,CG-12520,Claire Gute,261.96,2,0,41.9136

                """,
            columns: ["customer=Customer ID", "date=Order Date", "order=Order ID", "amount=Sales", "profit=Profit"],
            revenue: 2_619_600, profit: 419_136),
        // The Complete Journey: household_id, basket_id, sales_value, transaction_timestamp.
        Case(
            name: "complete journey",
            text: """
                household_id,store_id,basket_id,product_id,quantity,sales_value,retail_disc,week,transaction_timestamp
                900,330,31198570044,1095275,1,0.5,0,1,2017-01-01 11:53:26

                """,
            columns: ["customer=household_id", "date=transaction_timestamp", "order=basket_id", "amount=sales_value"],
            revenue: 5_000),
        Case(
            name: "dollar_value",
            text: "Customer ID,Order Date,dollar_value\nC1,2024-03-01,12.34\n",
            columns: ["customer=Customer ID", "date=Order Date", "amount=dollar_value"],
            revenue: 123_400),
        Case(
            name: "client, cogs, invoice",
            text: "Client,Date,Value,COGS,Invoice\nK1,2024-03-01,20,12,INV1\n",
            columns: ["customer=Client", "date=Date", "order=Invoice", "amount=Value", "cost=COGS"],
            revenue: 200_000, profit: 80_000),
        Case(
            name: "CUSTOMER_ID, INVOICE_DATE, Sales Value (case, spaces, underscores)",
            text: "CUSTOMER_ID;INVOICE_DATE;Sales Value\nC1;2024-03-01;1,5\n",
            columns: ["customer=CUSTOMER_ID", "date=INVOICE_DATE", "amount=Sales Value"],
            revenue: 15_000),
    ])
    func recognised(_ c: Case) throws {
        let data = try Fixture.load(c.text)
        #expect(data.kind == .transactions)
        #expect(data.columnMap == c.columns)
        #expect(data.metrics.revenue == [c.revenue])
        #expect(data.metrics.profit == c.profit.map { [$0] })
    }

    static let unnamed = "who,when,how_much\nP,2024-03-01,3\nQ,2024-03-02,4.5\n"

    @Test func manualMapping() throws {
        let data = try Fixture.load(
            Self.unnamed, options: options(columns: [.customer: ["who"], .date: ["when"], .amount: ["how_much"]]))
        #expect(data.kind == .transactions)
        #expect(data.columnMap == ["customer=who", "date=when", "amount=how_much"])
        #expect(data.ids == ["P", "Q"])
        #expect(data.metrics.revenue == [30_000, 45_000])
    }

    @Test func manualMappingMatchesNormalisedNames() throws {
        let data = try Fixture.load(
            Self.unnamed, options: options(columns: [.customer: ["WHO"], .date: ["When"], .amount: ["How Much"]]))
        #expect(data.columnMap == ["customer=who", "date=when", "amount=how_much"])
        // The load report says that a mapping matched only loosely.
        #expect(data.report.assumptions.contains(
            "--amount 'How Much' taken as column 'how_much' (case, spaces and underscores ignored)"))
        #expect(data.report.assumptions.contains(
            "--customer 'WHO' taken as column 'who' (case, spaces and underscores ignored)"))
    }

    /// Both spellings in one header: the exact name wins, even when another column is equal
    /// to it ignoring case and underscores (the Online Retail report: `--customer Customer_ID`
    /// was silently read from `CustomerID`).
    @Test func theExactNameWinsOverALooseMatch() throws {
        let text = "CustomerID,Customer_ID,date,amount\nA,X,2024-03-01,10\nB,Y,2024-03-02,20\n"
        let exact = try Fixture.load(text, options: options(columns: [.customer: ["Customer_ID"]]))
        #expect(exact.ids == ["X", "Y"])
        #expect(exact.columnMap.first == "customer=Customer_ID")
        #expect(!exact.report.assumptions.contains { $0.hasPrefix("--customer") })
        let other = try Fixture.load(text, options: options(columns: [.customer: ["CustomerID"]]))
        #expect(other.ids == ["A", "B"])
    }

    @Test func aLooseNameMatchingSeveralColumnsIsAnError() {
        let text = "CustomerID,Customer_ID,date,amount\nA,X,2024-03-01,10\n"
        let error = Fixture.loadError(text, options: options(columns: [.customer: ["customer id"]]))
        #expect(error?.message == "'customer id' for --customer matches 2 columns of 'data.csv' when case, spaces and "
            + "underscores are ignored: 'CustomerID', 'Customer_ID'; give the exact name, e.g. --customer CustomerID")
        #expect(error?.option == "customer")
        #expect(error?.location == nil)
    }

    @Test func anExactNameGivenTwiceInTheHeaderIsAnError() {
        let error = Fixture.loadError(
            "who,amount,date,amount\nA,1,2024-03-01,2\n", options: options(columns: [.customer: ["who"], .amount: ["amount"]]))
        #expect(error?.message
            == "2 columns of 'data.csv' are called 'amount' (columns 2, 4); --amount cannot tell them apart: rename one in the file")
        #expect(error?.option == "amount")
    }

    @Test func aMisspeltColumnGetsADidYouMean() {
        // "custmer_id" is one edit from "customerid" once normalised.
        let error = Fixture.loadError(
            "Customer_ID,date,amount\nA,2024-03-01,10\n", options: options(columns: [.customer: ["Custmer_ID"]]))
        #expect(error?.message == "no column 'Custmer_ID' for --customer in 'data.csv'; did you mean 'Customer_ID'? "
            + "The columns are: 'Customer_ID', 'date', 'amount'")
        #expect(error?.option == "customer")
    }

    @Test func withoutMappingTheCustomerIsMissing() {
        let error = Fixture.loadError(Self.unnamed)
        #expect(error?.message
            == "no customer column found in 'data.csv' (columns: 'who', 'when', 'how_much'); name it with --customer COLUMN")
    }

    @Test func mappingANonexistentColumn() {
        let error = Fixture.loadError(
            Self.unnamed, options: options(columns: [.customer: ["who"], .date: ["when"], .amount: ["nope"]]))
        #expect(error?.message
            == "no column 'nope' for --amount in 'data.csv'; the columns are: 'who', 'when', 'how_much'")
        #expect(error?.option == "amount")
    }

    @Test func mappingOverridesRecognition() throws {
        // amount would be recognised; mapped to "net" instead.
        let data = try Fixture.load(
            "customer,date,amount,net\nC1,2024-03-01,10,8\n", options: options(columns: [.amount: ["net"]]))
        #expect(data.metrics.revenue == [80_000])
        #expect(data.columnMap == ["customer=customer", "date=date", "amount=net"])
    }

    @Test func transactionsWithoutAmount() {
        let error = Fixture.loadError("customer,date,colour\nC1,2024-03-01,red\n")
        #expect(error?.message.hasPrefix("no amount column found in 'data.csv'") == true)
    }

    @Test func forcedTransactionsWithoutDate() {
        let error = Fixture.loadError("customer,revenue\nC1,10\n", options: options(kind: .transactions))
        #expect(error?.message.hasPrefix("no date column found in 'data.csv'") == true)
    }

    @Test func normalisedHeader() {
        #expect(ColumnRole.normalisedHeader("Customer ID") == "customerid")
        #expect(ColumnRole.normalisedHeader("customer_id") == "customerid")
        #expect(ColumnRole.normalisedHeader("CustomerID") == "customerid")
        #expect(ColumnRole.normalisedHeader("Order-Date") == "orderdate")
        #expect(ColumnRole.normalisedHeader("Cust.No") == "custno")
    }
}
