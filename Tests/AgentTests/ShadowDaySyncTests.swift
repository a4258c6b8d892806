import Agent
import AsyncHTTPClient
import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import NIOCore
import NIOSSL
import Testing

/// A shadow day both sides said yes to reaches both schools' agents (and no other), so the shadower's school sees
/// the day among its absences; an agent of protocol version 1 is not sent the new row kind.
@Suite("Shadow days in the agents")
struct ShadowDaySyncTests {
    @Test("a confirmed shadow day syncs to both schools and shows among the shadower's school's absences", arguments: StoreKind.allCases)
    func confirmedDayReachesBothSchools(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let now = Date().roundedToMillis
            let shadower = Person(
                id: UUIDv7.make(), tenantId: world.memberA.id, name: "Sanne Schaduw",
                email: "sanne@\(world.memberA.emailDomains[0])", role: .teacher)
            let host = Person(
                id: UUIDv7.make(), tenantId: world.memberB.id, name: "Dirk Directeur",
                email: "dirk@\(world.memberB.emailDomains[0])", role: .principal)
            try await world.store.addPerson(shadower, in: world.networkId, at: Date())
            try await world.store.addPerson(host, in: world.networkId, at: Date())
            let day = world.edition.days[1]
            let offer = ShadowOffer(
                id: UUIDv7.make(), editionId: world.edition.id, tenantId: world.memberB.id, hostPersonId: host.id,
                role: .principal, subjects: [], schoolType: .havoVwo, days: [day], capacity: 1, visibility: .network)
            try await world.store.addShadowOffer(offer, in: world.networkId, at: Date())
            let request = ShadowRequest(
                id: UUIDv7.make(), editionId: world.edition.id, tenantId: world.memberA.id, personId: shadower.id,
                roles: [.principal], subjects: [], schoolTypes: [], ownSchoolAllowed: false, maxDistanceKm: nil,
                days: [day], motivation: "", createdAt: now)
            try await world.store.addShadowRequest(request, in: world.networkId)
            _ = try await Operations(store: world.store).runMatching(
                editionId: world.edition.id, seed: 1, by: Organiser(networkId: world.networkId), at: now)
            let match = try #require(try await world.store.shadowMatches(editionId: world.edition.id, in: world.networkId).first)

            var agents: [(Tenant, AgentFolder, Replica)] = []
            for school in world.schools {
                let folder = try await world.joinAgent(school)
                agents.append((school, folder, try folder.replica()))
            }
            func syncAll() async throws {
                for (school, folder, replica) in agents {
                    let client = try folder.client()
                    try await SyncSession(school: school.id, replica: replica, client: client).round()
                    try await client.shutdown()
                }
            }
            try await syncAll()
            #expect(try agents.allSatisfy { try $0.2.rows(.shadowDay, as: ShadowDay.self).isEmpty }, "a proposal is nobody's absence yet")

            for side in [ShadowSide.requester, .host] {
                _ = try await world.store.answerShadowMatch(id: match.id, side: side, accept: true, at: now, in: world.networkId) { _ in []
                }
            }
            try await syncAll()
            let (a, b, g) = (agents[0].2, agents[1].2, agents[2].2)
            let seenByA = try #require(try a.rows(.shadowDay, as: ShadowDay.self)[match.id])
            #expect(seenByA.day == day && seenByA.requesterPersonId == shadower.id && seenByA.hostSchool == world.memberB.name)
            #expect(try b.rows(.shadowDay, as: ShadowDay.self)[match.id] == seenByA)
            #expect(try g.rows(.shadowDay, as: ShadowDay.self).isEmpty, "a school outside the pair does not see it")

            let awayAtA = try Absence.list(in: a, school: world.memberA.id, edition: world.edition)
            #expect(
                awayAtA.contains {
                    $0.email == shadower.email && $0.day == day && $0.session == "shadow day"
                        && $0.location.hasPrefix(world.memberB.name)
                })
            #expect(
                try !Absence.list(in: b, school: world.memberB.id, edition: world.edition).contains { $0.session == "shadow day" },
                "the host is at their own school")

            // An agent that speaks protocol version 1 is not sent the kind it does not know.
            let token = try String(contentsOf: agents[0].1.path.appendingPathComponent("credential"), encoding: .utf8)
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(world.certificates.caCertificatePath))
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
            for (version, expected) in [("1", false), ("2", true)] {
                var pull = HTTPClientRequest(url: world.hub.appendingPathComponent("sync/v1/pull").absoluteString)
                pull.method = .POST
                pull.headers.add(name: "Authorization", value: "Bearer \(token)")
                pull.headers.add(name: "Content-Type", value: "application/json")
                pull.headers.add(name: SyncProtocol.header, value: version)
                pull.body = .bytes(ByteBuffer(string: "{}"))
                let response = try await http.execute(pull, timeout: .seconds(30))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 24))
                #expect(response.status == .ok && body.contains("\"shadow_day\"") == expected, "protocol \(version)")
            }
            try await http.shutdown()
        }
    }
}
