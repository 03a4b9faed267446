import ABCCore

/// A scenario as the workspace keeps it: its script text (what `save --scenarios-only` writes
/// for it), its place in creation order and how many times it was written.
public struct StoredScenario: Sendable, Equatable {
    public var name: String
    public var parent: String?
    /// Script lines that make the scenario from its parent (`set weights …`, `lever …`).
    public var script: String
    /// Writes of this scenario's text so far (1 when first stored); set by the store.
    public var revision: Int

    public init(name: String, parent: String?, script: String, revision: Int = 0) {
        self.name = name
        self.parent = parent
        self.script = script
        self.revision = revision
    }
}

/// The session's row: the current scenario and the last dataset, to restore them.
public struct StoredSession: Sendable, Equatable {
    public var currentScenario: String
    /// The `load` line that made the dataset, its files and their fingerprint.
    public var load: String?
    public var datasetPaths: [String]
    public var datasetBytes: Int64?
    public var datasetHash: String?

    public init(currentScenario: String, load: String? = nil, datasetPaths: [String] = [], datasetBytes: Int64? = nil, datasetHash: String? = nil) {
        self.currentScenario = currentScenario
        self.load = load
        self.datasetPaths = datasetPaths
        self.datasetBytes = datasetBytes
        self.datasetHash = datasetHash
    }
}

/// What the workspace holds of the scenarios, read in one transaction.
public struct StoredScenarios: Sendable, Equatable {
    /// In creation order (`base` first when stored).
    public var scenarios: [StoredScenario]
    public var session: StoredSession?
    /// The workspace's scenario revision: 0 before the first write, one more per write. A
    /// writer passes the revision it read; a stale one is refused (`ScenarioConflict`).
    public var revision: Int
}

/// A scenario write refused because another process wrote since this one read.
public struct ScenarioConflict: Error, Sendable, Equatable {
    /// The revision the writer expected, and the one in the workspace.
    public var expected: Int
    public var found: Int
    public var message: String {
        "the scenarios in this workspace were changed by another abc (revision \(found), this shell had \(expected)); nothing was written"
    }
}

extension Workspace {
    /// The stored scenarios, the session row and the revision, as one consistent read.
    public func storedScenarios() throws(RequestError) -> StoredScenarios {
        try connection.readTransaction { () throws(RequestError) in
            let s = try connection.prepare("SELECT name, parent, script, revision FROM scenarios ORDER BY position, name")
            var scenarios: [StoredScenario] = []
            while try s.step() {
                scenarios.append(StoredScenario(name: s.text(0), parent: s.optionalText(1), script: s.text(2), revision: s.int(3)))
            }
            let (session, revision) = try readSession()
            return StoredScenarios(scenarios: scenarios, session: session, revision: revision)
        }
    }

    private func readSession() throws(RequestError) -> (StoredSession?, Int) {
        let s = try connection.prepare("SELECT current_scenario, dataset_load, dataset_paths, dataset_bytes, dataset_hash, revision FROM session WHERE id = 1")
        guard try s.step() else { return (nil, 0) }
        let paths = s.optionalText(2) ?? ""
        return (StoredSession(
            currentScenario: s.text(0), load: s.optionalText(1),
            datasetPaths: paths.isEmpty ? [] : paths.split(separator: "\n").map(String.init),
            datasetBytes: s.optionalInt64(3), datasetHash: s.optionalText(4)), s.int(5))
    }

    /// Replaces every stored scenario and the session row in one transaction, if the
    /// workspace's revision is still `expectedRevision` (what `storedScenarios` returned, or
    /// the last save's result); returns the new revision. A scenario whose text is unchanged
    /// keeps its revision; a changed or new one gets one more. Throws `ScenarioConflict` when
    /// another process wrote in between (nothing written), `RequestError` for SQLite errors.
    public func saveScenarios(_ scenarios: [StoredScenario], session: StoredSession, expectedRevision: Int, now: Double) throws -> Int {
        try requireWritable("keeping the scenarios")
        var conflict: ScenarioConflict?
        let revision = try connection.writeTransaction { () throws(RequestError) -> Int in
            let (_, found) = try readSession()
            if found != expectedRevision {
                conflict = ScenarioConflict(expected: expectedRevision, found: found)
                return found
            }
            var old: [String: (script: String, revision: Int)] = [:]
            let s = try connection.prepare("SELECT name, script, revision FROM scenarios")
            while try s.step() { old[s.text(0)] = (s.text(1), s.int(2)) }
            try connection.execute("DELETE FROM scenarios")
            let insert = try connection.prepare("INSERT INTO scenarios (name, position, parent, script, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
            for (position, scenario) in scenarios.enumerated() {
                insert.reset()
                let previous = old[scenario.name]
                insert.bind(1, scenario.name)
                insert.bind(2, position)
                insert.bind(3, scenario.parent)
                insert.bind(4, scenario.script)
                insert.bind(5, previous.map { $0.script == scenario.script ? $0.revision : $0.revision + 1 } ?? 1)
                insert.bind(6, now)
                try insert.step()
            }
            let row = try connection.prepare("""
                INSERT INTO session (id, current_scenario, dataset_load, dataset_paths, dataset_bytes, dataset_hash, revision, updated_at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET current_scenario = excluded.current_scenario, dataset_load = excluded.dataset_load,
                    dataset_paths = excluded.dataset_paths, dataset_bytes = excluded.dataset_bytes,
                    dataset_hash = excluded.dataset_hash, revision = excluded.revision, updated_at = excluded.updated_at
                """)
            row.bind(1, session.currentScenario)
            row.bind(2, session.load)
            row.bind(3, session.datasetPaths.joined(separator: "\n"))
            row.bind(4, session.datasetBytes)
            row.bind(5, session.datasetHash)
            row.bind(6, found + 1)
            row.bind(7, now)
            try row.step()
            return found + 1
        }
        if let conflict { throw conflict }
        return revision
    }
}
