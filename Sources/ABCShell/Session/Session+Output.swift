import ABCCore

extension Session {
    /// Prints a command's blocks in the current format: on the screen, or where `output` and
    /// `once` send them (written only now, after the command succeeded). The notes stream
    /// (csv's text and other tables, timer lines) always stays on the screen.
    func emit(_ blocks: [Block], command: String, context: CommandContext) throws(RequestError) {
        let renderer = BlockRenderer(format: format, width: environment.terminalWidth)
        let screen = context.output
        if OutputRedirect.ownCommands.contains(command) {
            return renderer.emit(blocks, command: command, to: screen)
        }
        if let once = outputRedirect.once {
            outputRedirect.once = nil
            let captured = render(blocks, command: command, renderer: renderer, screen: screen)
            let existed = fileSystem.fileExists(once.path)
            try fileSystem.write(Array(captured.utf8), to: once.path, replace: once.force)
            if !existed { noteCreated(once.path) }
            return
        }
        switch outputRedirect.target {
        case nil:
            renderer.emit(blocks, command: command, to: screen)
        case .file(let path, var written):
            let text = render(blocks, command: command, renderer: renderer, screen: screen)
            guard !text.isEmpty else { return }
            written += Array(text.utf8)
            try fileSystem.write(written, to: path, replace: true)
            outputRedirect.target = .file(path: path, written: written)
        case .folder(let path, var number):
            var files: [(name: String, text: String)] = []
            if format == .csv && outputRedirect.csvAll {
                for case .text(let text) in blocks where !text.isEmpty { screen.note(text.hasSuffix("\n") ? text : text + "\n") }
                for set in BlockRenderer.tables(blocks).flatMap(\.recordSets) {
                    files.append((set.name, TableRenderer.csv(set)))
                }
            } else {
                let text = render(blocks, command: command, renderer: renderer, screen: screen)
                if !text.isEmpty { files.append(("", text)) }
            }
            guard !files.isEmpty else { return }
            number += 1
            // A command writing two tables of one name (compare --all-pairs) gets them in one file.
            var seen: [String: Int] = [:]
            var merged: [(name: String, text: String)] = []
            for file in files {
                if let i = seen[file.name] {
                    merged[i].text += file.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().joined()
                } else {
                    seen[file.name] = merged.count
                    merged.append(file)
                }
            }
            for file in merged {
                let name = OutputRedirect.fileName(
                    number: number, command: command, table: file.name.isEmpty ? nil : file.name, format: format)
                try fileSystem.write(Array(file.text.utf8), to: path + "/" + name, replace: false)
                noteCreated(path + "/" + name)
            }
            outputRedirect.target = .folder(path: path, written: number)
        }
    }

    /// The command's data stream as text; its notes go to the screen.
    private func render(_ blocks: [Block], command: String, renderer: BlockRenderer, screen: OutputSink) -> String {
        let captured = CapturedOutput()
        renderer.emit(blocks, command: command, to: captured)
        if !captured.notes.isEmpty { screen.note(captured.notes) }
        return captured.text
    }
}
