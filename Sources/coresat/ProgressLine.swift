import CoreSatEngine
import Foundation
import Synchronization

/// "simulating 4000/10000 paths" on stderr, rewritten in place; only when stderr is a terminal.
final class ProgressLine: Sendable {
    let total: Int
    let enabled: Bool
    private let lastShown = Mutex<Int>(-1)

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    var update: (@Sendable (Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] done in
            let percent = done * 100 / max(total, 1)
            let show = lastShown.withLock { last in
                defer { last = max(last, percent) }
                return percent > last
            }
            if show { StandardError.write("\rsimulating \(done)/\(total) paths") }
        }
    }

    func finish() {
        if enabled { StandardError.write("\r\u{1B}[K") }
    }
}
