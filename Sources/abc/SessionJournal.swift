import ABCShell
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell's journal: without a workspace, the data and scenarios are written
/// after every change to `$XDG_STATE_HOME/abc/session-PID.abc` (else `~/.local/state/abc/`),
/// mode 0600, and removed when the shell is left on purpose. A journal whose process is gone
/// is a session that crashed (or was killed): the next interactive start offers to restore it
/// (docs/scripts.md#restoring-a-session). One file per process, so two shells never write the
/// same one.
///
/// It holds, on its first line, the data files and their `FileStamp` (so a restore can say
/// when they changed since), then the state script (`Session.stateScript`: a load and
/// scenario commands, no credentials).
struct SessionJournal {
    let folder: String
    let path: String

    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        folder = base + "/abc"
        path = folder + "/session-\(getpid()).abc"
    }

    static let fingerprintPrefix = "# data files: "

    /// Writes the session's state: a temporary file (0600, exclusive) renamed over the journal.
    func write(_ session: Session) throws {
        try makeFolder()
        let files = session.dataFiles
        let stamp = FileStamp.of(files)?.stamp ?? "-"
        let text = Self.fingerprintPrefix + ([stamp] + files).joined(separator: "\t") + "\n" + session.stateScript
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError(path: temporary) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw JournalError(path: path)
        }
    }

    /// Removes this process's journal (the shell was left on purpose).
    func remove() { unlink(path) }

    /// A journal of a process that is no longer running, newest first: what a crash left.
    func orphan() -> Orphan? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var found: [Orphan] = []
        for name in names where name.hasPrefix("session-") && name.hasSuffix(".abc") {
            let digits = name.dropFirst("session-".count).dropLast(".abc".count)
            guard let pid = Int32(digits), pid != getpid(), !TemporaryFiles.isRunning(pid) else { continue }
            let file = folder + "/" + name
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  let date = attributes[.modificationDate] as? Date else { continue }
            found.append(Orphan(path: file, text: text, date: date))
        }
        return found.max { $0.date < $1.date }
    }

    struct Orphan {
        let path: String
        let text: String
        let date: Date

        /// The state script, without the fingerprint line.
        var script: String {
            text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
        }

        /// The data files, when they changed since the journal was written (or are gone).
        var changedFiles: [String] {
            guard let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix(SessionJournal.fingerprintPrefix) else { return [] }
            let fields = first.dropFirst(SessionJournal.fingerprintPrefix.count).split(separator: "\t").map(String.init)
            guard let recorded = fields.first else { return [] }
            let files = Array(fields.dropFirst())
            return files.isEmpty || FileStamp.of(files)?.stamp == recorded ? [] : files
        }

        /// `3 scenarios, data sales.csv`.
        var summary: String {
            let lines = script.split(separator: "\n")
            let scenarios = 1 + lines.filter { $0.hasPrefix("scenario new ") }.count
            let load = lines.first { $0.hasPrefix("load ") }.map { " (\($0))" } ?? ""
            return "\(scenarios) scenario\(scenarios == 1 ? "" : "s")\(load)"
        }
    }

    private func makeFolder() throws {
        var st = stat()
        if stat(folder, &st) == 0 { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    struct JournalError: Error, CustomStringConvertible {
        let path: String
        let message = String(cString: strerror(errno))
        var description: String { "cannot write the session journal '\(path)': \(message)" }
    }
}
