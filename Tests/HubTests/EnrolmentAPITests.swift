import Foundation
import KijkjeTestSupport
import Testing

/// Enrolment and ranked allocation through the organiser API, on both stores.
@Suite("Enrolment API")
struct EnrolmentAPITests {
    /// Adds people to a seeded school and returns their ids.
    static func people(_ hub: HubHarness, _ a: SeededNetwork, _ count: Int) async throws -> [String] {
        var ids: [String] = []
        for i in 0..<count {
            let made = try await hub.call(
                .post, "/api/v1/tenants/\(a.tenantId)/people", token: a.organiserToken,
                json: ["name": "Collega \(i)", "email": "collega\(i)@\(a.domain)", "role": "teacher"])
            ids.append(made.string("id"))
        }
        return ids
    }

    @Test("a refusal names the rule and the conflicting session; a cancellation moves the queue", arguments: StoreKind.allCases)
    func enrolThroughTheAPI(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Enrol")
            let org = a.organiserToken
            var clash = Payload.session(edition: a.editionId, tenant: a.tenantId, title: "Tegelijk")
            clash["capacity"] = 1
            let clashing = try await hub.call(.post, "/api/v1/sessions", token: org, json: clash).string("id")
            let refused = try await hub.call(
                .post, "/api/v1/enrolments", token: org,
                json: ["tenant_id": a.tenantId, "person_id": a.personId, "session_id": clashing])
            #expect(refused.status == 409)
            #expect(refused.problem == "enrolment-refused")
            #expect(refused.string("rule") == "overlap")
            #expect(refused.string("conflicting_session_id") == a.sessionId)

            let others = try await Self.people(hub, a, 2)
            var states: [String] = []
            for person in others {
                states.append(
                    try await hub.call(
                        .post, "/api/v1/enrolments", token: org,
                        json: ["tenant_id": a.tenantId, "person_id": person, "session_id": clashing]
                    ).string("state"))
            }
            #expect(states == ["confirmed", "waitlisted"])
            let list = try await hub.call(.get, "/api/v1/sessions/\(clashing)/enrolments", token: org).items
            let first = try #require(list.first?["id"] as? String), second = try #require(list.last?["id"] as? String)
            #expect(try await hub.call(.post, "/api/v1/enrolments/\(first)/cancel", token: org).string("state") == "cancelled")
            let offered = try await hub.call(.get, "/api/v1/enrolments/\(second)", token: org)
            #expect((offered.object["enrolment"] as? [String: Any])?["state"] as? String == "offered")
            #expect(((offered.object["history"] as? [[String: Any]]) ?? []).count == 2)
            #expect(try await hub.call(.post, "/api/v1/enrolments/\(second)/claim", token: org).string("state") == "confirmed")
            let again = try await hub.call(.post, "/api/v1/enrolments/\(second)/claim", token: org)
            #expect(again.status == 409)
            #expect(again.string("rule") == "not-offered")
        }
    }

    @Test(
        "a ranked edition takes choices, allocates optimally with a recorded seed, explains, then runs first come first served",
        arguments: StoreKind.allCases)
    func rankedAllocation(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            let a = try await hub.seed("Rang")
            let org = a.organiserToken
            var ranked = Payload.edition
            ranked["year"] = 2027
            ranked["days"] = ["2027-11-16", "2027-11-17"]
            ranked["allocation_mode"] = "ranked"
            let edition = try await hub.call(.post, "/api/v1/editions", token: org, json: ranked).string("id")
            var sessions: [String] = []
            for (title, capacity) in [("Populair", 1), ("Rustig", 3)] {
                var body = Payload.session(edition: edition, tenant: a.tenantId, title: title)
                body["starts_at"] = "2027-11-16T09:00:00Z"
                body["ends_at"] = "2027-11-16T10:00:00Z"
                body["capacity"] = capacity
                sessions.append(try await hub.call(.post, "/api/v1/sessions", token: org, json: body).string("id"))
            }
            let people = try await Self.people(hub, a, 3)
            let direct = try await hub.call(
                .post, "/api/v1/enrolments", token: org,
                json: ["tenant_id": a.tenantId, "person_id": people[0], "session_id": sessions[0]])
            #expect(direct.string("rule") == "ranked-choices-open")
            for person in people {
                let put = try await hub.call(
                    .put, "/api/v1/editions/\(edition)/choices", token: org,
                    json: ["tenant_id": a.tenantId, "person_id": person, "session_ids": sessions])
                #expect(put.status == 200)
            }
            #expect(try await hub.call(.get, "/api/v1/editions/\(edition)/choices", token: org).items.count == 3)
            let run = try await hub.call(.post, "/api/v1/editions/\(edition)/allocation", token: org, json: ["seed": 42])
            #expect(run.status == 201)
            #expect(run.object["placed"] as? Int == 3)
            #expect(run.object["worst_rank"] as? Int == 2)
            #expect(run.object["sum_squared_ranks"] as? Int == 1 + 4 + 4)
            #expect(run.object["seed"] as? Int == 42)
            #expect(try await hub.call(.post, "/api/v1/editions/\(edition)/allocation", token: org, json: [:]).status == 409)
            var firstChoices = 0
            for person in people {
                let why = try await hub.call(.get, "/api/v1/editions/\(edition)/allocation/\(a.tenantId)/\(person)", token: org)
                #expect(why.object["lottery_number"] as? Int != nil)
                if why.object["rank"] as? Int == 1 { firstChoices += 1 }
                let enrolments = try await hub.call(.get, "/api/v1/tenants/\(a.tenantId)/people/\(person)/enrolments", token: org).items
                #expect(enrolments.map { $0["state"] as? String } == ["confirmed"])
            }
            #expect(firstChoices == 1)
            let fcfs = try await hub.call(
                .post, "/api/v1/enrolments", token: org,
                json: ["tenant_id": a.tenantId, "person_id": a.personId, "session_id": sessions[1]])
            #expect(fcfs.string("state") == "confirmed")  // the last of the 4 places
        }
    }
}
