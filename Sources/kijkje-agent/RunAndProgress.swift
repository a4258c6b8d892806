import Agent
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Keep syncing: long-poll the hub, back off on failure, stop on SIGTERM.")
    @OptionGroup var folder: FolderOption
    @Option(help: "Seconds a pull waits at the hub for a change.") var wait = 25

    func run() async throws {
        let opened = try folder.open()
        let client = try opened.client()
        let logger = Logger(label: "kijkje.agent")
        let daemon = AgentDaemon(
            sync: SyncSession(school: opened.settings.tenantId, replica: try opened.replica(), client: client),
            waitSeconds: wait, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try await client.shutdown()
    }
}

/// A progress bar on a terminal, plain lines otherwise (a log, a pipe).
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDOUT_FILENO) != 0
    private var lastLine = Date.distantPast
    private var drawn = false

    func show(_ progress: SyncProgress) {
        lock.withLock {
            let total = progress.rowsApplied + progress.rowsRemaining
            guard total > 0 || progress.pushed > 0 else { return }
            if terminal {
                let width = 30
                let filled = total == 0 ? width : width * progress.rowsApplied / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                FileHandle.standardOutput.write(
                    Data("\r[\(bar)] \(progress.rowsApplied)/\(total) rows, \(progress.pushed) changes pushed".utf8))
                drawn = true
            } else if Date().timeIntervalSince(lastLine) >= 1 || progress.rowsRemaining == 0 {
                print("progress: \(progress.rowsApplied) of \(total) rows, \(progress.pushed) changes pushed")
                lastLine = Date()
            }
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardOutput.write(Data("\n".utf8)) } }
    }
}
