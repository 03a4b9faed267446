import ABCCore
import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The atomic writer's temporary files: created exclusively under a name no one can guess
/// (`.NAME.abc-tmp-PID-XXXXXX`, mode 0600), registered so a signal handler removes them,
/// and, when a process died before it could (kill -9), removed by the next write to that
/// folder: the name carries the PID, and a PID no longer running leaves nothing to finish.
public enum TemporaryFiles {
    /// Installs the signal handler that removes live temporary files, and ignores SIGXFSZ so
    /// a write past the file size limit fails as an error. Called once by the executable.
    public static func installCleanup() {
        abc_temp_install_cleanup()
    }

    /// Removes every live temporary file (the process is about to exit).
    public static func removeAll() {
        abc_temp_remove_all()
    }

    static let marker = ".abc-tmp-"

    /// The template `mkstemp`/`mkdtemp` fill: in `folder`, for a file that becomes `target`.
    static func template(in folder: String, for target: String) -> [CChar] {
        let name = String(URL(fileURLWithPath: target).lastPathComponent.prefix(64))
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return Array((base + "/." + name + marker + "\(getpid())-XXXXXX").utf8CString)
    }

    static func path(of template: [CChar]) -> String {
        String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A new file for `target` in `folder`, open for writing: its path, descriptor and slot.
    static func create(in folder: String, for target: String) throws(RequestError) -> (path: String, fd: Int32, slot: Int32) {
        removeLeftovers(in: folder)
        var template = template(in: folder, for: target)
        // mkstemp: O_CREAT|O_EXCL (never an existing file or a symlink's target), mode 0600.
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw RequestError("cannot write '\(target)': \(String(cString: strerror(errno)))") }
        let path = path(of: template)
        return (path, fd, abc_temp_register(path, nil))
    }

    static func unregister(_ slot: Int32) {
        abc_temp_unregister(slot)
    }

    /// Whether process `pid` runs: it exists and is not a zombie (a killed process its parent
    /// has not reaped yet is gone for our purpose). Also how the shell's journal tells a
    /// crashed session.
    public static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// Removes what dead writers left in `folder`: `.NAME.abc-tmp-PID-XXXXXX` files and
    /// folders whose PID is no longer running.
    static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: marker, options: .backwards) else { continue }
            let rest = name[range.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0, pid != getpid(),
                  rest[rest.index(after: dash)...].count == 6 else { continue }
            guard !isRunning(pid) else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
