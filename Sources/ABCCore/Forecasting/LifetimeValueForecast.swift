/// The purchase and spend models fitted on a scenario's customers and window, with every
/// customer's forecast (docs/forecasting.md).
public struct LifetimeValueForecast: Sendable {
    public var model: LifetimeValueModel
    /// Per customer of the scope (local indices).
    public var history: PurchaseHistory
    public var forecast: CustomerForecast
    public var settings: LifetimeValueSettings
    public var margin: MarginBasis

    /// What CLV is multiplied by.
    public enum MarginBasis: Sendable, Equatable {
        /// Each customer's own profit / revenue.
        case data
        /// The scenario's `set margin`.
        case assumed(ExactRate)
        /// No margin known (or one per tier, which clv would itself decide): CLV is revenue.
        case revenue(perTierAssumed: Bool)
    }

    /// The models fitted on a scope's customers: what the forecast's settings do not change.
    public struct Fitted: Sendable {
        public var model: LifetimeValueModel
        public var history: PurchaseHistory
        public var groups: HistoryGroups
    }

    public static func fit(dataset: Dataset, scope: ScopedMetrics) throws(RequestError) -> Fitted {
        guard let transactions = dataset.transactions, let end = scope.metrics.referenceDate else {
            // A server load brings per-customer sums only, not the purchase days the model counts.
            if dataset.report.warehouse != nil {
                throw RequestError(
                    "the purchase model needs each customer's purchase days, which a database load does not bring yet; "
                        + "load the transactions from a file (or an export of the table) for clv, palive and expected_orders")
            }
            throw RequestError("the purchase model needs transactions with dates; this dataset is a customer summary")
        }
        var history = transactions.purchaseHistory(customers: dataset.customerCount, window: scope.window, end: end)
        if let kept = scope.customers { history = history.picking(kept) }
        let groups = history.groups
        return Fitted(model: try LifetimeValueModel.fit(history, groups: groups), history: history, groups: groups)
    }

    public static func make(
        _ fitted: Fitted, scope: ScopedMetrics, settings: LifetimeValueSettings, margin assumed: AssumedMargin?
    ) throws(RequestError) -> LifetimeValueForecast {
        let basis: MarginBasis
        let margins: [Double]?
        if let own = scope.metrics.margin {
            basis = .data
            margins = own
        } else if case .all(let rate) = assumed {
            basis = .assumed(rate)
            margins = nil
        } else {
            basis = .revenue(perTierAssumed: assumed != nil)
            margins = nil
        }
        let flat: Double = if case .assumed(let rate) = basis { rate.doubleValue } else { 1 }
        let forecast = try fitted.model.forecast(fitted.history, groups: fitted.groups, settings: settings) { margins?[$0] ?? flat }
        return LifetimeValueForecast(
            model: fitted.model, history: fitted.history, forecast: forecast, settings: settings, margin: basis)
    }
}
