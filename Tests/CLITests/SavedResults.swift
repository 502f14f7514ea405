import Foundation
import Testing

/// A results file read as docs/output.md describes it: a format line, a length line, that many
/// bytes of JSON, then each column's float64 values (little-endian), one column after another.
struct SavedResults {
    let header: [String: Any]
    let columns: [String]
    let paths: Int
    private let data: Data
    private let start: Int

    init(_ path: String) throws {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
        let lines = data.split(separator: 10, maxSplits: 2, omittingEmptySubsequences: false)
        try #require(lines.count == 3 && String(decoding: lines[0], as: UTF8.self) == "coresat-results 1")
        let length = try #require(Int(String(decoding: lines[1], as: UTF8.self)))
        let headerStart = lines[0].count + lines[1].count + 2
        start = headerStart + length
        header = try #require(try JSONSerialization.jsonObject(with: data[headerStart..<start]) as? [String: Any])
        columns = try #require(header["columns"] as? [String])
        paths = try #require(header["paths_in_file"] as? Int)
        try #require(data.count == start + columns.count * paths * 8)
    }

    func column(_ name: String) throws -> [Double] {
        let first = start + (try #require(columns.firstIndex(of: name), "no column \(name)")) * paths * 8
        return (0..<paths).map { i in
            data[(first + 8 * i)..<(first + 8 * i + 8)].withUnsafeBytes {
                Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))
            }
        }
    }

    func string(_ key: String) throws -> String {
        try #require(header[key] as? String, "no \(key) in the header")
    }

    var scenarioDigest: String {
        get throws { try #require((header["scenario"] as? [String: Any])?["digest"] as? String) }
    }
}
