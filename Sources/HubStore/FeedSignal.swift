import Foundation
import Synchronization

/// Wakes whoever waits for the sync feed to move on, at once: the store fires it when a transaction that may have
/// written to the feed commits (SQLite: in this process, the only one; PostgreSQL: a NOTIFY in the transaction,
/// delivered at commit to every hub process listening on the same database). Each firing raises a generation
/// number, so a waiter that read the feed at one generation misses no firing after it.
///
/// Most firings may have changed anything. An enrolment made in one statement (`kijkje_enrol`) changes only rows of
/// the week and their feed, never who may do what (credentials, memberships): it fires `.rowsOnly`, which leaves
/// `accessGeneration` alone, so what rests on those alone (a token's credential) is still known while registration
/// opens.
public final class FeedSignal: Sendable {
    /// What a firing says may have changed.
    public enum Change: Sendable {
        case anything
        /// Rows of the week and the sync feed only.
        case rowsOnly
    }

    private struct State {
        var generation = 0
        var accessGeneration = 0
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// How many times the signal has fired.
    public var generation: Int { state.withLock { $0.generation } }

    /// How many times it has fired for a change that may have touched who may do what (credentials, memberships).
    public var accessGeneration: Int { state.withLock { $0.accessGeneration } }

    public func fire(_ change: Change = .anything) {
        let waiting = state.withLock { state in
            state.generation += 1
            if change == .anything { state.accessGeneration += 1 }
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
