// swift-tools-version:6.2
// nhitop: one target per layer; a target imports only what lies below it.
// Events ← Rules ← Ingest, Activity, Response ← Dashboard ← TerminalBackend (the only curses user) ← nhitop
import PackageDescription

let package = Package(
    name: "nhitop",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nhitop", targets: ["nhitop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // The normalized event every source reduces to. No dependencies.
        .target(name: "Events"),
        // YAML config files (themes, mappings, risk): one-line errors naming the file and key.
        .target(name: "ConfigFiles", dependencies: ["Events", .product(name: "Yams", package: "Yams")]),
        // Detection rules (the built-in catalogue and Sigma) compiled to matchers over a raw record.
        .target(name: "Rules", dependencies: ["Events", .product(name: "Yams", package: "Yams")]),
        // Sources (files, stdin, demo, directories, .gz, globs), record shapes and log formats → Events.
        .target(name: "Ingest", dependencies: [
            "Events", "CZlib", "ConfigFiles", "Rules",
            .product(name: "Yams", package: "Yams"),  // mapping files only; the record path never touches it
        ]),
        // zlib through a system library and a small shim (see Sources/CZlib/shim.h): CloudTrail's .json.gz.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Per-identity aggregation and risk, driven by event time.
        .target(name: "Activity", dependencies: [
            "Events", "ConfigFiles",
            .product(name: "DequeModule", package: "swift-collections"),
            .product(name: "Yams", package: "Yams"),  // the risk config file only
        ]),
        // Headless output: `report` and `export` over sources read to their end.
        .target(name: "Reports", dependencies: ["Events", "Activity"]),
        // Revoke plans, hook argv, the ledger.
        .target(name: "Response", dependencies: [
            "Events", "ConfigFiles",
            .product(name: "Yams", package: "Yams"),            // hook config
            .product(name: "GRDB", package: "GRDB.swift"),      // the shared ledger
            .product(name: "Crypto", package: "swift-crypto"),  // the ledger's hash chain
            .product(name: "Subprocess", package: "swift-subprocess"),  // hooks as argv, with timeouts
        ]),
        // View model, panes, keymap, themes and the off-screen cell buffer. Pure: no curses.
        .target(name: "Dashboard", dependencies: [
            "Events", "Activity", "Response", "ConfigFiles",
            .product(name: "Yams", package: "Yams"),
        ]),
        // ncursesw through a system library and a small shim (see Sources/CNcursesw/shim.h).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The only module that talks to the terminal.
        .target(name: "TerminalBackend", dependencies: ["Dashboard", "CNcursesw"]),
        .executableTarget(name: "nhitop", dependencies: [
            "Events", "Ingest", "Rules", "Activity", "Reports", "Response", "Dashboard", "TerminalBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Memory per identity and over a day of replayed traffic: `bench/activity-memory.sh`.
        // Not a test: release build, seconds of work, numbers to read.
        .executableTarget(name: "activity-bench", dependencies: ["Activity", "Events"], path: "bench/ActivityBench"),

        .testTarget(name: "EventsTests", dependencies: ["Events"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Ingest", "Events"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Events", "CZlib"]),
        .testTarget(name: "ActivityTests", dependencies: ["Activity", "Events", "Ingest", "Rules"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Ingest", "Rules", "Activity", "Events", "Dashboard"]),
        .testTarget(name: "ResponseTests", dependencies: [
            "Response", "Events", "ConfigFiles",
            .product(name: "GRDB", package: "GRDB.swift"),  // raw SQL edits to prove the chain catches them
        ]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Activity", "Response", "Events", "Ingest", "Rules"],
                    exclude: ["__Snapshots__"]),  // goldens, read from the source tree
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "Dashboard"]),
        // Drives the built binary in tmux; depends on the executable so `swift test` builds it.
        .testTarget(name: "EndToEndTests", dependencies: ["nhitop"]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (Fuzz/; run by CI and `bench/fuzz/run.sh`, whose header says how). Declared only
// when NHITOP_FUZZ=1: they call libFuzzer's driver, so they link only with `-sanitize=fuzzer`, and
// the normal `swift build` / `swift test` must neither build nor link them.
// A built target also replays files given as arguments (libFuzzer does that), the crash reproducer.
//   NHITOP_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product fuzz-decoder \
//       -Xswiftc -sanitize=fuzzer,address
if Context.environment["NHITOP_FUZZ"] == "1" {
    // One shared harness: every target decodes through the public SourceDecoder, as a file would.
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["Ingest", "Rules", "Activity", "Events", "CLibFuzzer"],
                                   path: "Fuzz/FuzzSupport"))
    // libFuzzer's driver, which each target's main.swift starts (see Fuzz/FuzzSupport/FuzzMain.swift).
    package.targets.append(.target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"))
    let fuzzTargets = [
        ("fuzz-decoder", "FuzzDecoder"), ("fuzz-cloudtrail", "FuzzCloudTrail"), ("fuzz-k8s-audit", "FuzzK8sAudit"),
        ("fuzz-opa", "FuzzOPA"), ("fuzz-vault", "FuzzVault"), ("fuzz-github", "FuzzGitHub"),
        ("fuzz-nhitop", "FuzzNhitop"), ("fuzz-mapped", "FuzzMapped"), ("fuzz-aggregator", "FuzzAggregator"),
        ("fuzz-rules", "FuzzRules"), ("fuzz-sigma", "FuzzSigma"),
    ]
    for (product, target) in fuzzTargets {
        package.targets.append(.executableTarget(name: target, dependencies: ["FuzzSupport"], path: "Fuzz/\(target)"))
        package.products.append(.executable(name: product, targets: [target]))
    }
}
