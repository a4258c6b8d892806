import Foundation
import Hub
import HubStore
import Hummingbird
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// Walks every route the router has with another network's credentials, aimed at network A's objects,
/// and checks that none of A's data comes back and nothing of A changes.
@Suite("Tenant isolation")
struct TenantLeakTests {
    @Test("no route reads or changes another network's or school's objects", arguments: StoreKind.allCases)
    func walkEveryRoute(kind: StoreKind) async throws {
        try await withHub(kind) { hub in
            // Portal pages sign in by cookie; `PortalLeakTests` walks them with another school's session.
            let routes = try buildRouter(HubConfiguration(), store: hub.store, metrics: HubMetrics()).routes.filter {
                !isPortalPage($0.path.description)
            }
            #expect(routes.count >= 30)
            let a = try await hub.seed("Alfa")
            let b = try await hub.seed("Bravo")
            let before = try await snapshot(hub, a)
            let secrets = a.ids + [a.domain, "School Alfa", a.organiserToken, a.agentToken]
            for route in routes {
                let path = fill(route.path.description, with: a)
                for (who, token) in [("organiser of another network", b.organiserToken), ("agent of another school", b.agentToken)] {
                    let reply = try await hub.call(route.method, path, token: token, json: body(aimedAt: a))
                    let leaked = secrets.filter { reply.text.localizedCaseInsensitiveContains($0) }
                    #expect(leaked.isEmpty, "\(route.method) \(path) as \(who) answered \(reply.status) with A's \(leaked)")
                    if route.method != .get || route.path.description.contains("{") {
                        #expect(
                            [400, 401, 403, 404, 409, 410, 422].contains(reply.status) || Self.createsInOwnScope(route),
                            "\(route.method) \(path) as \(who) answered \(reply.status)")
                    }
                }
            }
            #expect(try await snapshot(hub, a) == before)
        }
    }

    /// Routes that create something in the caller's own network (never in A's), or read the caller's own sync
    /// scopes, and so may succeed.
    static func createsInOwnScope(_ route: Router<HubContext>.RouteDescription) -> Bool {
        route.method == .post
            && ["/api/v1/tenants", "/api/v1/editions", "/api/v1/organisers", "/sync/v1/pull"].contains(route.path.description)
    }

    /// The path with every parameter replaced by the matching id of network A.
    func fill(_ pattern: String, with a: SeededNetwork) -> String {
        let ids = [
            "{networkId}": a.networkId, "{tenantId}": a.tenantId, "{editionId}": a.editionId, "{sessionId}": a.sessionId,
            "{offerId}": a.offerId, "{personId}": a.personId, "{invitationId}": a.invitationId, "{tokenId}": a.organiserTokenId,
            "{enrolmentId}": a.enrolmentId, "{requestId}": a.requestId, "{matchId}": a.matchId,
        ]
        let filled = ids.reduce(pattern) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        #expect(!filled.contains("{"), "the leak walk does not know a parameter of \(pattern)")
        return filled
    }

    /// A body that is valid everywhere except that every reference points at network A.
    func body(aimedAt a: SeededNetwork) -> [String: Any] {
        var json = Payload.tenant(brin: "98ZZ", domain: "leak-\(UUID().uuidString.prefix(6).lowercased()).nl", name: "Leak")
        json.merge(Payload.session(edition: a.editionId, tenant: a.tenantId, title: "Leak")) { $1 }
        json.merge(Payload.offer(edition: a.editionId, tenant: a.tenantId, host: a.personId)) { $1 }
        json.merge([
            "email": "leak@\(a.domain)", "kind": "guest", "label": "leak", "year": 2031, "code": "kjk_inv_nope",
            "registration_opens_at": "2031-09-01T08:00:00Z", "registration_closes_at": "2031-10-01T08:00:00Z",
            "matching_deadline": "2031-10-10T08:00:00Z", "days": ["2031-11-18"], "person_id": a.personId,
            "session_id": a.sessionId, "session_ids": [a.sessionId], "seed": 1,
            "request_id": a.requestId, "offer_id": a.offerId, "side": "host", "roles": ["principal"],
        ]) { $1 }
        return json
    }

    /// Everything of network A as its own organiser sees it in the store.
    struct Snapshot: Equatable {
        var network: Network
        var tenants: [Tenant]
        var memberships: [Membership]
        var editions: [Edition]
        var sessions: [Session]
        var offers: [ShadowOffer]
        var people: [Person]
        var invitations: [Invitation]
        var revoked: [Date?]
        var enrolments: [Enrolment]
        var history: [EnrolmentEvent]
        var choices: [RankedChoices]
        var allocation: AllocationRun?
        var shadowRequests: [ShadowRequest]
        var shadowMatches: [ShadowMatch]
        var shadowRules: [ShadowRule]
        var shadowRun: ShadowMatchingRun?
    }

    func snapshot(_ hub: HubHarness, _ a: SeededNetwork) async throws -> Snapshot {
        let store = hub.store
        guard let n = UUID(uuidString: a.networkId), let t = UUID(uuidString: a.tenantId), let e = UUID(uuidString: a.editionId)
        else { throw TestSetupError("bad ids") }
        return Snapshot(
            network: try await store.network(id: n), tenants: try await store.tenants(in: n),
            memberships: try await store.memberships(in: n), editions: try await store.editions(in: n),
            sessions: try await store.sessions(editionId: e, in: n), offers: try await store.shadowOffers(editionId: e, in: n),
            people: try await store.people(tenantId: t, in: n), invitations: try await store.invitations(in: n),
            revoked: try await store.credentials(networkId: n).map(\.revokedAt),
            enrolments: try await store.enrolments(sessionId: UUID(uuidString: a.sessionId)!, in: n),
            history: try await store.enrolmentHistory(id: UUID(uuidString: a.enrolmentId)!, in: n),
            choices: try await store.rankedChoices(editionId: e, in: n), allocation: try await store.allocationRun(editionId: e, in: n),
            shadowRequests: try await store.shadowRequests(editionId: e, in: n),
            shadowMatches: try await store.shadowMatches(editionId: e, in: n),
            shadowRules: try await store.shadowRules(editionId: e, in: n),
            shadowRun: try await store.latestShadowMatchingRun(editionId: e, in: n))
    }
}
