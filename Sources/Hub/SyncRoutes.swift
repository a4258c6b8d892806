import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync
import NIOCore

/// The agents' sync API: pull the scopes a school may read, push its outbox. The school comes from the credential.
struct SyncRoutes {
    let store: any HubStore
    let watch: ScopeWatch

    static let maxMutations = 500

    func add(to router: Router<HubContext>) {
        router.post("sync/v1/pull") { request, context in
            let agent = try context.agent()
            let pull = try await request.decodeBody(PullRequest.self, context: context)
            var v = Validator()
            let limit = pull.limit == nil ? 1000 : v.integer(pull.limit, "limit", in: 1...5000)
            let wait = pull.waitSeconds == nil ? 0 : v.integer(pull.waitSeconds, "wait_seconds", in: 0...30)
            let resultsAfter = pull.resultsAfter == nil ? 0 : v.integer(pull.resultsAfter, "results_after", in: 0...Int(Int32.max))
            try v.check()
            // An agent of an older protocol version is not sent the row kinds it does not know (no header: version 1).
            let version = HTTPField.Name(SyncProtocol.header).flatMap { request.headers[$0] }.flatMap { Int($0) } ?? 1
            let response = try await self.pull(agent, cursors: pull.cursors ?? [], resultsAfter: resultsAfter, limit: limit,
                                               wait: .seconds(wait), protocolVersion: version)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: PullResponseWriter.encode(response)))
        }
        router.post("sync/v1/push") { request, context in
            let agent = try context.agent()
            let push = try await request.decodeBody(PushRequest.self, context: context)
            try Self.validate(push)
            var results: [MutationResult] = []
            for mutation in push.mutations {
                results.append(try await store.applyMutation(mutation, digest: Self.digest(mutation.change), from: agent,
                                                             at: Date().roundedToMillis))
            }
            let last = try await store.mutationResults(credentialId: agent.credentialId, after: Int.max).last
            return JSONBody(PushResponse(results: results, lastMutationId: last))
        }
    }

    /// One pull: results first, then each scope's page, so every reported result's effects are in the rows
    /// (when the pages are complete). With `wait`, an empty answer waits for a change first.
    func pull(_ agent: AgentIdentity, cursors: [ScopeCursor], resultsAfter: Int, limit: Int, wait: Duration,
              protocolVersion: Int = SyncProtocol.version) async throws -> PullResponse {
        let scopes = try await store.syncScopes(tenantId: agent.tenantId, networkId: agent.networkId)
        var known = Dictionary(cursors.map { ($0.scope, $0) }, uniquingKeysWith: { a, _ in a })
        let deadline = ContinuousClock.now + wait
        while true {
            let (last, results) = try await store.mutationResults(credentialId: agent.credentialId, after: resultsAfter)
            var pages: [ScopePage] = []
            for scope in scopes {
                var page = try await store.syncPage(scope: scope, after: known[scope], limit: limit)
                page.rows.removeAll { $0.kind.since > protocolVersion }
                pages.append(page)
            }
            let response = PullResponse(scopes: pages, lastMutationId: last, results: pages.contains(where: \.more) ? [] : results)
            let changed = !results.isEmpty || pages.contains { !$0.rows.isEmpty }
            // Epochs learnt on an empty page are kept, so the wait compares like with like.
            for page in pages { known[page.scope] = ScopeCursor(scope: page.scope, epoch: page.epoch, version: page.version) }
            if changed || ContinuousClock.now >= deadline { return response }
            let versions = known.mapValues(\.version)
            try await watch.waitForChange(beyond: versions, until: deadline)
            if ContinuousClock.now >= deadline {
                return response
            }
        }
    }

    static func validate(_ push: PushRequest) throws(InvalidInput) {
        var v = Validator()
        if push.mutations.isEmpty { v.fail("mutations", "needs at least one mutation") }
        if push.mutations.count > maxMutations { v.fail("mutations", "at most \(maxMutations) per push; send the rest in the next") }
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
        let encoder = JSONEncoder.hub
        let data = (try? encoder.encode(change)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
