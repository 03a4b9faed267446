/// An Excel workbook (`.xlsx`, Office Open XML): its sheets in tab order, its date system,
/// which cell styles show dates, and its shared strings, read from the zip in memory.
///
/// The sheets themselves are read row by row by `XlsxSheetReader`.
struct XlsxWorkbook {
    struct Sheet {
        let name: String
        /// The zip entry holding the sheet's XML (`xl/worksheets/sheet1.xml`).
        let part: String
        /// A chart sheet, a dialog or a macro sheet: no cells to read.
        let isWorksheet: Bool
    }

    /// The name messages call the file.
    let name: String
    private let archive: ZipArchive
    let sheets: [Sheet]
    /// Dates count from 1904-01-01 (old Mac Excel) rather than from 1900.
    let uses1904: Bool
    /// For each cell style (`s="3"`), whether its number format shows a date.
    let dateStyles: [Bool]
    let sharedStrings: SharedStrings

    /// The workbook in `bytes`, a zip archive; an archive that is not a workbook is an error
    /// saying what it is.
    init(bytes: [UInt8], name: String) throws(DataError) {
        self.name = name
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes)
        } catch {
            throw Self.error(error, name: name)
        }
        self.archive = archive
        do {
            guard let workbookPart = try Self.mainPart(of: archive) else {
                throw DataError(Self.notAWorkbook(archive, name: name))
            }
            let relations = try Self.relationships(of: workbookPart, in: archive)
            guard let workbook = try archive.data(workbookPart) else {
                throw DataError("'\(name)' is damaged: its workbook part '\(workbookPart)' is missing; open and save it again in Excel")
            }
            var sheets: [Sheet] = []
            var uses1904 = false
            workbook.withUnsafeBufferPointer { buffer in
                var xml = XMLCursor(buffer)
                while let tag = xml.nextTag() {
                    guard !tag.isClosing else { continue }
                    if xml.matches(tag.name, "workbookPr"), let v = xml.attribute("date1904", of: tag) {
                        uses1904 = xml.matches(v, "1") || xml.matches(v, "true")
                    } else if xml.matches(tag.name, "sheet") {
                        let sheetName = xml.attribute("name", of: tag).map { xml.string($0) } ?? "Sheet\(sheets.count + 1)"
                        let id = xml.attribute("id", of: tag).map { xml.string($0) } ?? ""
                        let relation = relations[id]
                        sheets.append(Sheet(
                            name: sheetName, part: relation?.target ?? "",
                            isWorksheet: relation?.type.hasSuffix("/worksheet") ?? false))
                    }
                }
            }
            guard !sheets.isEmpty else { throw DataError("'\(name)' is an Excel workbook without sheets") }
            self.sheets = sheets
            self.uses1904 = uses1904
            let styles = relations.values.first { $0.type.hasSuffix("/styles") }?.target ?? "xl/styles.xml"
            dateStyles = try archive.data(styles).map(Self.dateStyles) ?? []
            let strings = relations.values.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? "xl/sharedStrings.xml"
            sharedStrings = try archive.data(strings).map(SharedStrings.init) ?? SharedStrings()
        } catch let error as ZipArchive.Failure {
            throw Self.error(error, name: name)
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError("cannot read '\(name)': \(error)")
        }
    }

    /// The sheet called `name` (exactly, else ignoring case), or the first sheet when nil.
    func sheet(named wanted: String?) throws(DataError) -> (sheet: Sheet, index: Int) {
        let list = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        let index: Int
        if let wanted {
            guard let i = sheets.firstIndex(where: { $0.name == wanted })
                ?? sheets.firstIndex(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw DataError("no sheet '\(wanted)' in '\(name)'; its sheets are: \(list)", option: "sheet")
            }
            index = i
        } else {
            index = 0
        }
        let sheet = sheets[index]
        guard sheet.isWorksheet, archive.contains(sheet.part) else {
            let hint = wanted == nil ? "; name a sheet of cells with --sheet NAME (its sheets are: \(list))" : ""
            throw DataError("sheet '\(sheet.name)' of '\(name)' is not a sheet of cells (a chart or a macro sheet)\(hint)")
        }
        return (sheet, index)
    }

    /// The XML of `sheet`.
    func xml(of sheet: Sheet) throws(DataError) -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try archive.data(sheet.part)
        } catch {
            throw Self.error(error, name: name)
        }
        guard let bytes else { throw DataError("'\(name)' is damaged: sheet '\(sheet.name)' is missing") }
        return bytes
    }

    /// The strings the cells of type `s` number, decoded, in one arena.
    struct SharedStrings {
        var bytes: [UInt8] = []
        /// String i is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
        var ends: [Int] = []
        /// Whether string i holds a comma, a quote or a line break (quoted when written as CSV).
        var needsQuotes: [Bool] = []

        var count: Int { ends.count }

        init() {}

        init(xml: [UInt8]) {
            xml.withUnsafeBufferPointer { buffer in
                var cursor = XMLCursor(buffer)
                var inString = false
                var phonetic = 0
                var start = 0
                while let tag = cursor.nextTag() {
                    if cursor.matches(tag.name, "si") {
                        if tag.isClosing || tag.isSelfClosing {
                            if !tag.isClosing { start = bytes.count }
                            finish(from: start)
                            inString = false
                        } else {
                            inString = true
                            start = bytes.count
                        }
                    } else if cursor.matches(tag.name, "rPh") {
                        // Phonetic runs (furigana) are not part of the text.
                        if !tag.isSelfClosing { phonetic += tag.isClosing ? -1 : 1 }
                    } else if cursor.matches(tag.name, "t"), inString, phonetic == 0, !tag.isClosing, !tag.isSelfClosing {
                        let text = cursor.textToNextTag()
                        cursor.appendDecoded(text, to: &bytes, excelEscapes: true)
                    }
                }
            }
        }

        private mutating func finish(from start: Int) {
            var quotes = false
            for k in start..<bytes.count {
                let b = bytes[k]
                if b == 0x2c || b == 0x22 || b == 0x0a || b == 0x0d { quotes = true; break }
            }
            ends.append(bytes.count)
            needsQuotes.append(quotes)
        }

        func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }
    }

    // MARK: - Parts

    private struct Relationship {
        var type: String
        var target: String
    }

    /// The workbook's part (`xl/workbook.xml`), from the package's relationships; nil when the
    /// archive is not a spreadsheet.
    private static func mainPart(of archive: ZipArchive) throws(ZipArchive.Failure) -> String? {
        if let rels = try archive.data("_rels/.rels") {
            let relations = parseRelationships(rels, base: "")
            if let main = relations.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                return archive.contains(main.target) && main.target.hasSuffix(".xml")
                    && !isOtherOffice(main.target) ? main.target : nil
            }
        }
        return archive.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil
    }

    private static func isOtherOffice(_ part: String) -> Bool {
        part.hasPrefix("word/") || part.hasPrefix("ppt/")
    }

    /// Relationship id → type and target (a zip entry path) of `part`.
    private static func relationships(
        of part: String, in archive: ZipArchive
    ) throws(ZipArchive.Failure) -> [String: Relationship] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? part
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let rels = try archive.data(relsPath) else { return [:] }
        return parseRelationships(rels, base: folder)
    }

    private static func parseRelationships(_ bytes: [UInt8], base: String) -> [String: Relationship] {
        var out: [String: Relationship] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var xml = XMLCursor(buffer)
            while let tag = xml.nextTag() {
                guard xml.matches(tag.name, "Relationship"), !tag.isClosing,
                      let id = xml.attribute("Id", of: tag), let target = xml.attribute("Target", of: tag) else { continue }
                if let mode = xml.attribute("TargetMode", of: tag), xml.matches(mode, "External") { continue }
                let type = xml.attribute("Type", of: tag).map { xml.string($0) } ?? ""
                out[xml.string(id)] = Relationship(type: type, target: resolve(xml.string(target), from: base))
            }
        }
        return out
    }

    /// A relationship target as a zip entry path: absolute (`/xl/…`) or relative to `base`.
    private static func resolve(_ target: String, from base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// Whether each style of `cellXfs` shows a date: built-in date formats, or a custom format
    /// whose code has day or year letters outside quotes, brackets and escapes.
    private static func dateStyles(_ bytes: [UInt8]) -> [Bool] {
        var customDates: Set<Int> = []
        var styles: [Bool] = []
        bytes.withUnsafeBufferPointer { buffer in
            var xml = XMLCursor(buffer)
            var inCellXfs = false
            while let tag = xml.nextTag() {
                if xml.matches(tag.name, "numFmt"), !tag.isClosing,
                   let id = xml.attribute("numFmtId", of: tag).flatMap({ Int(xml.string($0)) }),
                   let code = xml.attribute("formatCode", of: tag) {
                    if isDateFormat(xml.string(code)) { customDates.insert(id) }
                } else if xml.matches(tag.name, "cellXfs") {
                    inCellXfs = !tag.isClosing && !tag.isSelfClosing
                } else if inCellXfs, xml.matches(tag.name, "xf"), !tag.isClosing {
                    let id = xml.attribute("numFmtId", of: tag).flatMap { Int(xml.string($0)) } ?? 0
                    styles.append(builtInDateFormats.contains(id) || customDates.contains(id))
                }
            }
        }
        return styles
    }

    /// Excel's built-in number formats that show a date (14–17 `m/d/yyyy` and kin, 22 with a
    /// time, 27–31 and 34–36, 50–58 East Asian dates); 18–21, 32–33 and 45–47 are times only.
    static let builtInDateFormats: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36,
                                               50, 51, 52, 53, 54, 55, 56, 57, 58]

    /// Whether a custom format code shows a date (has `d` or `y` outside `"…"`, `[…]`, `\x`,
    /// `_x` and `*x`); `h:mm` and `[h]:mm:ss` are times, `0.00` numbers.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false, skipNext = false
        for c in code.lowercased() {
            if skipNext { skipNext = false; continue }
            if inQuotes { if c == "\"" { inQuotes = false }; continue }
            if inBrackets { if c == "]" { inBrackets = false }; continue }
            switch c {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": skipNext = true
            case "d", "y": return true
            default: break
            }
        }
        return false
    }

    // MARK: - Messages

    /// What an archive that holds no workbook is, and what to do.
    private static func notAWorkbook(_ archive: ZipArchive, name: String) -> String {
        if archive.contains("xl/workbook.bin") {
            return "'\(name)' is an Excel binary workbook (.xlsb), which abc cannot read: save it as .xlsx or CSV in Excel and load that"
        }
        if archive.contains("word/document.xml") {
            return "'\(name)' is a Word document, not a workbook: save the table as .xlsx or CSV and load that"
        }
        if archive.contains("ppt/presentation.xml") {
            return "'\(name)' is a PowerPoint presentation, not a workbook: save the table as .xlsx or CSV and load that"
        }
        if archive.contains("content.xml") && archive.contains("mimetype") {
            return "'\(name)' is an OpenDocument file (.ods/.odt), not an Excel workbook: save it as .xlsx or CSV and load that"
        }
        return "'\(name)' is a zip archive, not an Excel workbook: unzip it and load the data file inside"
    }

    private static func error(_ failure: ZipArchive.Failure, name: String) -> DataError {
        switch failure {
        case .truncated:
            return DataError("'\(name)' is a zip archive or an Excel workbook that ends early (a truncated or partly copied file): copy or download it again")
        case .corrupt(let what):
            return DataError("'\(name)' is a damaged Excel workbook or zip archive (\(what)): open and save it again in Excel")
        case .unsupported(let what):
            return DataError("'\(name)' is an Excel workbook or zip archive that cannot be read here: it is \(what); save it again in Excel as .xlsx or CSV")
        }
    }
}
