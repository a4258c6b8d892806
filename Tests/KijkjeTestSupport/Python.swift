import Foundation

/// The repository's folder (for its scripts and the contract).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs a Python script (`python3` with these arguments) and returns its exit status and standard output. It runs in
/// a session of its own (`setsid`): a browser driver that signals its process group (chromedriver ending Chromium)
/// must not reach the test runner, whose live hubs stop gracefully on SIGTERM.
public func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
    process.arguments = ["--wait", "python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `python` on a thread of its own, for long scripts (a browser flow): waiting for it must not hold one of the few
/// threads that run every test's tasks and the live hubs those scripts talk to.
public func pythonInBackground(_ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try python(arguments) })
        }
    }
}
