/// Every shell command, declared once.
public enum CommandTable {
    static let loadOptions: [CommandSpec.Option] = [
        .init("transactions", "read the file as transactions (one row per order or line)"),
        .init("customers", "read the file as a customer summary (one row per customer)"),
        .init("sep", value: "SEP", completion: .words(["comma", "semicolon", "tab", "pipe", "whitespace"]),
              "separator: comma, semicolon, tab, pipe or whitespace (default: detected)"),
        .init("dates", value: "ORDER", completion: .words(["dmy", "mdy"]),
              "day/month order of slash dates when the data cannot settle it: dmy or mdy"),
        .init("thousands", value: "CHAR", completion: .words(["comma", "dot", "space", "apostrophe"]),
              "declared thousands separator: comma, dot, space or apostrophe"),
        .init("lenient", "skip and count bad rows (the first five are shown) instead of stopping"),
        .init("customer", value: "COLUMN", "the customer id column"),
        .init("date", value: "COLUMN", "the transaction date column"),
        .init("amount", value: "COLUMN", "the amount (line revenue) column"),
        .init("quantity", value: "COLUMN", "the quantity column (amount = quantity × unit price)"),
        .init("unit-price", value: "COLUMN", "the unit price column"),
        .init("cost", value: "COLUMN", "the cost column (line total)"),
        .init("unit-cost", value: "COLUMN", "the unit cost column (× quantity)"),
        .init("profit", value: "COLUMN", "the profit column"),
        .init("order", value: "COLUMN", "the order id column"),
        .init("revenue", value: "COLUMN[,COLUMN…]", "summaries: the revenue column(s), summed"),
        .init("orders", value: "COLUMN", "summaries: the order count column"),
        .init("first-purchase", value: "COLUMN", "summaries: the first purchase date column"),
        .init("last-purchase", value: "COLUMN", "summaries: the last purchase date column"),
    ]

    public static let all: [CommandSpec] = [
        CommandSpec(
            "load", group: .data, arguments: "PATH|sample",
            summary: "load a transactions file or a customer summary",
            details: """
                Reads CSV, semicolon, tab, pipe or whitespace separated text, plain or .gz. Columns
                are recognised by name (customer_id, InvoiceDate, amount, quantity × unit price, cost,
                profit, order id, …) and any role can be named by hand. A failed load keeps the data
                already loaded. `load sample` loads the bundled sample dataset.
                """,
            example: "load sales.csv.gz --sep semicolon --dates dmy",
            options: loadOptions, completion: [.path]),
        CommandSpec(
            "show criteria", group: .segmentation,
            summary: "the current scenario's criteria, weights and tiering rule",
            example: "show criteria", needsData: true),
        CommandSpec(
            "set weights", group: .segmentation, arguments: "CRITERION WEIGHT [CRITERION WEIGHT…]",
            summary: "score customers on these criteria with these weights",
            details: """
                Criteria: revenue, profit, margin, orders (frequency), aov, recency (lower is better),
                tenure (loyalty). Each is min-max normalised over all customers; the score is the
                weighted sum, in the order given. Weights are used as given. `set weights default`
                returns to the default (revenue 0.5, profit 0.3, orders 0.2).
                """,
            example: "set weights revenue 0.4 profit 0.4 orders 0.2",
            completion: [.criterion, .none]),
        CommandSpec(
            "set tiers", group: .segmentation, arguments: "count|revenue|profit SHARES | computed [on revenue|profit]",
            summary: "tier by share of customers (count) or of revenue or profit (Pareto)",
            details: """
                `count 20/30/50`: A is the best-scored 20% of customers, B the next 30%, C the rest.
                `revenue 80/15/5`: A holds the top customers up to 80% of revenue (the customer who
                crosses a line is in the upper tier), B up to 95%, C the rest; customers with no
                positive value are always in the last tier. 2 to 5 shares adding up to 100.
                `computed`: A, B and C from the computed ABC analysis of Ultsch & Lötsch (2015) on
                revenue or profit: the limits come from the data's ABC curve (Pareto point,
                break-even point, submarginal point), not from chosen shares.
                """,
            example: "set tiers revenue 80/15/5",
            completion: [.words(["count", "revenue", "profit", "computed"]), .words(["20/30/50", "80/15/5", "10/20/30/40", "on"])]),
        CommandSpec(
            "set period", group: .segmentation, arguments: "FROM TO | last N months|days|years | year Y | quarter YQn | month Y-M | all",
            summary: "restrict the metrics to a period (counted back from the data's last date)",
            details: """
                Only transactions in the period count; recency and tenure are measured from its end,
                and only customers who bought in it are segmented. `last 12 months`, `year 2024`,
                `quarter 2024Q3` are counted back from the dataset's reference date, never from
                today. `set period all` returns to all the data. Needs transactions with dates.
                """,
            example: "set period last 12 months",
            completion: [.words(["last", "year", "quarter", "month", "all"]), .none, .words(["months", "days", "years"])]),
        CommandSpec(
            "set asof", group: .segmentation, arguments: "DATE|off",
            summary: "compute every metric as of a day: later transactions are ignored",
            example: "set asof 2025-06-30", completion: [.words(["off"])]),
        CommandSpec(
            "track", group: .segmentation, arguments: "monthly|quarterly|yearly [from DATE] [to DATE]",
            summary: "segment every period with the current rules and show how customers move",
            details: """
                Each period is segmented on its own transactions (recency as of its end) with the
                current scenario's criteria and tiering rule. Prints per period the tier sizes and
                revenue, then between consecutive periods the migration matrix (new customers, A→B,
                B→A, …, customers without purchases in the later period) and the largest movers.
                """,
            example: "track quarterly from 2024-01-01",
            completion: [.words(["monthly", "quarterly", "yearly"]), .words(["from", "to"])], needsData: true),
        CommandSpec(
            "segment", group: .segmentation,
            summary: "segment the customers and show the tier profile",
            details: "Per tier: customers, revenue and its share, profit, margin, orders, average order value, average recency and tenure, and the last customer of the tier with its score or value.",
            example: "segment", needsData: true),
        CommandSpec(
            "scenario new", group: .scenarios, arguments: "NAME [from OTHER]",
            summary: "make a scenario, a copy of the current one (or of OTHER), and switch to it",
            details: "A scenario holds criteria and weights, the tiering rule and levers. `base` always exists.",
            example: "scenario new lean from base", completion: [.none, .words(["from"]), .scenario]),
        CommandSpec(
            "scenario use", group: .scenarios, arguments: "NAME",
            summary: "switch to a scenario", example: "scenario use base", completion: [.scenario]),
        CommandSpec(
            "scenario list", group: .scenarios, summary: "list the scenarios", example: "scenario list"),
        CommandSpec(
            "scenario show", group: .scenarios, arguments: "[NAME]",
            summary: "what a scenario changes compared with base", example: "scenario show lean",
            completion: [.scenario]),
        CommandSpec(
            "scenario drop", group: .scenarios, arguments: "NAME",
            summary: "delete a scenario (not base)", example: "scenario drop lean", completion: [.scenario]),
        CommandSpec(
            "lever cost-to-serve", group: .whatIf, arguments: "TIER [per-order AMOUNT] [per-customer AMOUNT]",
            summary: "assume serving a tier costs this much; net = profit − cost-to-serve",
            details: "cts = per-order × orders + per-customer, per customer of the tier. simulate reports the customers and revenue whose net is below zero.",
            example: "lever cost-to-serve C per-order 4.50",
            completion: [.tier, .words(["per-order", "per-customer"]), .none, .words(["per-order", "per-customer"])]),
        CommandSpec(
            "lever uplift", group: .whatIf, arguments: "TIER revenue +X% adoption Y% [cost AMOUNT [per-adopter|per-contact]]",
            summary: "a share of the tier buys X% more (upsell, cross-sell)",
            details: "Expected Δrevenue = revenue × X × Y per customer; Δprofit at the customer's margin. Cost is AMOUNT per adopter (expected: × Y × customers) or per contacted customer. Monte Carlo (simulate --runs) draws the adopters.",
            example: "lever uplift B revenue +10% adoption 30% cost 2 per-adopter",
            completion: [.tier, .words(["revenue"]), .none, .words(["adoption"]), .none, .words(["cost"]), .none, .words(["per-adopter", "per-contact"])]),
        CommandSpec(
            "lever retention", group: .whatIf, arguments: "TIER churn B% -> R% cost AMOUNT",
            summary: "a retention programme lowers churn from B% to R%",
            details: "Kept revenue = revenue × (B − R) per customer, profit at the customer's margin; cost AMOUNT per customer of the tier.",
            example: "lever retention A churn 15% -> 10% cost 25",
            completion: [.tier, .words(["churn"]), .none, .words(["->"]), .none, .words(["cost"])]),
        CommandSpec(
            "lever reactivation", group: .whatIf, arguments: "TIER inactive DAYS days response R% [orders K] cost AMOUNT",
            summary: "a campaign wins back customers inactive for more than DAYS",
            details: "Eligible: customers of the tier with recency > DAYS. Expected Δrevenue = R × K × average order value (K default 1); cost AMOUNT per eligible customer.",
            example: "lever reactivation C inactive 180 days response 8% orders 1 cost 3",
            completion: [.tier, .words(["inactive"]), .none, .words(["days"]), .words(["response"]), .none, .words(["orders", "cost"])]),
        CommandSpec(
            "lever discount", group: .whatIf, arguments: "TIER price -D% [volume +V%]",
            summary: "a price cut of D% that brings V% more volume",
            details: "revenue' = revenue × (1 − D) × (1 + V); cost' = cost × (1 + V); profit' = revenue' − cost'.",
            example: "lever discount A price -5% volume +8%",
            completion: [.tier, .words(["price"]), .none, .words(["volume"])]),
        CommandSpec(
            "lever drop", group: .whatIf, arguments: "TIER unprofitable",
            summary: "stop serving the tier's customers whose net is below zero",
            details: "Uses the cost-to-serve levers declared before it. Their revenue, profit and cost-to-serve are removed. (`lever drop N` with a number removes lever N, like `lever remove`.)",
            example: "lever drop C unprofitable", completion: [.tier, .words(["unprofitable"])]),
        CommandSpec(
            "lever list", group: .whatIf, summary: "the current scenario's levers, numbered, with their assumptions",
            example: "lever list"),
        CommandSpec(
            "lever clear", group: .whatIf, summary: "remove every lever of the current scenario",
            example: "lever clear"),
        CommandSpec(
            "lever remove", group: .whatIf, arguments: "N", summary: "remove lever N of the current scenario",
            example: "lever remove 2"),
        CommandSpec(
            "simulate", group: .whatIf,
            summary: "apply the current scenario's levers: before and after per tier, ROI per lever",
            details: """
                Per tier (as segmented before the levers) and in total: customers, revenue, profit,
                cost-to-serve, lever cost and net contribution, before and after, with deltas; each
                lever's effect and ROI; the migration from pre-lever to re-segmented tiers. Figures
                cover the data window; --annualise scales money to 365 days. --runs N draws adopters,
                kept customers and responders N times (xoshiro256**, seeded, in customer_id order) and reports
                P10/P50/P90 (nearest rank).
                """,
            example: "simulate --runs 1000 --seed 7",
            options: [.init("annualise", "scale money figures to a year (365 / window days)"),
                      .init("runs", value: "N", "Monte Carlo runs (default: expected values only)"),
                      .init("seed", value: "S", "seed of the Monte Carlo runs (default 1)")],
            needsData: true),
        CommandSpec(
            "sweep", group: .whatIf, arguments: "weight CRITERION | share TIER | lever N FIELD  FROM TO STEP",
            summary: "re-run the current scenario over a range of one setting",
            details: """
                Per step: tier sizes, revenue per tier and net contribution after the levers, and how
                many customers are in another tier than with the current setting. Lever fields:
                uplift lift|adoption|cost, retention after|cost, reactivation response|days|cost,
                discount price|volume, cost-to-serve per-order|per-customer. Varying a tier share,
                the last tier (or the first, for the last) takes up the difference.
                """,
            example: "sweep lever 1 adoption 10% 50% 10%",
            completion: [.words(["weight", "share", "lever"])], needsData: true),
        CommandSpec(
            "seek", group: .whatIf, arguments: "[projected] tier T|total METRIC = VALUE by SETTING [in LO..HI]",
            summary: "find the setting at which a figure reaches a target (bisection)",
            details: "METRIC as in expect; SETTING as in sweep. Says so when no value in the range reaches the target.",
            example: "seek projected total profit = 2500000 by lever 1 lift in 0%..50%",
            completion: [.words(["projected", "tier", "total"])], needsData: true),
        CommandSpec(
            "compare", group: .whatIf, arguments: "SCENARIO [SCENARIO…]",
            summary: "scenarios side by side: tier profiles, KPI deltas, migration matrix, top movers",
            details: "Each scenario after its levers. With one scenario: its tiers before and after its levers.",
            example: "compare base lean", completion: [.scenario], needsData: true),
        CommandSpec(
            "expect", group: .session, arguments: "[projected] tier T|total METRIC OP VALUE",
            summary: "check a figure; a script stops with its location when it does not hold",
            details: """
                METRIC: customers, cust_share, revenue, rev_share, profit, margin, orders, aov,
                avg_recency, avg_tenure, cost_to_serve, lever_cost, net_contribution. OP: = != < <= > >=.
                `projected` takes the figures after the levers (by tier before the levers).
                Integers compare exactly, money and percentages at their printed precision.
                """,
            example: "expect tier A customers = 1000",
            completion: [.words(["projected", "tier", "total"])], needsData: true),
        CommandSpec(
            "save", group: .session, arguments: "PATH",
            summary: "write a script that recreates this session (data, scenarios, levers)",
            details: "Written atomically; an existing file is replaced only with --force. Replay with `run PATH` or `abc run PATH`.",
            example: "save workshop.abc", options: [.init("force", "replace an existing file")],
            completion: [.path]),
        CommandSpec(
            "export segments", group: .output, arguments: "PATH",
            summary: "write every customer's tier, score and rank as CSV",
            details: "One row per customer, sorted by customer_id. Written atomically; an existing file is replaced only with --force.",
            example: "export segments out/segments.csv",
            options: [.init("force", "replace an existing file")],
            completion: [.path], needsData: true),
        CommandSpec(
            "chart", group: .output, arguments: "[pareto|tiers]",
            summary: "draw the Pareto (ABC) curve with the tier boundaries, and a bar per tier",
            example: "chart pareto", completion: [.words(["pareto", "tiers"])], needsData: true),
        CommandSpec(
            "export chart", group: .output, arguments: "PATH.svg",
            summary: "write the current scenario's charts as a standalone SVG file",
            example: "export chart out/pareto.svg",
            options: [.init("force", "replace an existing file")], completion: [.path], needsData: true),
        CommandSpec(
            "export report", group: .output, arguments: "PATH.md|PATH.html",
            summary: "write a workshop report: settings, tier profiles, simulations, comparison, charts",
            details: "The HTML report is one self-contained page (inline SVG, no external files).",
            example: "export report workshop.html",
            options: [.init("force", "replace an existing file")], completion: [.path], needsData: true),
        CommandSpec(
            "run", group: .session, arguments: "SCRIPT",
            summary: "run the commands of a script file",
            details: "Stops at the first error, naming the script line. Paths in a script are relative to the script.",
            example: "run workshop.abc", completion: [.path]),
        CommandSpec(
            "set format", group: .output, arguments: "table|markdown|csv|json",
            summary: "how tables are printed",
            example: "set format markdown",
            completion: [.words(["table", "markdown", "csv", "json"])]),
        CommandSpec(
            "timer", group: .output, arguments: "on|off",
            summary: "print each command's elapsed time",
            example: "timer on", completion: [.words(["on", "off"])]),
        CommandSpec(
            "set editor", group: .session, arguments: "emacs|vi",
            summary: "key bindings of the line editor (interactive shell)",
            example: "set editor vi", completion: [.words(["emacs", "vi"])]),
        CommandSpec(
            "history", group: .session, summary: "the commands typed at the prompt, oldest first (kept across sessions)",
            example: "history"),
        CommandSpec(
            "help", group: .session, arguments: "[COMMAND]",
            summary: "list the commands, or show one in full",
            example: "help set tiers", completion: [.words([])]),
        CommandSpec(
            "quit", group: .session, summary: "leave the shell (also: exit, Ctrl-D)", example: "quit"),
    ]

    /// Also accepted, never listed.
    static let aliases: [String: String] = ["exit": "quit", "?": "help", ".quit": "quit", ".exit": "quit", ".help": "help"]

    /// The spec whose name matches the longest prefix of `words`.
    public static func lookup(_ words: [String]) -> (spec: CommandSpec, wordCount: Int)? {
        guard let first = words.first else { return nil }
        let head = aliases[first.lowercased()] ?? first.lowercased()
        var best: (CommandSpec, Int)?
        for spec in all where spec.words[0] == head {
            let n = spec.words.count
            if n == 1 || (words.count >= n && zip(spec.words.dropFirst(), words[1..<n]).allSatisfy { $0 == $1.lowercased() }) {
                if best == nil || n > best!.1 { best = (spec, n) }
            }
        }
        return best
    }

    /// Names of all commands (multi-word included).
    public static var names: [String] { all.map(\.name) }

    /// The known command nearest to `text` by edit distance, if near enough to suggest.
    public static func suggestion(for text: String) -> String? {
        let candidates = Set(all.map(\.name) + all.map { $0.words[0] })
        let scored = candidates.map { ($0, editDistance(text.lowercased(), $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let best = scored.first, best.1 <= max(1, text.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
