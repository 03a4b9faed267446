import Foundation
import Testing

/// Safe replay: a script from someone else reads and writes only inside its own folder. Each
/// hostile script runs with a temporary HOME, and nothing outside the script's folder changes.
@Suite("Safe replay")
struct SafeReplayTests {
    static let data = "customer_id,date,amount,cost\nK1,2024-01-05,100.00,60.00\nK2,2024-02-10,50.00,40.00\nK3,2024-03-02,5.00,1.00\n"

    /// A temporary world: `home/` (dotfiles), `outside/` (a file a script must not touch), and
    /// the script's folder `w/`, holding data and a symbolic link to `outside/`.
    struct World {
        let root: URL
        var home: URL { root.appendingPathComponent("home") }
        var outside: URL { root.appendingPathComponent("outside") }
        var folder: URL { root.appendingPathComponent("w") }

        init() throws {
            root = try AbcProcess.temporaryFolder()
            let fm = FileManager.default
            for sub in ["home", "outside", "w", "w/sub"] {
                try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try "export PS1='$ '\n".write(to: home.appendingPathComponent(".bashrc"), atomically: true, encoding: .utf8)
            try "keep me\n".write(to: outside.appendingPathComponent("victim.csv"), atomically: true, encoding: .utf8)
            try "load sample\n".write(to: outside.appendingPathComponent("other.abc"), atomically: true, encoding: .utf8)
            try SafeReplayTests.data.write(to: folder.appendingPathComponent("q3.csv"), atomically: true, encoding: .utf8)
            try fm.createSymbolicLink(at: folder.appendingPathComponent("link"), withDestinationURL: outside)
        }

        /// Every file and link under the root but outside the script's folder, with its bytes.
        func outsideSnapshot() throws -> [String: Data] {
            var snapshot: [String: Data] = [:]
            let fm = FileManager.default
            guard let walker = fm.enumerator(atPath: root.path) else { return [:] }
            for case let path as String in walker where !path.hasPrefix("w/") && path != "w" {
                let full = root.appendingPathComponent(path).path
                snapshot[path] = fm.contents(atPath: full) ?? Data("<folder>".utf8)
            }
            return snapshot
        }

        func run(_ script: String, arguments: [String] = [], name: String = "w.abc") throws -> AbcProcess.Result {
            try script.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return try AbcProcess.run(["run", name] + arguments, directory: folder, environment: ["HOME": home.path])
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// One hostile line each, after a load and a segmentation; the error names the path and the
    /// flag that allows it.
    @Test(arguments: [
        ("export segments ~/.bashrc --force", "may not write '<home>/.bashrc'", "--allow-write DIR"),
        ("export segments ../outside/victim.csv --force", "may not write '<root>/outside/victim.csv'", "--allow-write DIR"),
        ("export segments ../outside/new.csv", "may not write '<root>/outside/new.csv'", "--allow-write DIR"),
        ("export segments link/victim.csv --force", "may not write '<root>/outside/victim.csv'", "--allow-write DIR"),
        ("export segments link/new.csv", "may not write '<root>/outside/new.csv'", "--allow-write DIR"),
        ("export segments <root>/outside/new.csv", "may not write '<root>/outside/new.csv'", "--allow-write DIR"),
        ("export chart <root>/outside/chart.svg", "may not write '<root>/outside/chart.svg'", "--allow-write DIR"),
        ("export report ../outside/report.html", "may not write '<root>/outside/report.html'", "--allow-write DIR"),
        ("export segments .hidden.csv", "may not write '<root>/w/.hidden.csv'", "no flag allows a hidden file from a script: type the command at the prompt"),
        ("export segments .git/x.csv", "may not write '<root>/w/.git/x.csv'", "abc run --allow-write DIR allows it, DIR the folder whose name starts with '.'"),
        ("run /etc/passwd", "may not read '/etc/passwd'", "--allow-read DIR"),
        ("run ../outside/other.abc", "may not read '<root>/outside/other.abc'", "--allow-read DIR"),
        ("load ../outside/victim.csv", "may not read '<root>/outside/victim.csv'", "--allow-read DIR"),
        ("load link/victim.csv", "may not read '<root>/outside/victim.csv'", "--allow-read DIR"),
        ("output ../outside/victim.csv --force", "may not write '<root>/outside/victim.csv'", "--allow-write DIR"),
        ("output link", "may not write '<root>/outside'", "--allow-write DIR"),
        ("once ~/.profile", "may not write '<home>/.profile'", "--allow-write DIR"),
        ("save ../outside/victim.csv --force", "may not write '<root>/outside/victim.csv'", "--allow-write DIR"),
        ("save ~/w.abc", "may not write '<home>/w.abc'", "--allow-write DIR"),
        ("save w.abc --force", "--force replaces only files this run created", "--allow-write DIR"),
    ])
    func aHostileScriptChangesNothingOutsideItsFolder(line: String, refusal: String, flag: String) throws {
        let world = try World()
        defer { world.remove() }
        let root = world.root.resolvingSymlinksInPath().path
        let expand = { (text: String) in
            text.replacingOccurrences(of: "<root>", with: root).replacingOccurrences(of: "<home>", with: root + "/home")
        }
        let before = try world.outsideSnapshot()
        let result = try world.run("load sample\nsegment\n\(expand(line))\nsegment\n")
        #expect(result.status == 1)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("w.abc:3:"), "\(result.stderr)")
        #expect(first.contains(expand(refusal)), "\(result.stderr)")
        #expect(first.contains(flag.hasPrefix("--") ? "(abc run \(flag) allows it)" : "(\(flag))"), "\(result.stderr)")
        #expect(!result.stderr.contains("root:"), "a refusal echoes nothing of the file")
        #expect(try world.outsideSnapshot() == before)
    }

    /// The example of the issue, byte for byte.
    @Test func theRefusalIsOneLineNamingThePathAndTheFlag() throws {
        let world = try World()
        defer { world.remove() }
        let root = world.root.resolvingSymlinksInPath().path
        let result = try world.run("load sample\nsegment\nexport segments ~/.bashrc --force\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "w.abc:3:17: error: 'export segments' may not write '\(root)/home/.bashrc' from a script: it is outside "
                + "the script's folder \(root)/w (abc run --allow-write DIR allows it)\n"))
        #expect(try String(contentsOf: world.home.appendingPathComponent(".bashrc"), encoding: .utf8) == "export PS1='$ '\n")
    }

    @Test func insideTheFolderAScriptWritesAndReplacesWhatItCreated() throws {
        let world = try World()
        defer { world.remove() }
        try "segment\nexport segments inner.csv\n".write(to: world.folder.appendingPathComponent("sub/inner.abc"), atomically: true, encoding: .utf8)
        let result = try world.run("""
            load q3.csv
            segment
            export segments out.csv
            export segments out.csv --force
            export segments sub/../out2.csv
            save saved.abc
            save saved.abc --force
            once sub/once.txt
            segment
            run sub/inner.abc
            """ + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["out.csv", "out2.csv", "saved.abc", "sub/once.txt", "sub/inner.csv"] {
            #expect(FileManager.default.fileExists(atPath: world.folder.appendingPathComponent(name).path), "\(name)")
        }
        // A second run did not create out.csv: its --force may not replace it.
        let again = try world.run("load q3.csv\nsegment\nexport segments out.csv --force\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force replaces only files this run created"), "\(again.stderr)")
    }

    @Test func theCommandLineWidensTheFence() throws {
        let world = try World()
        defer { world.remove() }
        let outside = world.outside.path
        let script = "load ../outside/victim.csv --customers\n"
        // Reading outside with --allow-read gets as far as the data (victim.csv is no data file).
        let read = try world.run(script, arguments: ["--allow-read", outside])
        #expect(!read.stderr.contains("may not read"), "\(read.stderr)")
        let written = try world.run("load sample\nsegment\nexport segments ../outside/victim.csv --force\n", arguments: ["--allow-write", outside])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try String(contentsOf: world.outside.appendingPathComponent("victim.csv"), encoding: .utf8).hasPrefix("customer_id"))
        // --data FILE on the command line is always readable.
        try Self.data.write(to: world.outside.appendingPathComponent("q4.csv"), atomically: true, encoding: .utf8)
        let data = try world.run("load q3.csv\nsegment\n", arguments: ["--data", "../outside/q4.csv"])
        #expect(data.status == 0, "\(data.stderr)")
    }

    @Test func safeAllowsNoWritesAndNoRunOutside() throws {
        let world = try World()
        defer { world.remove() }
        let write = try world.run("load sample\nsegment\nexport segments out.csv\n", arguments: ["--safe"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("abc run --safe allows no writes"), "\(write.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.folder.appendingPathComponent("out.csv").path))
        let run = try world.run("run ../outside/other.abc\n", arguments: ["--safe", "--allow-read", world.outside.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("abc run --safe runs no script outside it"), "\(run.stderr)")
        let both = try world.run("segment\n", arguments: ["--safe", "--allow-write", world.outside.path])
        #expect(both.status == 64)
    }

    /// Piped standard input is fenced to the working directory; `-c` is typed by the user and is not.
    @Test func pipedInputIsFencedAndCommandLineCommandsAreNot() throws {
        let world = try World()
        defer { world.remove() }
        let line = "load sample; segment; export segments ../outside/new.csv\n"
        let piped = try AbcProcess.run([], stdin: line, directory: world.folder, environment: ["HOME": world.home.path])
        #expect(piped.status == 1)
        #expect(piped.stderr.hasPrefix("<stdin>:1:39: error: 'export segments' may not write"), "\(piped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.outside.appendingPathComponent("new.csv").path))
        let typed = try AbcProcess.run(["-c", line], directory: world.folder, environment: ["HOME": world.home.path])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(FileManager.default.fileExists(atPath: world.outside.appendingPathComponent("new.csv").path))
    }

    /// A line that is not a command echoes at most 80 characters of itself.
    @Test func aLineThatIsNoCommandIsEchoedShort() throws {
        let world = try World()
        defer { world.remove() }
        let secret = "root:$6$" + String(repeating: "s3cr3tHash", count: 12) + "TAILMARK:19000:0:99999:7:::"
        let result = try world.run(secret + "\n")
        #expect(result.status == 1)
        #expect(!result.stderr.contains("TAILMARK"), "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.contains("unknown command") == true, "\(result.stderr)")
        #expect(lines.count == 3 && lines[1].count <= 2 + 80, "\(result.stderr)")
    }
}
