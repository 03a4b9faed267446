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
    private var gzip: GzipReader?
    /// Bytes read to recognise the data, not yet handed out (a stream cannot be sought back).
    private var pending: [UInt8] = []
    /// A regular file (not a pipe, FIFO or device): its size is known and it can be read at
    /// any offset.
    private var isRegular = true
    /// The data, when it was given as bytes rather than a path.
    private let memory: [UInt8]?
    /// The path, or the name bytes were given under (for messages).
    let path: String
    /// Size of the file on disk (compressed size for `.gz`; 0 for a stream), for progress.
    let fileSize: Int
    private(set) var bytesConsumed = 0

    /// Whether parts of the data can be read independently (not compressed).
    var isSeekable: Bool { gzip == nil && isRegular }
    var isCompressed: Bool { gzip != nil }

    /// Plain (uncompressed) bytes, named `name` in messages. Gzip-compressed bytes are
    /// refused: gzip is read here only from a file or stream.
    init(bytes: [UInt8], name: String) throws(DataError) {
        if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
            throw DataError("'\(name)' is gzip-compressed: bytes in memory must be plain text; load it from a file")
        }
        path = name
        memory = bytes
        fileSize = bytes.count
    }

    /// The file at `path`: a regular file, or a pipe, FIFO, `/dev/stdin`, `/dev/fd/N` or other
    /// stream, read once from the start without seeking (the bytes read to recognise gzip are
    /// kept and consumed first).
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
        isRegular = (st.st_mode & S_IFMT) == S_IFREG
        fileSize = isRegular ? Int(st.st_size) : 0
        let handle = open(path, O_RDONLY)
        guard handle >= 0 else {
            throw DataError("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        fd = handle
        // The first two bytes say whether it is gzip: read, never sought back.
        var magic = [UInt8](repeating: 0, count: 2)
        var got = 0
        while got < 2 {
            let n = magic.withUnsafeMutableBytes { readFile(handle, $0.baseAddress.map { $0 + got }, 2 - got) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(handle)
                fd = -1
                throw DataError("cannot read '\(path)': \(reason)")
            }
            if n == 0 { break }
            got += n
        }
        magic.removeSubrange(got...)
        if magic == [0x1f, 0x8b] {
            gzip = try GzipReader(fd: handle, name: path, prefix: magic)
        } else {
            pending = magic
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Fills up to `count` bytes at `buffer` from the current position; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DataError) -> Int {
        if memory != nil {
            let n = copyMemory(into: buffer, count: count, at: bytesConsumed)
            bytesConsumed += n
            return n
        }
        if let gzip {
            let n = try gzip.read(into: buffer, count: count)
            bytesConsumed = gzip.compressedConsumed
            return n
        }
        var total = 0
        if !pending.isEmpty && count > 0 {
            let n = min(count, pending.count)
            pending.withUnsafeBufferPointer { if let base = $0.baseAddress { buffer.update(from: base, count: n) } }
            pending.removeFirst(n)
            total = n
        }
        while total < count {
            let n = readFile(fd, buffer + total, count - total)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        bytesConsumed += total
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
