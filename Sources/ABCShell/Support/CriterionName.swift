import ABCCore

/// Criterion names as typed, with a did-you-mean, and what each needs from the data.
enum CriterionName {
    static func parse(_ token: Token) throws(CommandError) -> Criterion {
        guard let criterion = Criterion(name: token.text) else {
            let names = Criterion.allCases.map(\.rawValue)
            let hint = NearestName.suggestion(for: token.text.lowercased(), among: names).map { "did you mean '\($0)'? " } ?? ""
            throw CommandError(
                "unknown criterion '\(token.text)'; \(hint)criteria: \(names.joined(separator: ", ")) (aliases frequency, loyalty)",
                column: token.column)
        }
        return criterion
    }

    /// Refuses a criterion the dataset cannot compute.
    static func check(_ criterion: Criterion, in dataset: Dataset?, at token: Token) throws(CommandError) {
        if criterion.isForecast {
            if let dataset, dataset.transactions == nil {
                throw CommandError("criterion '\(criterion.rawValue)' needs \(needs(criterion)); this dataset is a customer summary", column: token.column)
            }
            return
        }
        if let dataset, !dataset.metrics.has(criterion) {
            throw CommandError("criterion '\(criterion.rawValue)' needs \(needs(criterion)), which this dataset lacks", column: token.column)
        }
    }

    static func needs(_ criterion: Criterion) -> String {
        switch criterion {
        case .profit, .margin: return "cost or profit data"
        case .orders, .aov: return "order counts"
        case .recency, .tenure: return "purchase dates"
        case .revenue: return "revenue"
        case .clv, .palive, .expectedOrders: return "the purchase model, fitted on transactions with dates"
        }
    }
}
