import ABCCore

/// What the command line of `abc run` lets scripts do beyond their own folder
/// (`--allow-read DIR`, `--allow-write DIR`, `--allow-db`, `--safe`).
public struct ScriptAllowances: Sendable, Equatable {
    /// Folders scripts may also read from (absolute).
    public var read: [String] = []
    /// Folders scripts may also write to, replacing files there with `--force` (absolute).
    public var write: [String] = []
    /// Whether a script may connect to a database server.
    public var database = false
    /// `--safe`: no writes at all, no database, no `run` of a script outside the folder.
    public var safe = false
    /// Workspaces named on the command line: the only ones a script may open for writing
    /// (absolute; `Fence.workspaceAccess`).
    public var workspaces: [String] = []
    /// `--workspace PATH` as typed (the last one): the workspace `abc run` opens first.
    public var workspaceArgument: String?

    public init(read: [String] = [], write: [String] = [], database: Bool = false, safe: Bool = false, workspaces: [String] = []) {
        self.read = read
        self.write = write
        self.database = database
        self.safe = safe
        self.workspaces = workspaces
    }

    /// Takes `abc run`'s fence flags out of `arguments` (`--allow-read DIR`, `--allow-write DIR`,
    /// `--allow-db`, `--safe`, anywhere, also as `--flag=DIR`); folders are taken from
    /// `workingDirectory` and must exist.
    public static func parse(
        _ arguments: inout [String], workingDirectory: String, fileSystem: any FileSystem = POSIXFileSystem()
    ) throws(Diagnostic) -> ScriptAllowances {
        var allowances = ScriptAllowances()
        var rest: [String] = []
        var i = 0
        /// The value of the flag `word`: the next argument, or what follows `=`.
        func value(of word: String, _ needs: String) throws(Diagnostic) -> String {
            let name = String(word.prefix { $0 != "=" })
            if name != word { return String(word.dropFirst(name.count + 1)) }
            i += 1
            guard i < arguments.count else { throw Diagnostic("\(name) needs \(needs)") }
            return arguments[i]
        }
        while i < arguments.count {
            let word = arguments[i]
            let name = word.hasPrefix("--") ? String(word.prefix { $0 != "=" }) : word
            switch name {
            case "--allow-db" where name == word: allowances.database = true
            case "--safe" where name == word: allowances.safe = true
            case "--workspace":
                var path = try value(of: word, "a file: --workspace PATH")
                allowances.workspaceArgument = path
                if !path.hasPrefix("/") { path = workingDirectory + "/" + path }
                allowances.workspaces.append(path)
            case "--allow-read", "--allow-write":
                var folder = try value(of: word, "a folder: \(name) DIR")
                if !folder.hasPrefix("/") { folder = workingDirectory + "/" + folder }
                let entry = fileSystem.entry(at: folder)
                guard entry.exists, entry.isDirectory else { throw Diagnostic("\(name) \(arguments[i]): no folder '\(folder)'") }
                if name == "--allow-read" { allowances.read.append(folder) } else { allowances.write.append(folder) }
            default: rest.append(word)
            }
            i += 1
        }
        if allowances.safe, !allowances.write.isEmpty {
            throw Diagnostic("--safe allows no writes: give --safe or --allow-write, not both")
        }
        if allowances.safe, !allowances.workspaces.isEmpty {
            throw Diagnostic("--safe allows no writes: give --safe or --workspace, not both")
        }
        if allowances.safe, allowances.database {
            throw Diagnostic("--safe allows no database: give --safe or --allow-db, not both")
        }
        arguments = rest
        return allowances
    }
}
