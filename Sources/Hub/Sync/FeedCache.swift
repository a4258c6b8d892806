import Foundation
import HubStore
import Synchronization

/// Answers remembered while the sync feed stands still. An entry keeps the feed signal's generation from before
/// its answer was read and serves only while no change has committed since — in this process, or (PostgreSQL, by
/// NOTIFY from triggers on the tables an answer rests on) in any hub process — and for `lifetime` at most, should a
/// notification be lost. What another hub process commits is seen here once its notification arrives
/// (milliseconds), as a pull sent a moment earlier would have seen it.
final class FeedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var generation: Int
        var at: ContinuousClock.Instant
        var value: Value
    }

    private let entries = Mutex<[Key: Entry]>([:])
    let feed: FeedSignal
    let lifetime: Duration
    let capacity: Int

    /// How long an answer is remembered at most: a second, or `KIJKJE_REMEMBER_SECONDS`.
    static var defaultLifetime: Duration {
        .seconds(ProcessInfo.processInfo.environment["KIJKJE_REMEMBER_SECONDS"].flatMap(Int.init) ?? 1)
    }

    /// Whether the answers rest on who may do what alone (credentials, memberships: `FeedSignal.accessGeneration`)
    /// rather than on anything the hub keeps.
    let restsOnAccess: Bool

    init(feed: FeedSignal, lifetime: Duration = defaultLifetime, capacity: Int = 10_000, restsOnAccess: Bool = false) {
        self.feed = feed
        self.lifetime = lifetime
        self.capacity = capacity
        self.restsOnAccess = restsOnAccess
    }

    /// The feed's generation that answers remembered now are read after (take it before reading).
    var generation: Int { restsOnAccess ? feed.accessGeneration : feed.generation }

    /// The remembered answer, if nothing changed since it was read.
    func value(for key: Key) -> Value? {
        let generation = generation, now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key], entry.generation == generation, now - entry.at < lifetime else { return nil }
            return entry.value
        }
    }

    /// Remembers an answer read after the feed's generation `generation` (taken before reading).
    func remember(_ value: Value, for key: Key, readSince generation: Int) {
        let entry = Entry(generation: generation, at: .now, value: value)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}
