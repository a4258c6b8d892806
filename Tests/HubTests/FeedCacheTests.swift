import AsyncHTTPClient
import Foundation
@testable import Hub
import HubStore
import KijkjeTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// What a hub remembers while the sync feed stands still (a credential, an idle pull's answer) ends when a
/// change commits: at once in the hub that made it, and in another hub process on the same PostgreSQL as soon as
/// its notification arrives.
@Suite("Remembered answers")
struct FeedCacheTests {
    @Test("a token revoked through one hub process is refused by the other, which had just used it")
    func revokedAcrossProcesses() async throws {
        try await withStore(.postgres) { store, location in
            let f = try await Fixture.make(in: store)
            let doomed = try await IssuedToken.issue(.organiser, networkId: f.network.id, label: "doomed", in: store)
            let revoker = try await IssuedToken.issue(.organiser, networkId: f.network.id, label: "revoker", in: store).token
            let arguments = try #require(location).hubArguments
            // The second remembers for a minute, so only the notification can end what it remembers within the test.
            let first = try await HubProcess(arguments: arguments)
            let second = try await HubProcess(arguments: arguments, environment: ["KIJKJE_REMEMBER_SECONDS": "60"])
            defer {
                Task { try? await first.stop() }
                Task { try? await second.stop() }
            }
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = client.shutdown() }
            func status(_ hub: HubProcess, _ method: HTTPMethod, _ path: String, _ token: String) async throws -> UInt {
                var request = HTTPClientRequest(url: hub.baseURL + path)
                request.method = method
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                return response.status.code
            }
            // Both hubs know the token now (and remember it).
            #expect(try await status(first, .GET, "/api/v1/tenants", doomed.token) == 200)
            #expect(try await status(second, .GET, "/api/v1/tenants", doomed.token) == 200)
            #expect(try await status(first, .DELETE, "/api/v1/tokens/\(doomed.credential.id)", revoker) == 200)
            // The hub that revoked it refuses it at once.
            #expect(try await status(first, .GET, "/api/v1/tenants", doomed.token) == 401)
            // The other hears of it by NOTIFY, well before its memory would lapse.
            var refused = false
            for _ in 0..<300 where !refused {
                refused = try await status(second, .GET, "/api/v1/tenants", doomed.token) == 401
                if !refused { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(refused)
        }
    }

    @Test("a remembered answer serves only while the feed stands still, and for its lifetime at most")
    func lifetime() async throws {
        let feed = FeedSignal()
        let cache = FeedCache<String, Int>(feed: feed, lifetime: .milliseconds(200))
        let generation = feed.generation
        cache.remember(1, for: "a", readSince: generation)
        #expect(cache.value(for: "a") == 1)
        feed.fire()
        #expect(cache.value(for: "a") == nil)
        // Read before a change that committed meanwhile: never served.
        cache.remember(2, for: "b", readSince: generation)
        #expect(cache.value(for: "b") == nil)
        cache.remember(3, for: "c", readSince: feed.generation)
        try await Task.sleep(for: .milliseconds(250))
        #expect(cache.value(for: "c") == nil)
    }

    @Test("an enrolment's firing leaves a credential known and ends an idle pull's answer; any other change ends both")
    func credentialsFollowTheirOwnChanges() {
        let feed = FeedSignal()
        let credentials = FeedCache<String, Int>(feed: feed, restsOnAccess: true)
        let pulls = FeedCache<String, Int>(feed: feed)
        credentials.remember(1, for: "token", readSince: credentials.generation)
        pulls.remember(1, for: "agent", readSince: pulls.generation)
        feed.fire(.rowsOnly)
        #expect(credentials.value(for: "token") == 1)
        #expect(pulls.value(for: "agent") == nil)
        feed.fire()
        #expect(credentials.value(for: "token") == nil)
        // What another hub's notification says changed: a sync scope's rows, or possibly who may do what.
        #expect(Migrations.change(notified: "sync_scopes") == .rowsOnly)
        #expect(Migrations.change(notified: "agent_mutations") == .rowsOnly)
        #expect(Migrations.change(notified: "credentials") == .anything)
        #expect(Migrations.change(notified: "memberships") == .anything)
        #expect(Migrations.change(notified: "") == .anything)
    }
}
