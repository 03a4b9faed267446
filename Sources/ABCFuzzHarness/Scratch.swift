import Foundation

/// The harnesses' one real folder, for what the core reads from files only (gzip input, the
/// command harness's data): private to the process and removed when it exits. No input names
/// a file here; the commands' own writes go to memory.
final class Scratch: Sendable {
    /// Nil when the system's temporary folder cannot be written.
    static let shared: Scratch? = {
        let path = NSTemporaryDirectory() + "abc-fuzz-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        let scratch = Scratch(path: path)
        atexit { Scratch.shared.map { try? FileManager.default.removeItem(atPath: $0.path) } }
        return scratch
    }()

    let path: String

    private init(path: String) { self.path = path }

    /// Writes `bytes` as the file `name` here (replacing it); its path, or nil when it fails.
    func replace(_ name: String, with bytes: [UInt8]) -> String? {
        let file = path + "/" + name
        return FileManager.default.createFile(atPath: file, contents: Data(bytes)) ? file : nil
    }
}
