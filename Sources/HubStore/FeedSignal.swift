import Foundation
import Synchronization

/// Wakes whoever waits for the sync feed to move on, at once: the store fires it when a transaction that may have
/// written to the feed commits (SQLite: in this process, the only one; PostgreSQL: a NOTIFY in the transaction,
/// delivered at commit to every hub process listening on the same database). Each firing raises a generation
/// number, so a waiter that read the feed at one generation misses no firing after it.
public final class FeedSignal: Sendable {
    private struct State {
        var generation = 0
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// How many times the signal has fired.
    public var generation: Int { state.withLock { $0.generation } }

    public func fire() {
        let waiting = state.withLock { state in
            state.generation += 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Returns once the signal fired beyond generation `seen`, at the deadline, or when the task is cancelled.
    public func wait(beyond seen: Int, until deadline: ContinuousClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.fired(beyond: seen) }
            group.addTask { try? await Task.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    private func fired(beyond seen: Int) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.generation > seen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
