/// What a column of a data file means to the loader.
public enum ColumnRole: String, Sendable, CaseIterable, Comparable {
    // Both kinds.
    case customer
    // Transactions.
    case date, amount, quantity, unitPrice = "unit-price", cost, unitCost = "unit-cost", profit, order
    // Customer summaries.
    case revenue, orders, firstPurchase = "first-purchase", lastPurchase = "last-purchase"

    public static func < (a: ColumnRole, b: ColumnRole) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// Header names recognised for the role, normalised (see `normalisedHeader`).
    var knownNames: [String] {
        switch self {
        case .customer:
            return ["customerid", "customer", "custid", "customerno", "customernumber", "customercode",
                    "customerkey", "clientid", "client", "clientno", "clientnumber", "householdid",
                    "household", "householdkey", "accountid", "accountnumber", "account", "buyerid",
                    "memberid", "shopperid", "userid"]
        case .date:
            return ["date", "invoicedate", "orderdate", "transactiondate", "transactiontimestamp",
                    "transactiontime", "timestamp", "purchasedate", "saledate", "salesdate", "datetime",
                    "txdate", "trandate", "txndate", "orderdatetime", "invoicedatetime", "day"]
        case .amount:
            return ["amount", "sales", "salesvalue", "revenue", "value", "dollarvalue", "dollars",
                    "total", "totalamount", "netamount", "amountnet", "linetotal", "lineamount", "net",
                    "netsales", "spend", "sale", "turnover", "totalprice", "saleamount", "salesamount"]
        case .quantity:
            return ["quantity", "qty", "units", "quantityordered", "unitssold"]
        case .unitPrice:
            return ["unitprice", "price", "priceeach", "priceperunit", "sellingprice", "listprice"]
        case .cost:
            return ["cost", "cogs", "costamount", "linecost", "totalcost", "costvalue", "costofgoods"]
        case .unitCost:
            return ["unitcost", "costprice", "costeach", "costperunit"]
        case .profit:
            return ["profit", "grossprofit", "profitamount", "grossmargin", "marginamount"]
        case .order:
            return ["orderid", "order", "invoiceno", "invoice", "invoiceid", "invoicenumber",
                    "ordernumber", "orderno", "basketid", "basket", "transactionid", "receiptid",
                    "receipt", "receiptno", "ticketid", "salesorder", "salesorderid", "documentno"]
        case .revenue:
            return ["revenue", "sales", "totalrevenue", "totalsales", "monetary", "monetaryvalue",
                    "spend", "totalspend", "amount", "totalamount", "value", "netsales", "turnover"]
        case .orders:
            return ["orders", "frequency", "numorders", "ordercount", "norders", "purchases",
                    "numpurchases", "purchasecount", "transactions", "numtransactions", "invoices"]
        case .firstPurchase:
            return ["firstpurchase", "firstpurchasedate", "firstorder", "firstorderdate", "firstdate",
                    "customersince", "firsttransaction", "firstseen"]
        case .lastPurchase:
            return ["lastpurchase", "lastpurchasedate", "lastorder", "lastorderdate", "lastdate",
                    "lasttransaction", "lastseen"]
        }
    }

    /// Roles a transactions file can use, in the order the load report lists them.
    public static let transactionRoles: [ColumnRole] = [
        .customer, .date, .order, .amount, .quantity, .unitPrice, .cost, .unitCost, .profit,
    ]
    /// Roles a customer-summary file can use.
    static let summaryRoles: [ColumnRole] = [
        .customer, .revenue, .profit, .cost, .orders, .firstPurchase, .lastPurchase,
    ]

    /// Lower-case ASCII, without spaces, underscores, hyphens and dots: `Customer ID`,
    /// `customer_id` and `CustomerID` all become `customerid`.
    /// Linear in the name's length (a 5 MB header line is one name): ASCII is lowered in
    /// place, other scalars one at a time.
    public static func normalisedHeader(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case " ", "_", "-", ".", "\t": continue
            case "A"..."Z": out.append(Unicode.Scalar(UInt8(scalar.value) + 0x20))
            case _ where scalar.isASCII: out.append(scalar)
            default: out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }
}
