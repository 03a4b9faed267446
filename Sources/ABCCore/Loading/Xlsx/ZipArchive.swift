import CZlib

/// The entries of a zip archive held in memory, and their bytes (stored or deflated).
///
/// Hand-written on the zlib the loader already links, rather than a zip package: a workbook
/// needs only the reading half of zip (the central directory, then one inflate per part),
/// which is ~150 lines here against a dependency and its build time (ZIPFoundation 0.9.20
/// alone took 18 s to build clean in debug and 14 s in release on the 2-core machine, measured;
/// this file compiles with the rest of the loader, and zlib inflates faster than any Swift port).
/// ZIP64 archives (parts over 4 GB) and encrypted entries are refused with a message.
struct ZipArchive {
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    /// Why the bytes are not a readable archive: said in a sentence by the caller.
    enum Failure: Error, Equatable {
        /// No end-of-central-directory record: cut short, or not a zip at all.
        case truncated
        case corrupt(String)
        case unsupported(String)
    }

    private let bytes: [UInt8]
    private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]

    init(bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        guard let end = Self.endOfCentralDirectory(bytes) else { throw .truncated }
        let count = Int(Self.u16(bytes, end + 10))
        let directorySize = Int(Self.u32(bytes, end + 12))
        let directoryOffset = Int(Self.u32(bytes, end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF { throw .unsupported("a ZIP64 archive (over 4 GB)") }
        guard directoryOffset + directorySize <= end else { throw .truncated }
        var at = directoryOffset
        for _ in 0..<count {
            guard at + 46 <= end, Self.u32(bytes, at) == 0x0201_4b50 else {
                throw .corrupt("its table of contents is damaged")
            }
            let nameLength = Int(Self.u16(bytes, at + 28))
            let extraLength = Int(Self.u16(bytes, at + 30))
            let commentLength = Int(Self.u16(bytes, at + 32))
            guard at + 46 + nameLength <= end else { throw .corrupt("its table of contents is damaged") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                name: name, method: Self.u16(bytes, at + 10), flags: Self.u16(bytes, at + 8),
                crc: Self.u32(bytes, at + 16), compressedSize: Int(Self.u32(bytes, at + 20)),
                size: Int(Self.u32(bytes, at + 24)), localHeaderOffset: Int(Self.u32(bytes, at + 42)))
            byName[name] = entries.count
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    func contains(_ name: String) -> Bool { byName[name] != nil }

    /// The bytes of the entry called `name` (case-sensitive, as zip names are), or nil.
    func data(_ name: String) throws(Failure) -> [UInt8]? {
        guard let i = byName[name] else { return nil }
        let entry = entries[i]
        if entry.flags & 1 != 0 { throw .unsupported("encrypted (password-protected)") }
        if entry.size == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF {
            throw .unsupported("a ZIP64 archive (a part over 4 GB)")
        }
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, Self.u32(bytes, local) == 0x0403_4b50 else { throw .truncated }
        let start = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .truncated }
        let out: [UInt8]
        switch entry.method {
        case 0:
            out = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            out = try inflate(from: start, count: entry.compressedSize, size: entry.size)
        default:
            throw .unsupported("compressed with method \(entry.method) (only stored and deflated parts are read)")
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard out.count == entry.size, crc == entry.crc else { throw .corrupt("part '\(entry.name)' is damaged") }
        return out
    }

    /// Raw deflate (zip's method 8) of `count` bytes at `start`, expected to give `size` bytes.
    private func inflate(from start: Int, count: Int, size: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(size, 1))
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else { return Z_DATA_ERROR }
                stream.next_in = UnsafeMutablePointer(mutating: inputBase + start)
                stream.avail_in = UInt32(count)
                stream.next_out = outputBase
                stream.avail_out = UInt32(output.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw status == Z_BUF_ERROR ? .truncated : .corrupt("a compressed part is damaged")
        }
        if size == 0 { return [] }
        return out
    }

    /// Offset of the end-of-central-directory record (searched from the end: a comment may follow it).
    private static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while at >= lowest {
            if u32(bytes, at) == 0x0605_4b50 && at + 22 + Int(u16(bytes, at + 20)) == bytes.count { return at }
            at -= 1
        }
        return nil
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 {
        guard at + 2 <= b.count else { return 0 }
        return UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        guard at + 4 <= b.count else { return 0 }
        return UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
