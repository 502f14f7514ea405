// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coresat",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CoreSatEngine", targets: ["CoreSatEngine"]),
        .library(name: "CoreSat", targets: ["CoreSat"]),
        .library(name: "GSLKit", targets: ["GSLKit"]),
        .library(name: "Optimizer", targets: ["Optimizer"]),
        .library(name: "Charts", targets: ["Charts"]),
        .executable(name: "coresat", targets: ["coresat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "GSLKit", dependencies: ["CGSL"]),
        // Portfolio optimization: QP, LP and risk-budgeting solvers, moment estimators and the
        // portfolio problems built on them. Knows nothing of policies or scenarios.
        .target(name: "Optimizer", dependencies: ["GSLKit", "CGSL"]),
        // The engine: market models, policies, account, simulation, metrics and summaries. It reads
        // no files and renders nothing, so the compiler keeps the direction model -> summary.
        .target(name: "CoreSatEngine", dependencies: ["GSLKit", "Optimizer"]),
        // Static SVG charts as text for the HTML report: no dependencies, no JavaScript, no I/O.
        .target(name: "Charts"),
        // Files in and out: scenario files, checks, reports, saved results, return tables.
        .target(
            name: "CoreSat",
            dependencies: [
                "CoreSatEngine",
                "Charts",
                "GSLKit",
                "Optimizer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        .executableTarget(
            name: "coresat",
            dependencies: [
                "CoreSat",
                "CoreSatEngine",
                "Optimizer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times the QP solver in process on problems from a JSON file (bench/qp).
        .executableTarget(name: "optimizer-bench", dependencies: ["Optimizer"]),
        // Times the risk-budgeting and LP solvers (bench/risk-budget).
        .executableTarget(name: "risk-budget-bench", dependencies: ["Optimizer"]),
        // Reads an HTML report as XML, for the tests of the page and of the commands that write it.
        .target(name: "PageInspection", path: "Tests/PageInspection"),
        .testTarget(name: "GSLKitTests", dependencies: ["GSLKit"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "OptimizerTests", dependencies: ["Optimizer", "GSLKit"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CoreSatTests",
            dependencies: ["CoreSat", "CoreSatEngine", "GSLKit", "Optimizer", "PageInspection"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests", dependencies: ["coresat", "PageInspection", .product(name: "Yams", package: "Yams")]),
    ]
)
