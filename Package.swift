// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "abc",
    // Linux is where abc is built and tested; on macOS the core needs Int128 (macOS 15).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "abc", targets: ["abc"]),
        .library(name: "ABCCore", targets: ["ABCCore"]),
        .library(name: "ABCShell", targets: ["ABCShell"]),
        .library(name: "ABCWorkspace", targets: ["ABCWorkspace"]),
        .library(name: "ABCTerminal", targets: ["ABCTerminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, wrapped as system-library targets.
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // Small C helpers Swift cannot express: a prefetch hint, glibc malloc tuning, the
        // registry of live temporary files a signal handler removes.
        .target(name: "CSupport"),

        // The pure core: loading, metrics, segmentation, simulation, comparison, monitoring.
        // Never prints, never writes, no network; reads data files only. What writes files (the
        // SQLite workspace) and what talks to servers (PostgreSQL) get targets of their own
        // beside it (ABCWorkspace, ABCWarehouse; see docs/architecture.md).
        .target(
            name: "ABCCore",
            dependencies: ["CZlib", "CSupport"],
            resources: [.copy("Resources/sample.csv.gz")],
            // The loader's per-row state lives in classes, whose every access would otherwise
            // be checked at run time (~5% of a load, measured with perf); debug builds and the
            // tests keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),

        // The workspace: one SQLite file of segmentation snapshots and scenarios, on the
        // system SQLite (a system-library target builds in seconds; GRDB would add minutes to
        // every clean build). Stores and reads; never prints.
        .target(
            name: "ABCWorkspace",
            dependencies: ["ABCCore", "CSQLite", "CZlib"]),

        // Warehouses: the per-customer aggregation sent to PostgreSQL through libpq (a
        // system library builds in seconds; postgres-nio would add minutes to every clean
        // build), and the same SQL for other engines (`show sql`). Reads; never prints.
        .target(
            name: "ABCWarehouse",
            dependencies: ["ABCCore", "CLibPQ"]),

        // The shell: command language (one type per command), session, rendering (with the
        // xlsx exports on libxlsxwriter), the file-system port. Never touches the terminal.
        .target(
            name: "ABCShell",
            dependencies: ["ABCCore", "ABCWorkspace", "ABCWarehouse", "CXlsxWriter", "CSupport"]),

        // The terminal edge: line editing on libedit.
        .target(
            name: "ABCTerminal",
            dependencies: ["CEditLine"]),

        // The thin executable.
        .executableTarget(
            name: "abc",
            dependencies: [
                "ABCShell", "ABCTerminal", "CSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzzing (issue 14): the harnesses' entry points, and an executable per harness. `make
        // fuzz` builds the executables with libFuzzer (-sanitize=fuzzer -DABC_FUZZ; CLibFuzzer
        // declares its driver); the normal build's replay the files given as arguments.
        // FuzzCorpusTests replays the committed corpus and crashes (Tests/Fuzz) the same way.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "ABCFuzzHarness", dependencies: ["ABCShell", "ABCCore", "CLibFuzzer"]),
        .executableTarget(name: "abc-fuzz-loader", dependencies: ["ABCFuzzHarness"], path: "Sources/FuzzLoader"),
        .executableTarget(name: "abc-fuzz-commands", dependencies: ["ABCFuzzHarness"], path: "Sources/FuzzCommands"),

        .testTarget(name: "ABCCoreTests", dependencies: ["ABCCore"]),
        .testTarget(name: "ABCWorkspaceTests", dependencies: ["ABCWorkspace", "ABCCore"]),
        .testTarget(name: "ABCWarehouseTests", dependencies: ["ABCWarehouse", "ABCCore"]),
        .testTarget(name: "ABCShellTests", dependencies: ["ABCShell", "ABCCore", "ABCWorkspace"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ABCShell", "ABCWorkspace"]),
        .testTarget(name: "FuzzCorpusTests", dependencies: ["ABCFuzzHarness"]),
    ]
)
