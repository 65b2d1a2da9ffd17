#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Fuzzing

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// The target named by `ADLEDGER_FUZZ_TARGET` (libFuzzer owns the command line).
let target: FuzzTarget = {
    guard let name = getenv("ADLEDGER_FUZZ_TARGET").map({ String(cString: $0) }),
        let target = FuzzTarget(rawValue: name)
    else {
        printError("Error: set ADLEDGER_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point: one input, every property of the target; a broken property aborts,
/// so libFuzzer saves the input as a crash artifact.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size <= FuzzTarget.maxInputBytes else { return -1 }  // not added to the corpus
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try target.check(bytes)
    } catch {
        printError("\(error)")
        abort()
    }
    return 0
}
