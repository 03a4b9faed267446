import Foundation
import Testing
@testable import ABCShell

/// Tests mirror `Commands/`: every command in the table has `<Group>/<Command>Tests.swift` here
/// (levers under `WhatIf/Levers/`, named for their kind).
@Suite("Command tests mirror the command table")
struct CommandTestsMirrorTests {
    @Test func everyCommandHasItsTestFile() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for command in CommandTable.commands {
            var name = String(describing: command)
            var folder = command.spec.group == .whatIf ? "WhatIf" : command.spec.group.rawValue
            // AddLeverCommand<UpliftLever> → WhatIf/Levers/UpliftLeverTests.swift
            if let open = name.firstIndex(of: "<") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                folder += "/Levers"
            }
            let file = root.appendingPathComponent("\(folder)/\(name)Tests.swift").path
            #expect(FileManager.default.fileExists(atPath: file), "\(command.spec.name): no \(folder)/\(name)Tests.swift")
        }
    }
}
