import Foundation
import KijkjeTestSupport
import Testing

/// The organiser API end to end through the real router, on both stores.
@Suite("Organiser API")
struct OrganiserAPITests {
    @Test("an operator creates a network and an organiser token; the organiser builds the week", arguments: StoreKind.scaledOut)
    func organiserBuildsTheWeek(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Noord")
            let org = a.organiserToken
            #expect(a.organiserToken.hasPrefix("kjk_org_"))
            #expect(try await hub.call(.get, "/api/v1/networks", token: org).items.map { $0["id"] as? String } == [a.networkId])
            #expect(try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)", token: org).string("brin").count == 4)
            let sessions = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/sessions", token: org)
            #expect(sessions.status == 200)
            #expect(sessions.items.first?["title"] as? String == "Formatief evalueren")
            #expect(sessions.items.first?["visibility"] as? String == "network")
            let offers = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-offers", token: org)
            #expect(offers.items.first?["host_person_id"] as? String == a.personId)

            var changed = Payload.session(edition: a.editionId, tenant: a.tenantId, title: "Formatief evalueren 2")
            changed["capacity"] = 20
            let put = try await hub.call(.put, "/api/v1/sessions/\(a.sessionId)", token: org, json: changed)
            #expect(put.status == 200)
            #expect(try await hub.call(.get, "/api/v1/sessions/\(a.sessionId)", token: org).object["capacity"] as? Int == 20)

            let guest = try await hub.call(
                .post, "/api/v1/tenants", token: org,
                json: Payload.tenant(brin: "77GG", domain: "gast-\(a.domain)", name: "Gastschool", membership: "guest"))
            #expect(guest.status == 201)
            let memberships = try await hub.call(.get, "/api/v1/memberships", token: org).items.compactMap { $0["kind"] as? String }
            #expect(memberships.sorted() == ["guest", "member"])
            let promoted = try await hub.call(.put, "/api/v1/memberships/\(guest.string("id"))", token: org, json: ["kind": "member"])
            #expect(promoted.string("kind") == "member")

            #expect(try await hub.call(.delete, "/api/v1/shadow-offers/\(a.offerId)", token: org).status == 204)
            // Withdrawing a session with people in it cancels their enrolments (and tells them, see NotificationTests).
            #expect(try await hub.call(.delete, "/api/v1/sessions/\(a.sessionId)", token: org).status == 204)
            #expect(try await hub.call(.get, "/api/v1/enrolments/\(a.enrolmentId)", token: org).status == 404)
            #expect(try await hub.call(.get, "/api/v1/sessions/\(a.sessionId)", token: org).status == 404)
            #expect(try await hub.call(.delete, "/api/v1/tenants/\(a.tenantId)/people/\(a.personId)", token: org).status == 204)
            #expect(try await hub.call(.delete, "/api/v1/editions/\(a.editionId)", token: org).status == 409)
            #expect(try await hub.call(.delete, "/api/v1/shadow-requests/\(a.requestId)", token: org).status == 204)
            #expect(try await hub.call(.delete, "/api/v1/editions/\(a.editionId)", token: org).status == 204)
        }
    }

    @Test("an invitation code admits one agent once, and the organiser can revoke its token", arguments: StoreKind.scaledOut)
    func invitationAndJoin(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Oost")
            let issued = try await hub.call(
                .post, "/api/v1/invitations", token: a.organiserToken,
                json: ["tenant_id": a.tenantId, "valid_days": 3])
            #expect(issued.status == 201)
            let code = issued.string("code")
            #expect(code.hasPrefix("kjk_inv_"))
            let joined = try await hub.call(.post, "/sync/v1/join", json: ["code": code, "label": "agent op server 1"])
            #expect(joined.status == 201)
            #expect(joined.string("tenant_id") == a.tenantId)
            #expect(joined.string("token").hasPrefix("kjk_agt_"))
            let again = try await hub.call(.post, "/sync/v1/join", json: ["code": code])
            #expect(again.status == 410)
            #expect(again.problem == "invitation-used")
            let unknown = try await hub.call(.post, "/sync/v1/join", json: ["code": "kjk_inv_unknown"])
            #expect(unknown.status == 404)
            #expect(unknown.problem == "invitation-unknown")

            let tokens = try await hub.call(.get, "/api/v1/tokens", token: a.organiserToken).items
            let agentToken = try #require(tokens.first { $0["id"] as? String == joined.string("credential_id") })
            #expect(agentToken["kind"] as? String == "agent")
            #expect(agentToken["last_used_at"] == nil || agentToken["last_used_at"] is NSNull)
            #expect(!tokens.contains { ($0["token_hash"] ?? $0["token"]) != nil })
            let revoked = try await hub.call(.delete, "/api/v1/tokens/\(joined.string("credential_id"))", token: a.organiserToken)
            #expect(revoked.status == 200)
            #expect(revoked.string("revoked_at") != "")
            let refused = try await hub.call(.get, "/api/v1/tenants", token: joined.string("token"))
            #expect(refused.status == 401)
        }
    }

    @Test("a token records when it was last used and stops working once revoked", arguments: StoreKind.scaledOut)
    func tokensAreRevocable(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Zuid")
            let list = try await hub.call(.get, "/api/v1/tokens", token: hub.operatorToken).items
            let organiser = try #require(list.first { $0["id"] as? String == a.organiserTokenId })
            #expect(organiser["last_used_at"] as? String != nil)
            #expect(organiser["network_id"] as? String == a.networkId)
            #expect(try await hub.call(.delete, "/api/v1/tokens/\(a.organiserTokenId)", token: hub.operatorToken).status == 200)
            let after = try await hub.call(.get, "/api/v1/tenants", token: a.organiserToken)
            #expect(after.status == 401)
            #expect(after.problem == "unauthorized")
        }
    }

    @Test("health, readiness and metrics answer", arguments: StoreKind.scaledOut)
    func operations(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            #expect(try await hub.call(.get, "/health").string("status") == "ok")
            let ready = try await hub.call(.get, "/ready")
            #expect(ready.status == 200)
            #expect(ready.object["schema_version"] as? Int == ready.object["expected_schema_version"] as? Int)
            _ = try await hub.call(.get, "/api/v1/tenants")
            let metrics = try await hub.call(.get, "/metrics")
            #expect(metrics.text.contains(#"kijkje_http_requests_total{method="GET",route="/api/v1/tenants",status="401"} 1"#))
            #expect(metrics.text.contains("kijkje_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("kijkje_store_errors_total"))
        }
    }
}
