import Foundation

/// Size and modification time of data files: enough to tell that a file changed since a
/// session kept it, without reading it (the workspace's session row, the shell's journal).
public enum FileStamp {
    /// The files' total size and `stat SIZE:MTIME,…`; nil when one cannot be read (a
    /// pattern, a missing file), which never matches a recorded stamp.
    public static func of(_ files: [String]) -> (bytes: Int64, stamp: String)? {
        var bytes: Int64 = 0
        var parts: [String] = []
        for file in files {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  let size = attributes[.size] as? Int64, let date = attributes[.modificationDate] as? Date else { return nil }
            bytes += size
            parts.append("\(size):\(date.timeIntervalSince1970)")
        }
        return (bytes, "stat " + parts.joined(separator: ","))
    }
}
