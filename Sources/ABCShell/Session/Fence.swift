import ABCCore

/// The fence around commands that come from a script: a script file (however it was started)
/// or piped standard input. Commands typed at the prompt or given with `-c` are the user's own
/// and are not fenced.
///
/// Fenced commands read and write only inside the script's folder, resolved to its real path:
/// a path is followed to its real path (symbolic links included, through its deepest existing
/// folder), must land inside the folder or a folder the command line allows, and may have no
/// name starting with `.` below that folder. `--force` replaces only files this session
/// created, except inside `--allow-write` folders. Every path a command reads or writes goes
/// through `check`; later sources (a workspace, a database URL) use `workspaceAccess` and
/// `checkDatabase`.
struct Fence {
    enum Access: Equatable {
        /// Reading data or a file.
        case read
        /// Reading a script to run it (`run`): under `--safe`, only inside the folder.
        case runScript
        /// Writing; `replacing` when the command may replace an existing file (`--force`).
        case write(replacing: Bool)
    }

    /// The script's folder (a real path).
    var folder: String
    let allowances: ScriptAllowances
    /// Real paths of the files this session created.
    let created: Set<String>
    let fileSystem: any FileSystem

    /// Checks that the command `command` may reach `path` (absolute); throws the one-line
    /// refusal naming the path and the flag that allows it.
    func check(_ path: String, _ access: Access, command: String) throws(RequestError) {
        let real = fileSystem.realPath(ofPossiblyMissing: path)
        let verb = access == .read || access == .runScript ? "read" : "write"
        func refuse(_ why: String, _ allowedBy: String) -> RequestError {
            RequestError("'\(command)' may not \(verb) '\(real)' from a script: \(why) (\(allowedBy))")
        }
        let flag = verb == "read" ? "abc run --allow-read DIR allows it" : "abc run --allow-write DIR allows it"
        if case .write = access, allowances.safe {
            throw refuse("abc run --safe allows no writes", "abc run without --safe allows writes inside the script's folder")
        }
        let extra: [String]
        switch access {
        case .read: extra = allowances.read + allowances.write
        case .runScript: extra = allowances.safe ? [] : allowances.read + allowances.write
        case .write: extra = allowances.write
        }
        let allowed = extra.map(fileSystem.realPath(ofPossiblyMissing:))
        // Below `base`: nil when outside it, else whether no name below it starts with '.'.
        func clean(below base: String) -> Bool? { Self.relative(real, to: base).map { !Self.hasDotName($0) } }
        if allowed.contains(where: { clean(below: $0) == true }) { return }
        let runFlag = access == .runScript && allowances.safe ? "abc run --safe runs no script outside it" : flag
        switch clean(below: folder) {
        case nil where !allowed.contains(where: { clean(below: $0) != nil }):
            throw refuse("it is outside the script's folder \(folder)", runFlag)
        case nil, false?:
            // A hidden folder on the way can be allowed by naming it; a hidden file cannot.
            let base = clean(below: folder) != nil ? folder : allowed.first { clean(below: $0) != nil } ?? folder
            let names = (Self.relative(real, to: base) ?? "").split(separator: "/")
            let hiddenFolder = names.dropLast().contains { $0.hasPrefix(".") }
            let allowedBy = access == .runScript && allowances.safe ? runFlag
                : hiddenFolder ? "abc run --allow-\(verb) DIR allows it, DIR the folder whose name starts with '.'"
                : "no flag allows a hidden file from a script: type the command at the prompt"
            throw refuse("a name in it starts with '.'", allowedBy)
        case true?: break
        }
        if case .write(replacing: true) = access, fileSystem.entry(at: real).exists, !created.contains(real) {
            throw refuse("--force replaces only files this run created", flag)
        }
    }

    /// Whether a script may open the workspace at `path` for writing: only one named on the
    /// command line (under `abc run`, every other one opens read-only). The hook for the workspace.
    func workspaceAccess(_ path: String) -> (readOnly: Bool, reason: String?) {
        let real = fileSystem.realPath(ofPossiblyMissing: path)
        if !allowances.safe, allowances.workspaces.map(fileSystem.realPath(ofPossiblyMissing:)).contains(real) { return (false, nil) }
        return (true, "a workspace opens read-only from a script unless named on the command line")
    }

    /// Throws unless scripts may connect to a database server (`--allow-db`, not `--safe`).
    /// The hook for database sources.
    func checkDatabase(_ url: String, command: String) throws(RequestError) {
        if allowances.safe {
            throw RequestError("'\(command)' may not connect to '\(url)' from a script: abc run --safe allows no database")
        }
        if !allowances.database {
            throw RequestError("'\(command)' may not connect to '\(url)' from a script (abc run --allow-db allows it)")
        }
    }

    /// `path` relative to `folder` when it lies inside it (empty for the folder itself).
    static func relative(_ path: String, to folder: String) -> String? {
        if path == folder { return "" }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    static func hasDotName(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}

extension FileSystem {
    /// The real path of `path` (absolute): its deepest existing ancestor resolved (symbolic
    /// links included, `..` taken as the system takes it), the rest appended with `.` and `..`
    /// applied (and resolved again: what `..` leads to may exist).
    func realPath(ofPossiblyMissing path: String) -> String {
        var head = path.split(separator: "/")
        var rest: [Substring] = []
        while realPath("/" + head.joined(separator: "/")) == nil, let last = head.popLast() {
            rest.insert(last, at: 0)
        }
        var parts = (realPath("/" + head.joined(separator: "/")) ?? "/").split(separator: "/")
        for part in rest where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        let joined = "/" + parts.joined(separator: "/")
        return rest.contains("..") ? realPath(ofPossiblyMissing: joined) : joined
    }
}
