import Foundation

/// Runs a program to its end and returns what it printed (standard output and error); throws on a non-zero exit.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // Output goes through a file, not a pipe: a server started by the command may hold a pipe open for ever.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: capture) }
    let handle = try FileHandle(forWritingTo: capture)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    // Reap the child ourselves: Foundation's own wait can miss the exit of a script whose server lives on.
    var status: Int32 = 0
    while waitpid(process.processIdentifier, &status, 0) == -1 && errno == EINTR {}
    try handle.close()
    let output = String(decoding: try Data(contentsOf: capture), as: UTF8.self)
    guard status == 0 else { throw BenchmarkError("\(arguments.first ?? executable) failed: \(output)") }
    return output
}
