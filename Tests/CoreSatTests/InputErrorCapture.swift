@testable import CoreSat
@testable import CoreSatEngine

/// The `InputError` a piece of input handling throws, or nil when it accepts the input.
func inputError(_ body: () throws(InputError) -> Void) -> InputError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
