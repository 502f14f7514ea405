import Foundation

/// The Kenneth R. French Data Library files the project's developers and CI keep beside the
/// repository (`../shared/data/french`), never in it.
enum FrenchFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/french")

    /// Whether tests of the real files run: where the folder is there, and always on CI, where a
    /// missing folder must fail them rather than skip them.
    static let testable = FileManager.default.fileExists(atPath: folder.path) || ProcessInfo.processInfo.environment["CI"] == "true"

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
