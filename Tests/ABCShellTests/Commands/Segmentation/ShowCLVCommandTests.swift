import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("show clv")
struct ShowCLVCommandTests {
    /// lifetimes 0.11.3 on the bundled sample: rows with a customer merged per (customer, day),
    /// days with a positive net kept (abc's purchase days, docs/forecasting.md), then its own
    /// summary and fitters.
    static let lifetimesOnSample = """
        import sys, gzip, json, numpy as np, pandas as pd
        from lifetimes import BetaGeoFitter, GammaGammaFitter
        from lifetimes.utils import summary_data_from_transaction_data
        d = pd.read_csv(gzip.open(sys.argv[1]), dtype={'customer_id': str, 'quantity': str, 'unit_price': str})
        d = d[d['customer_id'].notna()]
        # quantity × unit price in exact cents (the sample has 2 decimals).
        cents = [round(float(q) * 100) * round(float(p) * 100) for q, p in zip(d['quantity'], d['unit_price'])]
        d = d.assign(amount=np.array(cents, dtype=np.int64))
        days = d.groupby(['customer_id', 'date'], as_index=False)['amount'].sum()
        days = days[days['amount'] > 0].assign(amount=lambda x: x['amount'] / 1e4, date=lambda x: pd.to_datetime(x['date']))
        s = summary_data_from_transaction_data(days, 'customer_id', 'date', monetary_value_col='amount',
                                               observation_period_end='2025-12-31')
        bgf = BetaGeoFitter().fit(s['frequency'], s['recency'], s['T'])
        r = s[s['frequency'] > 0]
        ggf = GammaGammaFitter().fit(r['frequency'], r['monetary_value'])
        out = {k: float(v) for k, v in bgf.params_.items()}
        out.update({k: float(v) for k, v in ggf.params_.items()})
        out['customers'] = len(s); out['repeat'] = len(r)
        out['zero'] = int((s['frequency'] == 0).sum())
        print(json.dumps(out))
        """

    @Test func parametersMatchLifetimesOnTheSample() throws {
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        let output = try f.blocks("show clv", as: ShowCLVCommand.self)
        let parameters = try #require(output.tables.first)
        let values = Dictionary(uniqueKeysWithValues: zip(parameters.column("parameter"), parameters.column("value").compactMap(Double.init)))
        let sample = Python.packageRoot.appendingPathComponent("Sources/ABCCore/Resources/sample.csv.gz").path
        let json = try Python.run(Self.lifetimesOnSample, [sample])
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Double])
        for (ours, theirs) in [("r", "r"), ("alpha", "alpha"), ("a", "a"), ("b", "b"), ("p", "p"), ("q", "q"), ("gamma", "v")] {
            let a = try #require(values[ours]), b = try #require(reference[theirs])
            // Printed with 6 decimals: 1e-4 relative, or the last printed digit.
            #expect(abs(a - b) <= max(1e-4 * abs(b), 1e-6), "\(ours): abc \(a), lifetimes \(b)")
        }
        let check = try #require(output.tables.last)
        #expect(check.name == "clv_fit")
        let actual = check.column("actual").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        #expect(actual.reduce(0, +) == Int(reference["customers"] ?? 0))
        #expect(actual.first == Int(reference["zero"] ?? 0))
        #expect(output.text.contains("not the tool's recency"))
    }

    @Test func aCustomerSummaryHasNoPurchaseDays() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nK1,10\nK2,20\n"], setup: "load c.csv")
        defer { f.remove() }
        #expect(f.failure("show clv")?.message == "the purchase model needs transactions with dates; this dataset is a customer summary")
        #expect(f.failure("set weights clv 1")?.message == "criterion 'clv' needs the purchase model, fitted on transactions with dates; this dataset is a customer summary")
    }

    @Test func tooFewRepeatBuyersIsOneLine() throws {
        // The fixture's five customers: K1, K3 and K5 buy on two days each.
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(f.failure("show clv")?.message == "the purchase model needs at least 10 customers with a repeat purchase day (two days with purchases); this data has 3")
        f.run("set weights clv 1")
        #expect(f.failure("segment")?.message.hasPrefix("the purchase model needs at least 10") == true)
    }
}
