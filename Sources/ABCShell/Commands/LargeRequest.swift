/// The guard for a request that would run for minutes or print millions of lines (a sweep of
/// more than 1,000 steps; `customers` without `top` on millions of customers): it says how
/// large the request is and runs only with `--force`.
///
/// A command declares one as a static constant, lists its `forceOption` among the
/// command's options, and calls `check` where it knows the size: in `init(parsing:)` when the words
/// tell (sweep's steps), in `run(in:)` when the data does (the customers a listing prints).
///
///     static let large = LargeRequest(threshold: 100_000, unit: "lines", effect: "print for minutes")
///     try Self.large.check(customers.count, context.invocation, instead: "`top N` lists the first N")
struct LargeRequest: Sendable {
    /// At most this many run without `--force`.
    let threshold: Int
    /// What is counted, plural: `steps`, `lines`.
    let unit: String
    /// What so many would do: `run for minutes`.
    let effect: String

    /// The command's `--force`: `allow more than 1,000 steps`.
    var forceOption: CommandSpec.Option {
        CommandSpec.Option("force", "allow more than \(PeopleNumbers.grouped(String(threshold))) \(unit)")
    }

    /// Throws, unless `count` is within the threshold or the command says `--force`: the
    /// count, the effect and the way out, pointing at `token` (the command's name when nil);
    /// `instead` suggests a smaller request (`take a larger STEP`).
    func check(_ count: Int, _ invocation: Invocation, at token: Token? = nil, instead: String? = nil) throws(CommandError) {
        guard count > threshold, !invocation.flag("force") else { return }
        throw invocation.error(message(count, instead: instead), at: token)
    }

    /// `2,001 steps would run for minutes (more than 1,000); add --force to run it, or take a larger STEP`.
    func message(_ count: Int, instead: String? = nil) -> String {
        "\(PeopleNumbers.grouped(String(count))) \(unit) would \(effect) (more than \(PeopleNumbers.grouped(String(threshold))));"
            + " add --force to run it" + (instead.map { ", or \($0)" } ?? "")
    }
}
