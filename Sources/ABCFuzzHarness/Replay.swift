import Foundation

/// Runs files through a harness, as libFuzzer replays a corpus: each argument is a file, or a
/// folder whose files (recursively, in name order) are run. The fuzz executables of the normal
/// build replay a crash or a corpus so (`FuzzDriver`), and the corpus tests find their inputs.
public enum Replay {
    /// The files `arguments` name, in order; an argument that is neither a file nor a folder
    /// is reported in `missing`.
    public static func files(in arguments: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = [], missing: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                missing.append(argument)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(argument)
                continue
            }
            let names = FileManager.default.subpaths(atPath: argument) ?? []
            for name in names.sorted() {
                let path = argument + "/" + name
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(path)
                }
            }
        }
        return (files, missing)
    }

    /// Runs every file of `arguments` through `harness`, printing each name before it runs
    /// (so a crash names its input); the exit status: 0, or 1 when an argument is missing.
    static func main(_ arguments: [String], harness: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        let (files, missing) = files(in: arguments)
        for path in missing {
            FileHandle.standardError.write(Data("no file or folder '\(path)'\n".utf8))
        }
        for path in files {
            print("running \(path)")
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read '\(path)'\n".utf8))
                return 1
            }
            data.withUnsafeBytes(harness)
        }
        print("ran \(files.count) input\(files.count == 1 ? "" : "s")")
        return missing.isEmpty ? 0 : 1
    }
}
