import Foundation
import Logging
import ServiceLifecycle

/// `kijkje-agent run`: sync rounds with long-polling pulls; after a failure it waits, doubling up to five
/// minutes with jitter, so a school's many agents do not return to a recovering hub at once. Stops on SIGTERM.
public struct AgentDaemon: Service {
    let sync: SyncSession
    let waitSeconds: Int
    let logger: Logger

    public init(sync: SyncSession, waitSeconds: Int, logger: Logger) {
        self.sync = sync
        self.waitSeconds = waitSeconds
        self.logger = logger
    }

    public func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let done = try await cancelWhenGracefulShutdown { try await sync.round(wait: waitSeconds) }
                if done.pushed > 0 || done.rowsApplied > 0 {
                    logger.info("synced", metadata: ["pushed": "\(done.pushed)", "rows": "\(done.rowsApplied)"])
                }
                failures = 0
            } catch is CancellationError {
                break
            } catch {
                if Task.isShuttingDownGracefully { break }
                failures += 1
                let delay = Self.backoff(failures: failures)
                logger.warning("sync failed; retrying", metadata: ["error": "\(error)", "in_seconds": "\(Int(delay))"])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(delay)) }
            }
        }
        logger.info("agent stopped")
    }

    /// Seconds to wait after `failures` failures in a row: 1, 2, 4, … up to 300, each between half and all of it.
    static func backoff(failures: Int) -> Double {
        let ceiling = min(300, pow(2, Double(min(failures, 10) - 1)))
        return Double.random(in: ceiling / 2...ceiling)
    }
}
