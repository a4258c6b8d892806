import Foundation
import KijkjeFuzzTargets

/// The target libFuzzer runs, named by `KIJKJE_FUZZ_TARGET` (see `FuzzTarget`).
let fuzzTarget: FuzzTarget = {
    guard let name = ProcessInfo.processInfo.environment["KIJKJE_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        fatalError("set KIJKJE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's entry: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzTarget.run(Data(bytes: bytes, count: count))
    return 0
}

#if !KIJKJE_LIBFUZZER
/// Without libFuzzer (a plain build): `kijkje-fuzz TARGET FILE...` runs the files through the target, to replay a
/// crash or a corpus.
@main
enum KijkjeFuzz {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: kijkje-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...")
            exit(64)
        }
        for file in arguments.dropFirst() { target.run(try Data(contentsOf: URL(fileURLWithPath: file))) }
    }
}
#endif
