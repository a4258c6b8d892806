import Foundation
import Hub
import KijkjeTestSupport
import Testing

/// Bad input gets a problem-details answer that names what is wrong, and writes nothing.
@Suite("Problem details")
struct ProblemDetailsTests {
    @Test("malformed JSON, missing and invalid fields are named, and nothing is written", arguments: StoreKind.allCases)
    func invalidInput(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("West")
            let org = a.organiserToken
            let malformed = try await hub.call(.post, "/api/v1/editions", token: org, raw: "{\"year\": 2027,")
            #expect(malformed.status == 400)
            #expect(malformed.problem == "malformed-json")
            #expect(malformed.contentType == "application/problem+json")

            let notObject = try await hub.call(.post, "/api/v1/editions", token: org, raw: "[1,2]")
            #expect(notObject.status == 400)

            let missing = try await hub.call(.post, "/api/v1/sessions", token: org, json: ["title": "Zonder tijden"])
            #expect(missing.status == 422)
            #expect(missing.problem == "invalid-fields")
            #expect(Set(missing.fields).isSuperset(of: ["edition_id", "tenant_id", "location", "starts_at", "ends_at", "capacity"]))

            let wrongType = try await hub.call(
                .post, "/api/v1/sessions", token: org,
                json: Payload.session(edition: a.editionId, tenant: a.tenantId).merging(["capacity": "twaalf"]) { $1 })
            #expect(wrongType.status == 422)
            #expect(wrongType.fields == ["capacity"])

            var backwards = Payload.session(edition: a.editionId, tenant: a.tenantId)
            backwards["ends_at"] = "2026-11-17T08:00:00Z"
            backwards["visibility"] = "everyone"
            let invalid = try await hub.call(.post, "/api/v1/sessions", token: org, json: backwards)
            #expect(invalid.status == 422)
            #expect(Set(invalid.fields) == ["ends_at", "visibility"])
            #expect(invalid.string("detail").contains("must be one of: school, network, all"))

            var offDay = Payload.session(edition: a.editionId, tenant: a.tenantId)
            offDay["starts_at"] = "2026-12-01T09:00:00Z"
            offDay["ends_at"] = "2026-12-01T10:00:00Z"
            #expect(try await hub.call(.post, "/api/v1/sessions", token: org, json: offDay).fields == ["starts_at"])

            let badDate = try await hub.call(
                .post, "/api/v1/editions", token: org,
                json: Payload.edition.merging(["days": ["2026-02-30"], "year": 2027]) { $1 })
            #expect(badDate.status == 422)
            #expect(badDate.fields == ["days[0]"])

            let badBrin = try await hub.call(.post, "/api/v1/tenants", token: org, json: Payload.tenant(brin: "ABCD", domain: "x y"))
            #expect(Set(badBrin.fields) == ["brin", "email_domains[0]"])

            let wrongDomain = try await hub.call(
                .post, "/api/v1/tenants/\(a.tenantId)/people", token: org,
                json: Payload.person(domain: "elders.nl"))
            #expect(wrongDomain.fields == ["email"])

            let sessions = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/sessions", token: org)
            #expect(sessions.items.count == 1)
            #expect(try await hub.call(.get, "/api/v1/editions", token: org).items.count == 1)
            #expect(try await hub.call(.get, "/api/v1/tenants", token: org).items.count == 1)
        }
    }

    @Test("missing or bad tokens get 401; the wrong kind of token gets 403", arguments: StoreKind.allCases)
    func authentication(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Midden")
            let anonymous = try await hub.call(.get, "/api/v1/tenants")
            #expect(anonymous.status == 401)
            #expect(anonymous.problem == "unauthorized")
            #expect(try await hub.call(.get, "/api/v1/tenants", token: "kjk_org_made_up").status == 401)
            let basic = try await hub.call(.get, "/api/v1/editions", token: nil, raw: nil)
            #expect(basic.status == 401)
            let operatorOnOrganiserRoute = try await hub.call(.get, "/api/v1/tenants", token: hub.operatorToken)
            #expect(operatorOnOrganiserRoute.status == 403)
            #expect(operatorOnOrganiserRoute.problem == "forbidden")
            let organiserMakingNetworks = try await hub.call(.post, "/api/v1/networks", token: a.organiserToken, json: ["name": "X"])
            #expect(organiserMakingNetworks.status == 403)
            #expect(try await hub.call(.get, "/api/v1/editions", token: a.agentToken).status == 403)
            #expect(try await hub.call(.get, "/api/v1/networks", token: hub.operatorToken).items.count == 1)
        }
    }

    @Test("unknown ids and routes are 404, duplicates 409, still-used rows 409", arguments: StoreKind.allCases)
    func notFoundAndConflicts(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Hoog")
            let org = a.organiserToken
            let unknown = try await hub.call(.get, "/api/v1/sessions/01900000-0000-7000-8000-000000000000", token: org)
            #expect(unknown.status == 404)
            #expect(unknown.problem == "not-found")
            #expect(try await hub.call(.get, "/api/v1/sessions/not-a-uuid", token: org).status == 404)
            #expect(try await hub.call(.get, "/api/v1/nothing-here", token: org).problem == "not-found")

            let duplicateYear = try await hub.call(.post, "/api/v1/editions", token: org, json: Payload.edition)
            #expect(duplicateYear.status == 409)
            #expect(duplicateYear.problem == "duplicate")
            #expect(duplicateYear.string("detail").contains("edition for this year"))
            let tenant = try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)", token: org)
            let duplicateBrin = try await hub.call(
                .post, "/api/v1/tenants", token: org,
                json: Payload.tenant(brin: tenant.string("brin"), domain: "ander.nl"))
            #expect(duplicateBrin.status == 409)
            #expect(duplicateBrin.string("detail").contains("BRIN"))
            let duplicateDomain = try await hub.call(
                .post, "/api/v1/tenants", token: org,
                json: Payload.tenant(brin: "11AA", domain: a.domain))
            #expect(duplicateDomain.status == 409)
            #expect(duplicateDomain.string("detail").contains("mail domains"))

            let hostInUse = try await hub.call(.delete, "/api/v1/tenants/\(a.tenantId)/people/\(a.personId)", token: org)
            #expect(hostInUse.status == 409)
            #expect(hostInUse.problem == "conflict")
            #expect(try await hub.call(.delete, "/api/v1/editions/\(a.editionId)", token: org).status == 409)
            #expect(try await hub.call(.get, "/api/v1/tenants", token: org).items.count == 1)
        }
    }

    @Test("a body over the limit gets 413 and writes nothing", arguments: StoreKind.allCases)
    func bodyTooLarge(kind: StoreKind) async throws {
        var configuration = HubConfiguration()
        configuration.maxBodyBytes = 4096
        try await withHub(kind, configuration: configuration) { hub in
            let a = try await hub.seed("Laag")
            var big = Payload.session(edition: a.editionId, tenant: a.tenantId)
            big["description"] = String(repeating: "x", count: 10_000)
            let reply = try await hub.call(.post, "/api/v1/sessions", token: a.organiserToken, json: big)
            #expect(reply.status == 413)
            #expect(reply.problem == "body-too-large")
            #expect(try await hub.call(.get, "/api/v1/editions/\(a.editionId)/sessions", token: a.organiserToken).items.count == 1)
        }
    }
}
