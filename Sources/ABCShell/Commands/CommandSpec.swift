/// The declaration of one shell command, carried by its `ShellCommand` type. The command
/// table (`CommandTable`) is the one source for parsing, `help`, Tab completion,
/// did-you-mean, usage errors and the README reference.
public struct CommandSpec: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case data = "Data"
        case segmentation = "Segmentation"
        case customers = "Customers"
        case scenarios = "Scenarios"
        case whatIf = "What-if"
        case workspace = "Workspace"
        case output = "Output"
        case session = "Session"
    }

    /// What a word can be completed with. Most hints stand for one word; `choice` and
    /// `setting` stand for several, and the hints after them read what was typed there
    /// (`sweep lever 1 <Tab>` offers lever 1's fields). `Completer` walks them.
    public enum Completion: Sendable, Equatable {
        case none
        case path
        /// A path, or one of these words (`load sample`).
        case pathOrWords([String])
        case criterion
        case tier
        case scenario
        /// A snapshot of the open workspace.
        case snapshot
        case words([String])
        /// One of the branches' words, then the words of that branch
        /// (`tier T METRIC | total METRIC`).
        case choice([Branch])
        /// `weight CRITERION | share TIER | lever N FIELD`: the setting `sweep` and `seek`
        /// vary, two or three words.
        case setting
        /// A value of the setting typed before: its lowest or highest (sweep's FROM and TO).
        case settingBound(Bound)
        /// The range of the setting typed before, as `LO..HI` (seek's `in`).
        case settingRange
        /// The number of one of the current scenario's levers.
        case leverNumber
        /// A field of the lever numbered just before (`uplift`: lift, adoption, cost).
        case leverField
        /// The field named just before, as the lever has it now (`lever set 1 adoption 30%`).
        case leverFieldValue
        /// The name of a customer attribute of the loaded data (`Session.attributeNames`).
        case attribute
        /// A value of the attribute named before (`Session.attributeValues(of:)`).
        case attributeValue

        /// Which end of a setting's range `settingBound` offers.
        public enum Bound: Sendable, Equatable { case lowest, highest }

        /// A word of a `choice` and what the words after it complete with.
        public struct Branch: Sendable, Equatable {
            public var word: String
            public var then: [Completion]

            public init(_ word: String, _ then: [Completion] = []) {
                self.word = word
                self.then = then
            }
        }
    }

    public struct Option: Sendable {
        public var name: String
        /// Placeholder of the value, or nil for a flag.
        public var value: String?
        public var help: String
        public var completion: Completion

        public init(_ name: String, value: String? = nil, completion: Completion = .none, _ help: String) {
            self.name = name
            self.value = value
            self.help = help
            self.completion = completion
        }
    }

    /// Words of the command's name: `["set", "weights"]`.
    public var words: [String]
    public var group: Group
    /// Arguments after the name, as shown in help: `PATH|sample`.
    public var arguments: String
    public var summary: String
    public var details: String
    public var example: String
    public var options: [Option]
    /// Completion for each positional argument by position; the last repeats, or with
    /// `completionCycles` the whole list does (`CRITERION WEIGHT CRITERION WEIGHT…`).
    public var argumentCompletion: [Completion]
    public var completionCycles: Bool
    /// Whether the command needs loaded data.
    public var needsData: Bool

    public init(
        _ name: String, group: Group, arguments: String = "", summary: String, details: String = "",
        example: String, options: [Option] = [], completion: [Completion] = [], completionCycles: Bool = false,
        needsData: Bool = false
    ) {
        words = name.split(separator: " ").map(String.init)
        self.group = group
        self.arguments = arguments
        self.summary = summary
        self.details = details
        self.example = example
        self.options = options
        argumentCompletion = completion
        self.completionCycles = completionCycles
        self.needsData = needsData
    }

    public var name: String { words.joined(separator: " ") }

    /// `load PATH|sample [--customers] [--sep SEP]…`
    public var synopsis: String {
        var parts = [name]
        if !arguments.isEmpty { parts.append(arguments) }
        for option in options {
            parts.append("[--\(option.name)\(option.value.map { " " + $0 } ?? "")]")
        }
        return parts.joined(separator: " ")
    }

    /// The synopsis for usage errors: every option when there are few, else `[options]`.
    public var usage: String {
        guard options.count > 3 else { return synopsis }
        return name + (arguments.isEmpty ? "" : " " + arguments) + " [options]"
    }

    public func option(named name: String) -> Option? { options.first { $0.name == name } }

    /// What the positional argument at `position` completes with.
    public func completion(atArgument position: Int) -> Completion {
        guard !argumentCompletion.isEmpty else { return .none }
        if completionCycles { return argumentCompletion[position % argumentCompletion.count] }
        return argumentCompletion[min(position, argumentCompletion.count - 1)]
    }
}
