import Foundation
import HubStore
import KijkjeSync

/// Tells long-polling pulls when a scope moved on. All waiting pulls share one reading of the scopes' versions
/// per `interval`, so the store sees the same few queries however many agents wait; writes by any hub process
/// on the same database are seen.
actor ScopeWatch {
    let store: any HubStore
    let interval: Duration
    private var latest: [SyncScope: Int] = [:]
    private var readAt: ContinuousClock.Instant?
    private var reading: Task<[SyncScope: Int], any Error>?

    init(store: any HubStore, interval: Duration = .milliseconds(50)) {
        self.store = store
        self.interval = interval
    }

    /// Returns once one of the scopes is beyond the given version, or at the deadline (or when the task is cancelled).
    func waitForChange(beyond versions: [SyncScope: Int], until deadline: ContinuousClock.Instant) async throws {
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let now = try await fresh()
            if versions.contains(where: { now[$0.key, default: 0] > $0.value }) { return }
            try? await Task.sleep(until: min(deadline, ContinuousClock.now + interval))
        }
    }

    /// The versions of every scope, read at most twice per interval whoever asks (a waiter that slept a whole interval
    /// always reads afresh).
    private func fresh() async throws -> [SyncScope: Int] {
        if let readAt, ContinuousClock.now - readAt < interval / 2 { return latest }
        if let reading { return try await reading.value }
        // One reading serves the waiters of every network: it reads unscoped (all scopes), whoever's request started it.
        let task = Task { try await RowScope.$network.withValue(nil) { try await store.syncVersions(nil) } }
        reading = task
        defer { reading = nil }
        latest = try await task.value
        readAt = .now
        return latest
    }
}
