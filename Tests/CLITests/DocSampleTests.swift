import Foundation
import Testing

/// The samples of output in the docs are the build's own output, so they cannot drift: each fenced
/// block after a marker `<!-- output of: coresat ARGS [| lines A-B] -->` must equal what the
/// command prints (lines A to B, counted from 1, when given). After a change that moves them, regenerate with
/// `CORESAT_UPDATE_SAMPLES=1 swift test --filter DocSampleTests` and read the diff.
struct DocSampleTests {
    static let documents = ["README.md", "docs/output.md", "docs/checking.md", "docs/scenario-format.md"]

    struct Sample {
        var arguments: [String]
        var lines: ClosedRange<Int>?
        /// Line range of the block's content (between the fences), 0-based.
        var content: Range<Int>
    }

    static func samples(in lines: [String]) -> [Sample] {
        var found: [Sample] = []
        for (i, line) in lines.enumerated() {
            guard let start = line.range(of: "<!-- output of: coresat "), let end = line.range(of: " -->") else { continue }
            var command = String(line[start.upperBound..<end.lowerBound])
            var range: ClosedRange<Int>?
            if let bar = command.range(of: " | lines ") {
                let bounds = command[bar.upperBound...].split(separator: "-").compactMap { Int($0) }
                if bounds.count == 2 && bounds[0] >= 1 && bounds[0] <= bounds[1] { range = bounds[0]...bounds[1] }
                command = String(command[..<bar.lowerBound])
            }
            guard i + 1 < lines.count, lines[i + 1].hasPrefix("```"),
                let close = lines[(i + 2)...].firstIndex(where: { $0.hasPrefix("```") })
            else { continue }
            found.append(Sample(arguments: command.split(separator: " ").map(String.init), lines: range, content: (i + 2)..<close))
        }
        return found
    }

    @Test(arguments: documents)
    func samplesAreTheBuildsOwnOutput(document: String) throws {
        let url = packageRoot.appendingPathComponent(document)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let update = ProcessInfo.processInfo.environment["CORESAT_UPDATE_SAMPLES"] == "1"
        // Last first, so replacing a block does not move the ones before it.
        for sample in Self.samples(in: lines).reversed() {
            let r = try coresat(sample.arguments)
            #expect(r.status == 0 || r.status == 1, "\(sample.arguments): \(r.stderr)")
            var output = r.stdout.components(separatedBy: "\n")
            if output.last == "" { output.removeLast() }
            if let range = sample.lines { output = Array(output[(range.lowerBound - 1)..<min(range.upperBound, output.count)]) }
            if update {
                lines.replaceSubrange(sample.content, with: output)
            } else {
                #expect(Array(lines[sample.content]) == output, "\(document): sample of 'coresat \(sample.arguments.joined(separator: " "))' is stale; regenerate it (see DocSampleTests)")
            }
        }
        if update { try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
    }

    @Test func theDocumentsHaveSamples() throws {
        let all = try Self.documents.flatMap { d in
            Self.samples(in: try String(contentsOf: packageRoot.appendingPathComponent(d), encoding: .utf8).components(separatedBy: "\n"))
        }
        #expect(all.count >= 4)
    }
}
