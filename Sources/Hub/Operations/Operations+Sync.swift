import Crypto
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync

/// The agents' writes: a push of a school's outbox, each mutation applied in order in its own transaction.
extension Operations {
    public static let maxMutationsPerPush = 500

    public func push(_ push: PushRequest, as agent: AgentIdentity, at now: Date) async throws -> PushResponse {
        try Self.validate(push)
        var results: [MutationResult] = []
        for mutation in push.mutations {
            results.append(try await store.applyMutation(mutation, digest: Self.digest(mutation.change), from: agent, at: now))
        }
        let last = try await store.mutationResults(credentialId: agent.credentialId, after: Int.max).last
        return PushResponse(results: results, lastMutationId: last)
    }

    /// Purges sync tombstones stamped before `time` (the scheduler's round); agents with older cursors refetch.
    func purgeTombstones(before time: Date) async throws -> Int {
        try await store.pruneTombstones(before: time)
    }

    static func validate(_ push: PushRequest) throws(InvalidInput) {
        var v = Validator()
        if push.mutations.isEmpty { v.fail("mutations", "needs at least one mutation") }
        if push.mutations.count > maxMutationsPerPush {
            v.fail("mutations", "at most \(maxMutationsPerPush) per push; send the rest in the next")
        }
        if let first = push.mutations.first {
            if first.id < 1 { v.fail("mutations[0].id", "mutation ids start at 1") }
            for (index, mutation) in push.mutations.enumerated() where mutation.id != first.id + index {
                v.fail("mutations[\(index)].id", "must be \(first.id + index): a push sends consecutive ids in order")
                break
            }
        }
        try v.check()
    }

    /// The fingerprint of a change, to tell a replay from a reused id.
    static func digest(_ change: Mutation.Change) -> String {
        let data = (try? JSONEncoder.hub.encode(change)) ?? Data()
        return Digits.hex(SHA256.hash(data: data))
    }
}
