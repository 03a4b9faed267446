import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The memory this process may still take, asked before each load (docs/input.md#memory):
/// the least of the cgroup's limit less its use, the kernel's MemAvailable, and the address
/// space limit (`ulimit -v`) less the address space in use. nil when none can be read.
enum SystemMemory {
    static func available() -> Int? {
        [cgroupRoom(), memAvailable(), addressSpaceRoom()].compactMap { $0 }.min()
    }

    /// cgroup v2 (`memory.max` − `memory.current`) or v1 (`memory.limit_in_bytes` − usage).
    private static func cgroupRoom() -> Int? {
        let pairs = [("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                     ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes")]
        for (limitPath, usagePath) in pairs {
            guard let limitText = firstLine(limitPath) else { continue }
            // "max", or v1's huge number for no limit.
            guard let limit = Int(limitText), limit < (1 << 60) else { return nil }
            let usage = firstLine(usagePath).flatMap { Int($0) } ?? 0
            return max(0, limit - usage)
        }
        return nil
    }

    private static func memAvailable() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// RLIMIT_AS (no limit is RLIM_INFINITY, all bits set) less the process's virtual size (the first field of /proc/self/statm, in pages).
    private static func addressSpaceRoom() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        let pages = firstLine("/proc/self/statm")?.split(separator: " ").first.flatMap { Int($0) } ?? 0
        let used = pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        return max(0, Int(clamping: limit.rlim_cur) - used)
    }

    private static func firstLine(_ path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
