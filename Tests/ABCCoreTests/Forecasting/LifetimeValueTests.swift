import Foundation
import Testing
@testable import ABCCore

/// BG/NBD and Gamma-Gamma against the papers' published CDNOW parameters and against
/// `lifetimes` 0.11.3 on the same data (docs/forecasting.md).
@Suite("Customer lifetime value models")
struct LifetimeValueTests {
    /// The CDNOW calibration data in days (the files give weeks).
    static func cdnowGroups(_ data: Lifetimes.CDNOW) -> HistoryGroups {
        HistoryGroups(frequency: data.x, recency: data.tx.map { $0 * 7 }, age: data.T.map { $0 * 7 })
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    @Test func publishedCDNOWParametersAreReproduced() throws {
        let data = try Lifetimes.cdnow()
        #expect(data.x.count == 2357)
        let fit = try BetaGeoModel.fit(Self.cdnowGroups(data))
        // Fader, Hardie & Lee (2005), table 1, in weeks: α in days is 7 × α in weeks.
        #expect(abs(fit.model.r - 0.243) <= 0.01)
        #expect(abs(fit.model.alpha / 7 - 4.414) <= 0.01)
        #expect(abs(fit.model.a - 0.793) <= 0.01)
        #expect(abs(fit.model.b - 2.426) <= 0.01)
        // Fader & Hardie (2013), the Gamma-Gamma note: 946 repeat buyers.
        let spend = try GammaGammaModel.fit(frequency: data.x, meanValue: data.zbar)
        #expect(spend.customers == 946)
        #expect(abs(spend.model.p - 6.25) <= 0.01)
        #expect(abs(spend.model.q - 3.74) <= 0.01)
        #expect(abs(spend.model.gamma - 15.44) <= 0.01)
    }

    @Test func fittedParametersMatchLifetimes() throws {
        let data = try Lifetimes.cdnow()
        let fit = try BetaGeoModel.fit(Self.cdnowGroups(data))
        let spend = try GammaGammaModel.fit(frequency: data.x, meanValue: data.zbar)
        let reference = try #require(try Lifetimes.json("""
            d = pd.read_csv(os.path.join(datasets, 'cdnow_customers_summary_with_transactions.csv'))
            bgf = BetaGeoFitter().fit(d['x'], d['t_x'] * 7, d['T'] * 7)
            s = d[d['x'] > 0]
            ggf = GammaGammaFitter().fit(s['x'], s['zbar'])
            out = {k: float(v) for k, v in bgf.params_.items()}
            out.update({k: float(v) for k, v in ggf.params_.items()})
            # The fitter works on rescaled times: its own likelihood value is not comparable.
            logp = np.log([out[k] for k in ('r', 'alpha', 'a', 'b')])
            out['ll'] = -float(BetaGeoFitter._negative_log_likelihood(logp, d['x'], d['t_x'] * 7, d['T'] * 7, np.ones(len(d)), 0.0)) * len(d)
            print(json.dumps(out))
            """) as? [String: Double])
        let pairs: [(Double, String)] = [
            (fit.model.r, "r"), (fit.model.alpha, "alpha"), (fit.model.a, "a"), (fit.model.b, "b"),
            (spend.model.p, "p"), (spend.model.q, "q"), (spend.model.gamma, "v"), (fit.logLikelihood, "ll"),
        ]
        for (ours, name) in pairs {
            let theirs = try #require(reference[name])
            #expect(Self.relative(ours, theirs) <= 1e-4, "\(name): abc \(ours), lifetimes \(theirs)")
        }
    }

    @Test func perCustomerPredictionsMatchLifetimesAtTheSameParameters() throws {
        let data = try Lifetimes.cdnow()
        let groups = Self.cdnowGroups(data)
        let model = LifetimeValueModel(
            purchases: try BetaGeoModel.fit(groups), spend: try GammaGammaModel.fit(frequency: data.x, meanValue: data.zbar),
            fitCheck: [])
        let bg = model.purchases.model, gg = model.spend.model
        let parameters = "\(bg.r.bitPattern) \(bg.alpha.bitPattern) \(bg.a.bitPattern) \(bg.b.bitPattern) \(gg.p.bitPattern) \(gg.q.bitPattern) \(gg.gamma.bitPattern)"
        let reference = try #require(try Lifetimes.json("""
            import struct
            bits = [int(w) for w in sys.stdin.read().split()]
            r, alpha, a, b, p, q, v = [struct.unpack('<d', struct.pack('<Q', w))[0] for w in bits]
            d = pd.read_csv(os.path.join(datasets, 'cdnow_customers_summary_with_transactions.csv'))
            x, tx, T, m = d['x'], d['t_x'] * 7, d['T'] * 7, d['zbar']
            bgf = BetaGeoFitter(); bgf.params_ = pd.Series({'r': r, 'alpha': alpha, 'a': a, 'b': b})
            bgf.predict = bgf.conditional_expected_number_of_purchases_up_to_time  # fit() would set it
            ggf = GammaGammaFitter(); ggf.params_ = pd.Series({'p': p, 'q': q, 'v': v})
            out = {
                'alive': list(bgf.conditional_probability_alive(x, tx, T)),
                'expected': list(bgf.conditional_expected_number_of_purchases_up_to_time(360, x, tx, T)),
                'value': list(ggf.conditional_expected_average_profit(x, m)),
                'clv': list(ggf.customer_lifetime_value(bgf, x, tx, T, m, time=12, discount_rate=0.01, freq='D')),
                'check': [float(sum(bgf.probability_of_n_purchases_up_to_time(t, n) for t in T)) for n in range(7)],
            }
            print(json.dumps({k: [float(e) for e in v] for k, v in out.items()}))
            """, input: parameters) as? [String: [Double]])
        // The forecast of every customer through the model's own functions (the dataset path's
        // monthly loop is `discountedPurchases`).
        var ours = (alive: [Double](), expected: [Double](), value: [Double](), clv: [Double]())
        let discount = LifetimeValueSettings.standard.discount.doubleValue
        for i in 0..<data.x.count {
            let x = Double(data.x[i]), tx = data.tx[i] * 7, T = data.T[i] * 7
            ours.alive.append(bg.probabilityAlive(frequency: x, recency: tx, age: T))
            ours.expected.append(try #require(bg.expectedPurchases(in: 360, frequency: x, recency: tx, age: T)))
            let value = gg.expectedValue(frequency: x, meanValue: data.zbar[i])
            ours.value.append(value)
            let purchases = try #require(bg.discountedPurchases(months: 12, discount: discount, frequency: x, recency: tx, age: T))
            ours.clv.append(value * purchases.discounted)
        }
        let columns: [([Double], String)] = [(ours.alive, "alive"), (ours.expected, "expected"), (ours.value, "value"), (ours.clv, "clv")]
        for (values, name) in columns {
            let theirs = try #require(reference[name])
            #expect(theirs.count == values.count)
            let worst = zip(values, theirs).map { Self.relative($0, $1) }.max() ?? 0
            #expect(worst <= 1e-9, "\(name): worst relative difference \(worst)")
        }
        // The fit check's expected customers per repeat purchase days.
        let check = LifetimeValueModel.fitCheck(bg, groups)
        let theirs = try #require(reference["check"])
        for n in 0..<7 {
            #expect(Self.relative(check[n].expected, theirs[n]) <= 1e-9, "fit check \(n)")
        }
        #expect(check.map(\.actual).reduce(0, +) == 2357)
        #expect(check[0].actual == 1411)
    }
}
