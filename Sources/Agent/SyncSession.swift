import Foundation
import KijkjeSync

/// How far a sync has come, for a progress bar or progress lines.
public struct SyncProgress: Sendable {
    public var pushed: Int
    public var rowsApplied: Int
    /// Rows the hub still has to send, as far as it said.
    public var rowsRemaining: Int
}

/// One school's sync with its hub: push the outbox in order, then pull every scope until no page says `more`.
public struct SyncSession: Sendable {
    public let school: UUID
    public let replica: Replica
    public let client: HubClient
    public var pageSize = 5000
    public var pushBatch = 100
    /// Pages are written to the replica together, in one transaction, until they hold this many rows (or the last
    /// page came): a first sync's rows land in the replica's indexes at places spread all over, and each transaction
    /// writes every index page it touched again.
    public var rowsPerWrite = 20_000

    public init(school: UUID, replica: Replica, client: HubClient) {
        self.school = school
        self.replica = replica
        self.client = client
    }

    /// One round. `wait` lets the first pull long-poll for a change when there is nothing to fetch.
    @discardableResult
    public func round(wait: Int = 0, progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncProgress {
        var done = SyncProgress(pushed: 0, rowsApplied: 0, rowsRemaining: 0)
        do {
            while case let batch = try replica.unsent(limit: pushBatch), !batch.isEmpty {
                let answer = try await client.push(batch)
                try replica.hubReceived(upTo: answer.lastMutationId)
                done.pushed += batch.count
                progress(done)
            }
            var request = try fromReplica(wait: done.pushed == 0 ? wait : 0)
            var next: Task<PullResponse, any Error>?, unwritten: [PullResponse] = []
            // Pages are written in the background while the next ones are fetched; one write at a time, in order.
            var writing: Task<Int, any Error>?
            defer { next?.cancel() }
            func written() async throws {
                guard let batch = writing else { return }
                writing = nil
                done.rowsApplied += try await batch.value
                progress(done)
            }
            do {
                while true {
                    let response: PullResponse
                    do {
                        if let fetching = next {
                            next = nil
                            response = try await fetching.value
                        } else {
                            response = try await client.pull(request)
                        }
                    } catch AgentError.problem(let problem) where problem.type == ProblemType.resyncRequired.uri {
                        // The hub cannot continue this scope's cursor: fetch it again; the outbox stays as it is
                        // (and pages not yet written are fetched again too).
                        try await written()
                        unwritten = []
                        try replica.resetScope(problem.scope ?? "")
                        request = try fromReplica(wait: 0)
                        continue
                    }
                    if response.more {
                        // The next page is fetched while this one is written: its cursors are this page's.
                        request = PullRequest(
                            cursors: response.scopes.map { ScopeCursor(scope: $0.scope, epoch: $0.epoch, version: $0.version) },
                            resultsAfter: request.resultsAfter, limit: pageSize, waitSeconds: 0)
                        let client = client, ahead = request
                        next = Task { try await client.pull(ahead) }
                    }
                    unwritten.append(response)
                    if !response.more || unwritten.reduce(0, { $0 + $1.rowCount }) >= rowsPerWrite {
                        try await written()
                        let (replica, batch) = (replica, unwritten)
                        writing = Task {
                            try replica.apply(batch)
                            return batch.reduce(0) { $0 + $1.rowCount }
                        }
                        unwritten = []
                        done.rowsRemaining = response.scopes.reduce(0) { $0 + $1.remaining }
                    }
                    if !response.more { break }
                }
                try await written()
            } catch {
                // Nothing is left writing behind the caller's back.
                _ = try? await writing?.value
                throw error
            }
            try replica.setState("last_success", Date().formatted(.iso8601))
            try replica.setState("last_error", "")
            return done
        } catch {
            try? replica.setState("last_error", "\(Date().formatted(.iso8601)) \(error)")
            throw error
        }
    }

    /// A pull from where the replica stands.
    private func fromReplica(wait: Int) throws -> PullRequest {
        try replica.nextPull(limit: pageSize, waitSeconds: wait)
    }
}

extension PullResponse {
    /// The rows (and tombstones) of every scope's page.
    var rowCount: Int { scopes.reduce(0) { $0 + $1.rows.count } }
}
