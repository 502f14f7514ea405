// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coresat",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CoreSat", targets: ["CoreSat"]),
        .library(name: "GSLKit", targets: ["GSLKit"]),
        .executable(name: "coresat", targets: ["coresat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "GSLKit", dependencies: ["CGSL"]),
        .target(
            name: "CoreSat",
            dependencies: [
                "GSLKit",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .executableTarget(
            name: "coresat",
            dependencies: [
                "CoreSat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GSLKitTests", dependencies: ["GSLKit"]),
        .testTarget(
            name: "CoreSatTests",
            dependencies: ["CoreSat", "GSLKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests", dependencies: ["coresat"]),
    ]
)
