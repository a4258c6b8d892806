import Foundation
import KijkjeTestSupport
import Testing

/// Shadow matching through the organiser API, on both stores.
@Suite("Shadow matching API")
struct ShadowMatchingAPITests {
    /// A second school 30 km away with a principal who offers Tuesday and Wednesday, two places a day.
    static func hostSchool(_ hub: HubHarness, _ a: SeededNetwork) async throws -> (tenant: String, offer: String) {
        let org = a.organiserToken
        var school = Payload.tenant(brin: "44HH", domain: "host-\(a.domain)", name: "Het Noorderlicht")
        school["latitude"] = 52.78
        school["longitude"] = 6.10
        let tenant = try await hub.call(.post, "/api/v1/tenants", token: org, json: school).string("id")
        let host = try await hub.call(
            .post, "/api/v1/tenants/\(tenant)/people", token: org,
            json: ["name": "Dirk Directeur", "email": "dirk@host-\(a.domain)", "role": "principal"]
        ).string("id")
        var offer = Payload.offer(edition: a.editionId, tenant: tenant, host: host)
        offer["days"] = ["2026-11-17", "2026-11-18"]
        offer["subjects"] = ["wiskunde", "leiderschap"]
        return (tenant, try await hub.call(.post, "/api/v1/shadow-offers", token: org, json: offer).string("id"))
    }

    static func request(
        _ hub: HubHarness, _ a: SeededNetwork, name: String, roles: [String], days: [String],
        maxKm: Int? = nil
    ) async throws -> String {
        let person = try await hub.call(
            .post, "/api/v1/tenants/\(a.tenantId)/people", token: a.organiserToken,
            json: ["name": name, "email": "\(name.lowercased())@\(a.domain)", "role": "teacher"]
        ).string("id")
        var body: [String: Any] = [
            "edition_id": a.editionId, "tenant_id": a.tenantId, "person_id": person, "roles": roles,
            "subjects": ["leiderschap"], "days": days,
        ]
        if let maxKm { body["max_distance_km"] = maxKm }
        let made = try await hub.call(.post, "/api/v1/shadow-requests", token: a.organiserToken, json: body)
        #expect(made.status == 201)
        return made.string("id")
    }

    @Test(
        "the run matches optimally with reasons, explains the unmatched, and keeps what both sides confirmed",
        arguments: StoreKind.allCases)
    func matchingFlow(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Schaduw")
            let org = a.organiserToken
            let host = try await Self.hostSchool(hub, a)
            let carla = try await Self.request(hub, a, name: "Carla", roles: ["principal", "team_leader"], days: ["2026-11-17"])
            let daan = try await Self.request(hub, a, name: "Daan", roles: ["principal"], days: ["2026-11-17"])
            let eva = try await Self.request(hub, a, name: "Eva", roles: ["principal"], days: ["2026-11-17"])
            let far = try await Self.request(hub, a, name: "Frits", roles: ["principal"], days: ["2026-11-18"], maxKm: 5)
            let run = try await hub.call(.post, "/api/v1/editions/\(a.editionId)/shadow-matching", token: org, json: ["seed": 5])
            #expect(run.status == 201)
            let matches = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-matches", token: org).items
                .filter { $0["offer_id"] as? String == host.offer && $0["state"] as? String == "proposed" }
            // Two places on Tuesday for three Tuesday requests; Frits is within 5 km of nobody but his own school's offer.
            #expect(matches.count == 2)
            #expect(matches.allSatisfy { $0["day"] as? String == "2026-11-17" })
            #expect(matches.allSatisfy { (($0["reasons"] as? [[String: Any]]) ?? []).contains { $0["role"] != nil } })
            let unmatched = (run.object["unmatched"] as? [[String: Any]]) ?? []
            let unmatchedIds = Set(unmatched.compactMap { $0["request_id"] as? String })
            #expect(unmatchedIds.count == 2 && unmatchedIds.contains(far))
            let tuesdayLoser = try #require(unmatched.first { $0["request_id"] as? String != far })
            let alternatives = (tuesdayLoser["alternatives"] as? [[String: Any]]) ?? []
            #expect(alternatives.first?["offer_id"] as? String == host.offer)
            #expect(((alternatives.first?["blockers"] as? [[String: Any]]) ?? []).contains { $0["full"] != nil })
            let farAlternatives = (unmatched.first { $0["request_id"] as? String == far }?["alternatives"] as? [[String: Any]]) ?? []
            #expect(farAlternatives.contains { (($0["blockers"] as? [[String: Any]]) ?? []).contains { $0["too_far"] != nil } })

            // Both sides say yes to the first pair; the second pair's host says no.
            let first = try #require(matches.first?["id"] as? String), second = try #require(matches.last?["id"] as? String)
            #expect(
                try await hub.call(.post, "/api/v1/shadow-matches/\(first)/accept", token: org, json: ["side": "requester"])
                    .string("state") == "proposed")
            #expect(
                try await hub.call(.post, "/api/v1/shadow-matches/\(first)/accept", token: org, json: ["side": "host"])
                    .string("state") == "confirmed")
            #expect(
                try await hub.call(.post, "/api/v1/shadow-matches/\(second)/decline", token: org, json: ["side": "host"])
                    .string("state") == "declined")
            let again = try await hub.call(.post, "/api/v1/shadow-matches/\(first)/decline", token: org, json: ["side": "host"])
            #expect(again.status == 409)

            // A rerun keeps the confirmed pair, never proposes the declined one again, and gives its place away.
            _ = try await hub.call(.post, "/api/v1/editions/\(a.editionId)/shadow-matching", token: org, json: ["seed": 5])
            let after = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-matches", token: org).items
            let confirmedRequest = matches.first?["request_id"] as? String
            let declinedRequest = matches.last?["request_id"] as? String
            #expect(after.filter { $0["state"] as? String == "confirmed" }.map { $0["request_id"] as? String } == [confirmedRequest])
            let open = after.filter { $0["state"] as? String == "proposed" && $0["offer_id"] as? String == host.offer }
            #expect(open.count == 1)
            #expect(open.first?["request_id"] as? String != declinedRequest)
            #expect([carla, daan, eva].contains(open.first?["request_id"] as? String ?? ""))
        }
    }

    @Test("a pin is made even against the optimum, and a forbidden pair never", arguments: StoreKind.allCases)
    func pinsAndForbidden(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Regels")
            let org = a.organiserToken
            let host = try await Self.hostSchool(hub, a)
            let gijs = try await Self.request(hub, a, name: "Gijs", roles: ["principal"], days: ["2026-11-18"])
            let hanna = try await Self.request(hub, a, name: "Hanna", roles: ["team_leader"], days: ["2026-11-18"])
            let forbid = try await hub.call(
                .put, "/api/v1/editions/\(a.editionId)/shadow-rules", token: org,
                json: ["request_id": gijs, "offer_id": host.offer, "kind": "forbid"])
            #expect(forbid.status == 200)
            let pin = try await hub.call(
                .put, "/api/v1/editions/\(a.editionId)/shadow-rules", token: org,
                json: ["request_id": hanna, "offer_id": host.offer, "kind": "pin"])
            #expect(pin.status == 200)
            #expect(try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-rules", token: org).items.count == 2)
            _ = try await hub.call(.post, "/api/v1/editions/\(a.editionId)/shadow-matching", token: org, json: ["seed": 9])
            let proposed = try await hub.call(.get, "/api/v1/editions/\(a.editionId)/shadow-matches", token: org).items
                .filter { $0["state"] as? String == "proposed" }
            #expect(!proposed.contains { $0["request_id"] as? String == gijs && $0["offer_id"] as? String == host.offer })
            let pinned = proposed.first { $0["request_id"] as? String == hanna }
            #expect(pinned?["offer_id"] as? String == host.offer)
            #expect(pinned?["pinned"] as? Bool == true)
            #expect(
                try await hub.call(.delete, "/api/v1/editions/\(a.editionId)/shadow-rules/\(gijs)/\(host.offer)", token: org).status == 204)
            let bad = try await hub.call(
                .put, "/api/v1/editions/\(a.editionId)/shadow-rules", token: org,
                json: ["request_id": gijs, "offer_id": a.sessionId, "kind": "pin"])
            #expect(bad.status == 422)
            #expect(bad.fields == ["offer_id"])
        }
    }
}
