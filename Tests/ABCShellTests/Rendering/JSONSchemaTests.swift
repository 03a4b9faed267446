import Foundation
import Testing
@testable import ABCShell

/// `set format json` prints one JSON Lines document per command, and `docs/json-schema.json`
/// describes every command's. This walks the command table: each command is run on the
/// fixture and its document checked against the schema, or is listed in `noTables` (with
/// why) and prints no tables. A new command without either fails here.
@Suite("JSON schema")
struct JSONSchemaTests {
    /// Two scenarios: base, and lean with a lever of each kind that takes part in `simulate`.
    static let setup = """
        load sales.csv; scenario new lean; lever cost-to-serve C per-order 4.50; \
        lever uplift B revenue +10% adoption 30% cost 2 per-adopter; \
        lever reactivation C inactive 20 days response 50% cost 1; lever drop C unprofitable; scenario use base
        """
    /// Data without cost (profit figures n/a, `set margin` allowed).
    static let revenueOnly = """
        customer_id,date,amount
        K1,2024-01-10,300.00
        K2,2024-02-15,250.00
        K3,2024-03-01,50.00
        K4,2024-03-15,80.00
        K5,2024-03-31,20.00

        """

    /// The line each command is run with on the fixture (its example unless the fixture lacks
    /// what the example names); `lean` is current where the command works on levers.
    static let lines: [String: String] = [
        "load": "load sales.csv",
        "track": "track monthly",
        "segment": "segment",
        "customers": "customers",
        "customer": "customer K3",
        "scenario new": "scenario new lean2 from base",
        "scenario rename": "scenario rename lean lean-c",
        "lever remove": "scenario use lean; lever remove 2",
        "lever set": "scenario use lean; lever set 2 adoption 40%",
        "lever list": "scenario use lean; lever list",
        "lever clear": "scenario use lean; lever clear",
        "simulate": "scenario use lean; simulate --runs 20",
        "sweep": "scenario use lean; sweep lever 2 adoption 10% 50% 20%",
        "seek": "scenario use lean; seek projected total revenue = 1010 by lever 2 lift in 0%..50%",
        "compare": "compare base lean --all-pairs",
        "summary": "summary --runs 20",
        "expect": "expect tier A customers = 1",
        "export segments": "export segments s.csv",
        "export chart": "export chart c.svg",
        "export report": "export report r.html",
        "run": "run s.abc",
        "once": "once o.json",
        "output": "output o.jsonl",
        "set asof": "set asof 2024-03-01",
        "show clv": "load sample; show clv",
        "playbook": "playbook --cost-per-order 10",
        "set period": "set period last 2 months",
        "set format": "set format json",
        "workspace": "workspace open w.abcw; workspace",
        "workspace open": "workspace open w.abcw",
        "workspace close": "workspace open w.abcw; workspace close",
        "snapshot save": "workspace open w.abcw; snapshot save q1",
        "snapshot list": "workspace open w.abcw; snapshot save q1; snapshot list",
        "snapshot show": "workspace open w.abcw; snapshot save q1; snapshot show q1",
        "snapshot drop": "workspace open w.abcw; snapshot save q1; snapshot drop q1",
        "track snapshots": "workspace open w.abcw; snapshot save q1; set tiers count 40/40/20; snapshot save q2; track snapshots",
    ]

    /// Commands whose document has no tables: their text is in its notes.
    static let noTables: [String: String] = [
        "load": "the load report is text", "show sql": "SQL text, in the notes",
        "set weights": "changes the scenario", "set tiers": "changes the scenario", "set scaling": "changes the scenario",
        "set period": "changes the scenario", "set asof": "changes the scenario", "set margin": "changes the scenario",
        "set clv": "changes the scenario", "set playbook": "changes the scenario", "playbook apply": "adds levers",
        "scenario new": "changes the scenarios", "scenario use": "changes the scenarios", "scenario drop": "changes the scenarios",
        "scenario rename": "changes the scenarios", "scenario show": "a scenario's settings, as script lines",
        "lever cost-to-serve": "adds a lever", "lever uplift": "adds a lever", "lever retention": "adds a lever",
        "lever reactivation": "adds a lever", "lever discount": "adds a lever", "lever drop": "adds a lever",
        "lever clear": "changes the levers", "lever remove": "changes the levers", "lever set": "changes the levers",
        "seek": "one figure, in a sentence", "expect": "a check: nothing, or an error",
        "save": "writes a file", "export segments": "writes a file", "export chart": "writes a file", "export report": "writes a file",
        "chart": "a drawing for people", "run": "the script's commands print their own documents",
        "set format": "a setting", "output": "a setting", "once": "a setting", "timer": "a setting", "set editor": "a setting",
        "history": "text", "undo": "changes the scenarios", "help": "text", "quit": "leaves",
        "workspace": "which workspace is open, in a sentence", "workspace open": "opens a file", "workspace close": "closes a file",
        "snapshot save": "writes to the workspace", "snapshot drop": "writes to the workspace",
    ]

    static var schemaURL: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("docs/json-schema.json")
    }

    /// Each command's document on the fixture: the last line it printed (a line runs the
    /// commands before it too), parsed strictly.
    static func document(for spec: CommandSpec, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let margin = spec.name == "set margin"
        let f = try ShellFixture(
            files: ["sales.csv": margin ? revenueOnly : ShellFixture.sales, "s.abc": "segment\n"],
            setup: (margin ? "load sales.csv" : setup) + "; set format json")
        defer { f.remove() }
        let line = lines[spec.name] ?? spec.example
        let text = f.run(line, sourceLocation: sourceLocation).text
        let documents = text.split(separator: "\n").map(String.init)
        for document in documents {
            _ = try JSONSerialization.jsonObject(with: Data(document.utf8))  // strict: every line parses
        }
        let last = try #require(documents.last, "`\(line)` printed nothing", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    @Test func everyCommandIsDescribedOrListedWithoutTables() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        let commands = try #require((schema["$defs"] as? [String: Any])?["commands"] as? [String: Any])
        for spec in CommandTable.all {
            let described = commands[spec.name] != nil, listed = Self.noTables[spec.name] != nil
            #expect(described != listed, "\(spec.name): describe it in docs/json-schema.json or list it in noTables (not both)")
            guard let document = try? Self.document(for: spec) else { continue }  // the issue is recorded
            #expect(document["command"] as? String == spec.name || spec.name == "run", "\(spec.name)")
            if listed {
                #expect((document["tables"] as? [Any])?.isEmpty == true, "\(spec.name) prints tables")
            }
            let problems = SchemaCheck(root: schema).problems(document, against: ["$ref": listed ? "#/$defs/document" : "#/$defs/commands/" + spec.name], at: spec.name)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
        #expect(Set(commands.keys).isSubset(of: Set(CommandTable.all.map(\.name))), "the schema describes commands that do not exist")
    }

    /// The four commands the issue names: their tables, by name, with their keys.
    @Test(arguments: [
        ("segment", ["profile"]),
        ("simulate", ["levers", "before_after", "migration", "monte_carlo"]),
        ("compare", ["profiles", "kpis", "migration", "migration_revenue", "top_movers"]),
        ("summary", ["summary", "summary_tiers", "summary_levers"]),
    ])
    func tablesOf(command: String, names: [String]) throws {
        let spec = try #require(CommandTable.all.first { $0.name == command })
        let document = try Self.document(for: spec)
        let tables = try #require(document["tables"] as? [[String: Any]])
        #expect(tables.map { $0["name"] as? String } == names)
        #expect(Set(document.keys) == ["command", "tables", "notes"])
    }

    @Test func compareWithASnapshotIsDescribed() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        let f = try ShellFixture(setup: "load sales.csv; workspace open w.abcw; snapshot save q1; set tiers count 40/40/20; set format json")
        defer { f.remove() }
        let last = try #require(f.run("compare snapshot:q1 base").text.split(separator: "\n").last.map(String.init))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let tables = try #require(document["tables"] as? [[String: Any]])
        #expect(tables.map { $0["name"] as? String } == ["profiles", "totals", "migration", "migration_revenue", "top_movers"])
        let problems = SchemaCheck(root: schema).problems(document, against: ["$ref": "#/$defs/commands/compare"], at: "compare")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func simulateRecordsAreTyped() throws {
        let spec = try #require(CommandTable.all.first { $0.name == "simulate" })
        let tables = try #require(try Self.document(for: spec)["tables"] as? [[String: Any]])
        func rows(_ name: String) -> [[String: Any]] { tables.first { $0["name"] as? String == name }?["rows"] as? [[String: Any]] ?? [] }
        // A record per tier and measure, every key filled.
        let revenueA = try #require(rows("before_after").first { $0["tier"] as? String == "A" && $0["measure"] as? String == "revenue" })
        #expect(revenueA["before"] as? Double == 500 && revenueA["delta"] as? Double == 0)
        #expect(rows("before_after").allSatisfy { $0["measure"] is String && $0["tier"] is String })
        // "1.0 of 2" and "3 dropped" are figures of their own.
        let levers = rows("levers")
        // Reactivation of C (K3, K5, K4) after 20 days: K3 (30 days) and K5 (59) are eligible.
        #expect(levers[2]["eligible"] as? Int == 2 && levers[2]["kind"] as? String == "reactivation")
        #expect(levers[3]["dropped"] is Int && levers[3]["adopters"] is NSNull)
    }
}

/// A small JSON Schema check (type, const, properties, required, additionalProperties,
/// items, anyOf, local $ref): what docs/json-schema.json uses.
struct SchemaCheck {
    let root: [String: Any]

    func resolve(_ ref: String) -> [String: Any]? {
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    func problems(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { return ["\(path): no \(ref) in the schema"] }
            return problems(value, against: target, at: path)
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            let all = options.map { problems(value, against: $0, at: path) }
            return all.contains { $0.isEmpty } ? [] : ["\(path): matches none of anyOf: " + all.map { $0.first ?? "" }.joined(separator: "; ")]
        }
        var found: [String] = []
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }), !types.contains(where: { Self.is(value, $0) }) {
            return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
        }
        if let constant = schema["const"], "\(constant)" != "\(value)" { found.append("\(path): \(value) is not \(constant)") }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): no key '\(key)'") }
            for (key, item) in object {
                if let property = properties[key] {
                    found += problems(item, against: property, at: path + "." + key)
                } else if let other = schema["additionalProperties"] as? [String: Any] {
                    found += problems(item, against: other, at: path + "." + key)
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): key '\(key)' is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(i)]") }
        }
        return found
    }

    static func `is`(_ value: Any, _ type: String) -> Bool {
        // Foundation gives JSON's true and false as a boolean NSNumber, numbers as NSNumber.
        let boolean = String(describing: Swift.type(of: value)).contains("Boolean")
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "boolean": return boolean
        case "number": return value is NSNumber && !boolean
        case "integer": return value is NSNumber && !boolean && !"\(value)".contains(where: { $0 == "." || $0 == "e" })
        default: return false
        }
    }
}
