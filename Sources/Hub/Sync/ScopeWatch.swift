import Foundation
import HubStore
import KijkjeSync

/// Tells long-polling pulls when a scope moved on. They sleep on the store's `FeedSignal` (fired when a change to
/// the feed commits: in this process, or on PostgreSQL in any hub process by LISTEN/NOTIFY) and read the scopes'
/// versions only when it fired, all waiters sharing one reading; a reading every `fallback` covers a lost
/// notification.
actor ScopeWatch {
    let store: any HubStore
    let fallback: Duration
    private var latest: [SyncScope: Int] = [:]
    /// The signal's generation when the latest reading began, and when it was read.
    private var latestGeneration = -1
    private var readAt: ContinuousClock.Instant?
    private var reading: (generation: Int, task: Task<[SyncScope: Int], any Error>)?

    init(store: any HubStore, fallback: Duration = .seconds(1)) {
        self.store = store
        self.fallback = fallback
    }

    /// Returns once one of the scopes is beyond the given version, or at the deadline (or when the task is cancelled).
    func waitForChange(beyond versions: [SyncScope: Int], until deadline: ContinuousClock.Instant) async throws {
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let seen = store.feed.generation
            let now = try await fresh(since: seen)
            if versions.contains(where: { now[$0.key, default: 0] > $0.value }) { return }
            await store.feed.wait(beyond: seen, until: min(deadline, ContinuousClock.now + fallback))
        }
    }

    /// The versions of every scope as read since the signal's generation `seen` (and within the fallback period);
    /// a reading already under way that began late enough is shared.
    private func fresh(since seen: Int) async throws -> [SyncScope: Int] {
        if latestGeneration >= seen, let readAt, ContinuousClock.now - readAt < fallback { return latest }
        if let reading, reading.generation >= seen { return try await reading.task.value }
        // One reading serves the waiters of every network: it reads unscoped (all scopes), whoever's request started it.
        let generation = store.feed.generation
        let task = Task { try await RowScope.$network.withValue(nil) { try await store.syncVersions(nil) } }
        reading = (generation, task)
        defer { if reading?.generation == generation { reading = nil } }
        let versions = try await task.value
        if generation >= latestGeneration {
            latest = versions
            latestGeneration = generation
            readAt = .now
        }
        return versions
    }
}
