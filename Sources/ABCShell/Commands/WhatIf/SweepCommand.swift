import ABCCore

/// `sweep SETTING FROM TO STEP`: the current scenario re-run over a range of one setting.
struct SweepCommand: ShellCommand {
    static let spec = CommandSpec(
        "sweep", group: .whatIf, arguments: "weight CRITERION | share TIER | lever N FIELD  FROM TO STEP",
        summary: "re-run the current scenario over a range of one setting",
        details: """
            Per step: tier sizes, revenue per tier and net contribution after the levers, and how
            many customers are in another tier than with the current setting. Lever fields:
            uplift lift|adoption|cost, retention after|cost, reactivation response|days|cost,
            discount price|volume, cost-to-serve per-order|per-customer. Varying a tier share,
            the last tier (or the first, for the last) takes up the difference. More than 1,000
            steps need --force (each step re-runs the scenario); Ctrl-C stops a sweep.
            """,
        example: "sweep lever 1 adoption 10% 50% 10%",
        options: [large.forceOption],
        completion: [.setting, .settingBound(.lowest), .settingBound(.highest), .none], needsData: true)

    /// Each step re-runs the scenario: more than 1,000 take minutes on millions of customers.
    static let large = LargeRequest(threshold: 1_000, unit: "steps", effect: "run for minutes")
    /// Not even with --force: the steps are listed before the first runs.
    static let maximumSteps = 1_000_000

    let setting: Setting.Words
    let values: [SettingValue]

    init(parsing invocation: Invocation) throws(CommandError) {
        let args = invocation.arguments[...]
        let (setting, used) = try Setting.Words.parse(args, invocation: invocation)
        let rest = Array(args.dropFirst(used))
        guard rest.count == 3 else {
            throw CommandError("expected FROM TO STEP after the setting; usage: sweep SETTING FROM TO STEP",
                               column: (rest.first ?? invocation.name).column)
        }
        guard let from = SettingValue.parse(rest[0].text), let to = SettingValue.parse(rest[1].text),
              let step = SettingValue.parse(rest[2].text), step > 0, from <= to else {
            throw invocation.error("expected numbers FROM ≤ TO and STEP > 0", at: rest[0])
        }
        let count = SettingSteps.count(from: from, to: to, step: step)
        guard count <= Self.maximumSteps else {
            throw invocation.error("\(PeopleNumbers.grouped(String(count))) steps is too many (at most 1,000,000, even with --force)", at: rest[2])
        }
        try Self.large.check(count, invocation, at: rest[2], instead: "take a larger STEP")
        self.setting = setting
        values = SettingSteps.values(from: from, to: to, step: step)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let dataset = try context.dataset
        let scenario = context.scenario
        let evaluator = context.session.evaluator
        let setting = try Setting.resolve(self.setting, scenario: scenario, dataset: dataset)
        let (current, _) = try evaluator.evaluateUncached(scenario)
        let names = Array(TieringRule.tierNames.prefix(scenario.rule.tierCount))
        var table = Table(
            "sweep", title: "Sweep of \(setting.label) in scenario \(scenario.name) (customers and revenue by tier after the levers, net contribution after them; changed_tier: customers whose tier after the levers differs from their tier now):",
            columns: [.init(setting.label, numeric: true, key: "value")] + names.map { Table.Column.count("\($0)_customers") }
                + names.map { Table.Column.money("\($0)_revenue") } + [.money("net_contribution"), .count("changed_tier")])
        // Profit is known from the data or an assumed margin (no simulation needed to say so).
        let known = dataset.metrics.profit != nil || scenario.margin != nil
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        let environment = context.session.environment
        // A step the setting refuses: its message in place of the figures, for machines in `error`.
        var errors: [Int: String] = [:]
        for (i, value) in values.enumerated() {
            if environment.isCancelled() { throw Interrupted() }
            environment.progress?(Double(i) / Double(values.count))
            let s: Scenario
            do { s = try setting.apply(scenario, value) } catch let error as RequestError {
                table.append([setting.format(value)] + names.map { _ in "" } + names.map { _ in "" } + [error.message, ""])
                errors[table.rows.count - 1] = error.message
                continue
            }
            let (segmentation, outcome) = try evaluator.evaluateUncached(s)
            let after = outcome.projected?.tier ?? segmentation.tier
            let changed = zip(after, current.tier).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
            // Per tier after the levers (dropped customers in none).
            var customers = [Int](repeating: 0, count: names.count), revenue = [Int128](repeating: 0, count: names.count)
            for (c, t) in after.enumerated() where Int(t) < names.count {
                customers[Int(t)] += 1
                revenue[Int(t)] += Int128(outcome.projectedRevenue[c])
            }
            table.append([setting.format(value)] + customers.map(String.init)
                         + revenue.map(money)
                         + [known ? money(outcome.totalAfter.netContribution) : SimulationViews.notKnown, String(changed)])
        }
        table.machine = .records([Table.Records("sweep", columns: table.columns + [.init("error", numeric: false)],
            rows: table.rows.enumerated().map { r, row in
                errors[r].map { Array(row.dropLast(2)) + ["", "", $0] } ?? row + [""]
            })])
        return [.table(table)]
    }
}
