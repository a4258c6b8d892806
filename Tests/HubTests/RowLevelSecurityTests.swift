import Foundation
import Hub
import HubStore
import HubStorePostgres
import HummingbirdTesting
import KijkjeDomain
import KijkjeTestSupport
import Logging
import PostgresNIO
import Testing

/// PostgreSQL's row-level security as a second wall behind the queries' own network filters (PostgreSQL only: the
/// embedded SQLite store has no roles and serves one process).
@Suite("Row-level security")
struct RowLevelSecurityTests {
    @Test(
        "as a role owning no table: no setting reads nothing, a network's setting never sees another's rows, and the hub works"
    )
    func secondWall() async throws {
        try await withStore(.postgres) { owner, location in
            guard case .postgres(let url) = location else { throw TestSetupError("a PostgreSQL store has a URL") }
            let a = try await Fixture.make(in: owner, name: "A"), b = try await Fixture.make(in: owner, name: "B")
            let role = "kijkje_app_" + UUID().uuidString.prefix(8).lowercased()
            for statement in [
                "CREATE ROLE \(role) LOGIN", "GRANT USAGE ON SCHEMA public TO \(role)",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)",
            ] {
                try await owner.database.run(SQLQuery(stringLiteral: statement))
            }
            var components = try #require(URLComponents(string: url))
            components.user = role
            let logger = Logger(label: "kijkje.test", factory: { _ in SwiftLogNoOpLogHandler() })
            let client = try PostgresDatabase.client(url: try #require(components.string), logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let app = SQLHubStore(database: PostgresDatabase(client: client, logger: logger))

                // A connection that sets nothing reads every network table empty (the owner sees the rows).
                try await client.withConnection { connection in
                    for (table, _) in Migrations.protectedTables {
                        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: logger)
                        for try await count in rows.decode(Int.self) {
                            #expect(count == 0, "\(table) reads \(count) rows without a setting")
                        }
                    }
                }
                #expect(try await owner.people(tenantId: a.tenant.id, in: a.network.id).count == 1)

                // Scoped to network A, B's rows are not there, even when a query asks for them by B's own ids.
                try await RowScope.$network.withValue(a.network.id) { () async throws in
                    #expect(try await app.tenants(in: b.network.id).isEmpty)
                    #expect(try await app.tenants(in: a.network.id).map(\.id) == [a.tenant.id])
                    #expect(try await app.sessions(editionId: b.edition.id, in: b.network.id).isEmpty)
                    await #expect(throws: StoreError.self) {
                        try await app.person(id: b.person.id, tenantId: b.tenant.id, in: b.network.id)
                    }
                    let stranger = Person(
                        id: UUIDv7.make(), tenantId: b.tenant.id, name: "Indringer", email: "x@\(b.tenant.emailDomains[0])", role: .teacher)
                    await #expect(throws: StoreError.self) { try await app.addPerson(stranger, in: b.network.id, at: Date()) }
                }
                #expect(try await owner.people(tenantId: b.tenant.id, in: b.network.id).map(\.name) == ["Anna de Vries"])

                // The hub itself, on that role: the organiser builds a week and a teacher enrols through the portal.
                let token = try await IssuedToken.issue(.operatorAccount, networkId: nil, label: "rls", in: app).token
                var configuration = HubConfiguration()
                configuration.mailInterval = .seconds(3600)
                configuration.clockIntervalSeconds = 3600
                let hubApp = try buildApplication(configuration, store: app, logger: logger)
                try await hubApp.test(.router) { client in
                    let hub = HubHarness(client: client, store: app, operatorToken: token)
                    let world = try await PortalWorld.make(hub)
                    #expect(!world.schoolA.isEmpty && !world.small.isEmpty, "the organiser's schools and sessions were made")
                    let anne = PortalBrowser(hub)
                    try await anne.signIn("anne@\(world.domainA)")
                    _ = try await anne.get("/sessions/\(world.small)")
                    #expect(try await anne.post("/sessions/\(world.small)/enrol").location?.contains("enrolled") == true)
                    #expect(try await hub.call(.get, "/api/v1/sessions/\(world.small)/enrolments", token: world.org).items.count == 1)
                    #expect(try await hub.call(.get, "/api/v1/tenants/\(a.tenant.id)", token: world.org).status == 404)
                    // A school's agent joins, pushes and pulls its network's rows.
                    let code = try await hub.call(.post, "/api/v1/invitations", token: world.org, json: ["tenant_id": world.schoolA])
                        .string("code")
                    let agent = try await hub.call(.post, "/sync/v1/join", json: ["code": code]).string("token")
                    let push = try await hub.call(
                        .post, "/sync/v1/push", token: agent,
                        json: ["mutations": [["id": 1, "change": ["head_counts": ["counts": ["teacher": 40]]]]]])
                    #expect(push.status == 200 && push.text.contains("applied"), "\(push.text)")
                    let pull = try await hub.call(.post, "/sync/v1/pull", token: agent, json: [:])
                    #expect(
                        pull.status == 200 && pull.text.contains("Formatief evalueren")
                            && !pull.text.lowercased().contains(a.session.id.uuidString.lowercased()))
                }
            }
        }
    }
}
