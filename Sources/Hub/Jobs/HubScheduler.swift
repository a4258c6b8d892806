import Foundation
import HubStore
import Logging
import ServiceLifecycle

/// The hub's scheduler: on every tick it lets unclaimed offers lapse (passing the places on), runs the ranked
/// allocation of editions whose choice window has closed and the shadow matching of editions past their matching
/// deadline (as their network's organiser would), records the reminders the clock makes due, and purges sync
/// tombstones past their retention. Every hub process may run it; the store's locks and the notices' keys make a
/// second run harmless.
struct HubScheduler: Service {
    let operations: Operations
    let interval: Duration
    /// Days after an edition's last day its personal data is kept.
    var retentionDays = 365
    /// Sync tombstones older than this are purged; agents with older cursors refetch the scope (410).
    var tombstoneRetention: TimeInterval = 30 * 86_400
    let logger: Logger

    func run() async throws {
        // The first tick waits one interval, so the store has been migrated (before the server starts) by then.
        // A graceful shutdown cancels the wait.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await tick(at: Date().roundedToMillis)
            }
        }
    }

    func tick(at now: Date) async {
        do {
            let store = operations.store
            let lapsed = try await operations.expireOffers(at: now)
            try await store.addDueNotices(at: now)
            if lapsed > 0 { logger.info("offers lapsed and passed on", metadata: ["count": "\(lapsed)"]) }
            for edition in try await store.editionsAwaitingAllocation(at: now) {
                let run = try await operations.runAllocation(editionId: edition.id, by: Organiser(networkId: edition.networkId), at: now)
                logger.info(
                    "ranked allocation ran", metadata: ["edition": "\(edition.id)", "placed": "\(run.placed)", "seed": "\(run.seed)"])
            }
            for edition in try await store.editionsDueForShadowMatching(at: now) {
                let run = try await operations.runMatching(editionId: edition.id, by: Organiser(networkId: edition.networkId), at: now)
                logger.info(
                    "shadow matching ran", metadata: ["edition": "\(edition.id)", "matched": "\(run.matched)", "seed": "\(run.seed)"])
            }
            for (edition, report) in try await operations.purgeExpiredEditions(retentionDays: retentionDays, at: now) {
                logger.info(
                    "edition purged",
                    metadata: ["edition": "\(edition.id)", "people": "\(report.people)", "enrolments": "\(report.enrolments)"])
            }
            let purged = try await operations.purgeTombstones(before: now.addingTimeInterval(-tombstoneRetention))
            if purged > 0 { logger.info("sync tombstones purged", metadata: ["count": "\(purged)"]) }
        } catch {
            logger.error("scheduler round failed", metadata: ["error": "\(error)"])
        }
    }
}
