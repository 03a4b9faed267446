import Foundation
import Testing
@testable import ABCCore

/// Frequency, recency, age and repeat value per customer, as `lifetimes`'
/// `summary_data_from_transaction_data` with daily periods (docs/forecasting.md).
@Suite("Purchase history")
struct PurchaseHistoryTests {
    @Test func sameDayRowsMergeAndDaysWithoutAPositiveNetAreNotPurchases() throws {
        // K1: 01-05 (30 + 20 = 50), 01-10 return only (−10: not a purchase), 02-01 (15 − 5 = 10),
        // 03-01 zero (not a purchase), 03-11 (40). Purchase days 01-05, 02-01, 03-11: x = 2,
        // tₓ = 26 + 29 + 11 = 66 days (2024 is a leap year), T = 03-31 − 01-05 = 86,
        // repeat value 10 + 40 = 50.00, mean 25.00. K2: one day, x = 0, T = 0. K3: returns only.
        let dataset = try Fixture.load("""
            customer_id,date,amount
            K1,2024-01-05,30.00
            K1,2024-01-05,20.00
            K1,2024-01-10,-10.00
            K1,2024-02-01,15.00
            K1,2024-02-01,-5.00
            K1,2024-03-01,0
            K1,2024-03-11,40.00
            K2,2024-03-31,9.00
            K3,2024-02-02,-4.00
            """)
        let transactions = try #require(dataset.transactions)
        let end = CivilDate.dayNumber(year: 2024, month: 3, day: 31)
        let h = transactions.purchaseHistory(customers: dataset.customerCount, window: nil, end: end)
        #expect(h.frequency == [2, 0, 0])
        #expect(h.recency == [66, 0, 0])
        #expect(h.age == [86, 0, 0])
        #expect(h.repeatValue == [500_000, 0, 0])
        #expect(h.isBuyer == [true, true, false])
        #expect(h.meanRepeatValue(0) == 25)
        // A window ending 2024-02-15 keeps K1's first two purchase days only.
        let early = CivilDate.dayNumber(year: 2024, month: 2, day: 15)
        let w = transactions.purchaseHistory(
            customers: dataset.customerCount, window: DateWindow(from: .min, to: early), end: early)
        #expect(w.frequency[0] == 1 && w.recency[0] == 27 && w.age[0] == 41 && w.repeatValue[0] == 100_000)
        #expect(w.isBuyer == [true, false, false])
    }

    @Test func cdnowTransactionsGiveLifetimesSummary() throws {
        // lifetimes counts every row, abc days of positive net: the sample has no returns, so
        // they agree once its 8 zero-amount rows are left out of lifetimes' input.
        let reference = try #require(try Lifetimes.json("""
            from lifetimes.utils import summary_data_from_transaction_data
            d = pd.read_csv(os.path.join(datasets, 'CDNOW_sample.txt'), sep=r'\\s+', header=None,
                            names=['id', 'id2', 'date', 'qty', 'amount'], dtype={'id': str, 'date': str})
            csv = 'customer_id,date,amount\\n' + ''.join(f'{i},{t},{a}\\n' for i, t, a in zip(d['id'], d['date'], d['amount']))
            d['date'] = pd.to_datetime(d['date'], format='%Y%m%d')
            s = summary_data_from_transaction_data(d[d['amount'] > 0], 'id', 'date', monetary_value_col='amount',
                                                   observation_period_end='1997-09-30')
            rows = {i: [float(f), float(r), float(t), float(m)]
                    for i, f, r, t, m in zip(s.index, s['frequency'], s['recency'], s['T'], s['monetary_value'])}
            print(json.dumps({'csv': csv, 'rows': rows}))
            """) as? [String: Any])
        let csv = try #require(reference["csv"] as? String)
        let rows = try #require(reference["rows"] as? [String: [Double]])
        let dataset = try Fixture.load(csv)
        #expect(dataset.customerCount == 2357)
        let end = CivilDate.dayNumber(year: 1997, month: 9, day: 30)
        let h = try #require(dataset.transactions).purchaseHistory(
            customers: dataset.customerCount, window: DateWindow(from: .min, to: end), end: end)
        #expect(h.isBuyer.filter { $0 }.count == rows.count)
        var mismatches: [String] = []
        for i in 0..<h.count where h.isBuyer[i] {
            let id = dataset.customerIDs[i]
            guard let r = rows[id], r.count == 4 else {
                mismatches.append("\(id) missing")
                continue
            }
            let same = Double(h.frequency[i]) == r[0] && Double(h.recency[i]) == r[1] && Double(h.age[i]) == r[2]
                && abs(h.meanRepeatValue(i) - r[3]) <= 1e-12 * max(1, r[3])
            if !same { mismatches.append("\(id): abc \(h.frequency[i]) \(h.recency[i]) \(h.age[i]) \(h.meanRepeatValue(i)), lifetimes \(r)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func tooFewRepeatBuyersIsOneLine() {
        let groups = HistoryGroups(frequency: [0, 0, 1, 2], recency: [0, 0, 5, 9], age: [10, 20, 30, 40])
        #expect(throws: RequestError("the purchase model needs at least 10 customers with a repeat purchase day (two days with purchases); this data has 2")) {
            try BetaGeoModel.fit(groups)
        }
        #expect(throws: RequestError("the spend model needs at least 10 customers with a repeat purchase day of positive value; this data has 1")) {
            try GammaGammaModel.fit(frequency: [0, 3, 0], meanValue: [0, 12.5, 0])
        }
    }
}
