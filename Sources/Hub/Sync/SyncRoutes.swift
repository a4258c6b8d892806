import Foundation
import HTTPTypes
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync
import NIOCore

/// The agents' sync API: join with an invitation code, pull the scopes a school may read, push its outbox. The
/// school comes from the credential.
struct SyncRoutes {
    let operations: Operations
    let watch: ScopeWatch
    /// Empty answers as sent, by the pull they answer (the credential, the protocol version and the request's body as
    /// sent), while the feed stands still: an up-to-date agent's pull is answered from memory, without reading or
    /// writing JSON.
    let idle: FeedCache<String, ByteBuffer>
    var store: any HubStore { operations.store }

    init(operations: Operations, watch: ScopeWatch) {
        self.operations = operations
        self.watch = watch
        idle = FeedCache(feed: operations.store.feed)
    }

    func add(to sync: RouterGroup<AgentContext>, anonymous: RouterGroup<HubContext>) {
        anonymous.post("join", use: join)
        sync.post("pull", use: pull)
        sync.post("push", use: push)
    }

    /// A school's agent joins with its invitation code and receives its credential.
    @Sendable func join(_ request: Request, context: HubContext) async throws -> JSONBody<JoinResponse> {
        let draft = try await request.decodeBody(JoinRequest.self, context: context)
        return JSONBody(try await operations.join(draft, at: Date().roundedToMillis), status: .created)
    }

    @Sendable func pull(_ request: Request, context: AgentContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        // An agent of an older protocol version is not sent the row kinds it does not know (no header: version 1).
        let version = HTTPField.Name(SyncProtocol.header).flatMap { request.headers[$0] }.flatMap { Int($0) } ?? 1
        let key = "\(context.caller.credentialId)|\(version)|" + String(buffer: body)
        if let remembered = idle.value(for: key) { return Self.answer(remembered) }
        let generation = store.feed.generation
        let pull = try await request.decodeBody(PullRequest.self, context: context, strict: false)
        var v = Validator()
        let limit = pull.limit == nil ? 1000 : v.integer(pull.limit, "limit", in: 1...5000)
        let wait = pull.waitSeconds == nil ? 0 : v.integer(pull.waitSeconds, "wait_seconds", in: 0...30)
        let resultsAfter = pull.resultsAfter == nil ? 0 : v.integer(pull.resultsAfter, "results_after", in: 0...Int(Int32.max))
        try v.check()
        let response = try await self.pull(
            context.caller, cursors: pull.cursors ?? [], resultsAfter: resultsAfter, limit: limit,
            wait: .seconds(wait), protocolVersion: version)
        let encoded = PullResponseWriter.encode(response)
        // The same pull gets the same empty answer until something commits (a long poll's is not remembered: it
        // may have waited past a change; nor a pull of an unusual size).
        if wait == 0 && body.readableBytes <= 4096 && response.results.isEmpty && response.scopes.allSatisfy(\.rows.isEmpty) {
            idle.remember(encoded, for: key, readSince: generation)
        }
        return Self.answer(encoded)
    }

    static func answer(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    @Sendable func push(_ request: Request, context: AgentContext) async throws -> JSONBody<PushResponse> {
        let push = try await request.decodeBody(PushRequest.self, context: context, strict: false)
        return JSONBody(try await operations.push(push, as: context.caller, at: context.now))
    }

    /// One pull: results first, then each scope's page, so every reported result's effects are in the rows
    /// (when the pages are complete). With `wait`, an empty answer waits for a change first.
    func pull(
        _ agent: AgentIdentity, cursors: [ScopeCursor], resultsAfter: Int, limit: Int, wait: Duration,
        protocolVersion: Int = SyncProtocol.version
    ) async throws -> PullResponse {
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
}
