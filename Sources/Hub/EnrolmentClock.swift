import Foundation
import HubStore
import Logging
import ServiceLifecycle

/// The hub's timer: lets unclaimed offers lapse (passing the places on), runs the ranked allocation of editions
/// whose choice window has closed, and the shadow matching of editions past their matching deadline. Every hub process may run it; the store's locks
/// make a second run harmless. It also purges sync tombstones past their retention.
struct EnrolmentClock: Service {
    let store: any HubStore
    let interval: Duration
    let mail: ShadowMail
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
            let lapsed = try await store.expireOffers(at: now)
            if lapsed > 0 { logger.info("offers lapsed and passed on", metadata: ["count": "\(lapsed)"]) }
            for edition in try await store.editionsAwaitingAllocation(at: now) {
                let run = try await RankedAllocation.run(editionId: edition.id, in: edition.networkId,
                                                         seed: Int.random(in: 0...Int(Int32.max)), fairShare: false, store: store, at: now)
                logger.info("ranked allocation ran", metadata: ["edition": "\(edition.id)", "placed": "\(run.placed)", "seed": "\(run.seed)"])
            }
            for edition in try await store.editionsDueForShadowMatching(at: now) {
                let run = try await ShadowMatchingRunner.run(editionId: edition.id, in: edition.networkId,
                                                             seed: Int.random(in: 0...Int(Int32.max)), store: store, mail: mail, at: now)
                logger.info("shadow matching ran", metadata: ["edition": "\(edition.id)", "matched": "\(run.matched)", "seed": "\(run.seed)"])
            }
            let purged = try await store.pruneTombstones(before: now.addingTimeInterval(-tombstoneRetention))
            if purged > 0 { logger.info("sync tombstones purged", metadata: ["count": "\(purged)"]) }
        } catch {
            logger.error("enrolment clock failed", metadata: ["error": "\(error)"])
        }
    }
}
