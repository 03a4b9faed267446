/// A lever and the customers of its tier it acts on (docs/levers.md#levers-on-groups): all of
/// them, or those a filter picked (`lever retention A where at-risk …`), given as a membership
/// mask over the scenario's customers, resolved once by the caller on the segmentation before
/// the levers.
public struct TargetedLever: Sendable {
    public var lever: Lever
    /// Per customer (the simulation's indexing): whether the lever may act on it; nil: every
    /// customer of its tier.
    public var members: [Bool]?

    public init(_ lever: Lever, members: [Bool]? = nil) {
        self.lever = lever
        self.members = members
    }

    /// Whether customer `c` meets the lever's filter (its tier is checked apart).
    @inline(__always)
    func admits(_ c: Int) -> Bool {
        guard let members else { return true }
        return members[c]
    }
}
