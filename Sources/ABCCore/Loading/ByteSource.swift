import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a data file in blocks, transparently decompressing gzip, or bytes already in memory.
///
/// Block reads rather than `mmap`: the pages of a mapped file count as resident memory, and
/// a 300 MB export would double the tool's footprint. Plain files (and bytes in memory) can
/// also be read at any offset (`pread`), so several workers can parse parts of one at once.
final class ByteSource: @unchecked Sendable {
    private var fd: Int32 = -1
    private var gz: gzFile?
    /// The data, when it was given as bytes rather than a path.
    private let memory: [UInt8]?
    /// The path, or the name bytes were given under (for messages).
    let path: String
    /// Size of the file on disk (compressed size for `.gz`), for progress.
    let fileSize: Int
    private(set) var bytesConsumed = 0

    /// Whether parts of the data can be read independently (not compressed).
    var isSeekable: Bool { gz == nil }

    /// Plain (uncompressed) bytes, named `name` in messages. Gzip-compressed bytes are
    /// refused: zlib reads gzip here only from a file.
    init(bytes: [UInt8], name: String) throws(DataError) {
        if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
            throw DataError("'\(name)' is gzip-compressed: bytes in memory must be plain text; load it from a file")
        }
        path = name
        memory = bytes
        fileSize = bytes.count
    }

    init(path: String) throws(DataError) {
        self.path = path
        memory = nil
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw DataError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw DataError("'\(path)' is a directory, not a data file")
        }
        fileSize = Int(st.st_size)
        let handle = open(path, O_RDONLY)
        guard handle >= 0 else {
            throw DataError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { readFile(handle, $0.baseAddress, 2) }
        lseek(handle, 0, SEEK_SET)
        if n == 2 && magic.0 == 0x1f && magic.1 == 0x8b {
            gz = gzdopen(handle, "rb")
            if gz == nil {
                close(handle)
                throw DataError("cannot read '\(path)' as gzip")
            }
            gzbuffer(gz, 1 << 18)
        } else {
            fd = handle
        }
    }

    deinit {
        if let gz { gzclose(gz) }
        if fd >= 0 { close(fd) }
    }

    /// Fills up to `count` bytes at `buffer` from the current position; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DataError) -> Int {
        if memory != nil {
            let n = copyMemory(into: buffer, count: count, at: bytesConsumed)
            bytesConsumed += n
            return n
        }
        var total = 0
        while total < count {
            let n: Int
            if let gz {
                n = Int(gzread(gz, buffer + total, UInt32(min(count - total, 1 << 30))))
                var code: Int32 = 0
                let message = gzerror(gz, &code)
                // A cut-off stream ends with Z_BUF_ERROR, not -1: never take it for the end.
                if n < 0 || (code != Z_OK && code != Z_STREAM_END) {
                    let text = code == Z_BUF_ERROR ? "the compressed data ends early (truncated file)"
                        : message.map { String(cString: $0) } ?? "corrupt data"
                    throw DataError("cannot decompress '\(path)': \(text)")
                }
            } else {
                n = readFile(fd, buffer + total, count - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))")
                }
            }
            if n == 0 { break }
            total += n
        }
        if let gz {
            bytesConsumed = Int(gzoffset(gz))
        } else {
            bytesConsumed += total
        }
        return total
    }

    /// Reads up to `count` bytes at `offset` (plain files only; safe from several threads).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws(DataError) -> Int {
        if memory != nil { return copyMemory(into: buffer, count: count, at: offset) }
        var total = 0
        while total < count {
            let n = pread(fd, buffer + total, count - total, off_t(offset + total))
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        return total
    }
}

extension ByteSource {
    /// Copies up to `count` bytes of `memory` from `offset`; 0 past the end.
    private func copyMemory(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) -> Int {
        guard let memory, offset < memory.count, count > 0 else { return 0 }
        let n = min(count, memory.count - offset)
        memory.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            buffer.update(from: base + offset, count: n)
        }
        return n
    }
}

/// `read(2)`, called by a name of its own: inside `ByteSource`, `read` is the method.
private func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
