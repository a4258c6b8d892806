import Foundation
import HubStore
import KijkjeDomain

/// A small network written straight into a store: one school with a person, an edition, a session and a shadow offer.
public struct Fixture: Sendable {
    public let network: Network
    public let tenant: Tenant
    public let person: Person
    public let edition: Edition
    public let session: Session
    public let offer: ShadowOffer

    /// A distinct BRIN code and mail domain per call, so fixtures never collide.
    public static func makeTenant(_ name: String = "Het Baken") -> Tenant {
        let n = Int.random(in: 10...99)
        let letters = (0..<2).map { _ in String(UnicodeScalar(UInt8.random(in: 65...90))) }.joined()
        let slug = UUID().uuidString.prefix(8).lowercased()
        return Tenant(
            id: UUIDv7.make(), name: name, brin: "\(n)\(letters)", town: "Zwolle", latitude: 52.5168,
            longitude: 6.0830, emailDomains: ["s\(slug).nl"], headCounts: ["teacher": 120, "principal": 2])
    }

    /// Writes a fresh network with one of everything into `store`.
    public static func make(in store: any HubStore, name: String = "Netwerk") async throws -> Fixture {
        let now = Date().roundedToMillis
        let network = Network(id: UUIDv7.make(), name: name, createdAt: now)
        try await store.addNetwork(network)
        let tenant = makeTenant()
        try await store.addTenant(tenant, to: network.id, as: .member, at: now)
        let person = Person(
            id: UUIDv7.make(), tenantId: tenant.id, name: "Anna de Vries",
            email: "anna@\(tenant.emailDomains[0])", role: .teacher)
        try await store.addPerson(person, in: network.id, at: Date())
        let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init)
        let edition = Edition(
            id: UUIDv7.make(), networkId: network.id, year: 2026, days: days,
            registrationOpensAt: Date(timeIntervalSince1970: 1_788_000_000),
            registrationClosesAt: Date(timeIntervalSince1970: 1_793_000_000), allocationMode: .fcfs,
            claimWindowHours: 24, matchingDeadline: Date(timeIntervalSince1970: 1_794_000_000))
        try await store.addEdition(edition, at: Date())
        let start = Fixture.time("2026-11-17T09:00:00Z")
        let session = Session(
            id: UUIDv7.make(), editionId: edition.id, tenantId: tenant.id, kind: .workshop,
            title: "Formatief evalueren", description: "Met de hele sectie", presenter: "Piet Jansen",
            location: "Lokaal 12", startsAt: start, endsAt: start.addingTimeInterval(5400), capacity: 12,
            visibility: .network, topics: ["didactiek"])
        try await store.addSession(session, in: network.id, at: Date())
        let offer = ShadowOffer(
            id: UUIDv7.make(), editionId: edition.id, tenantId: tenant.id, hostPersonId: person.id,
            role: .teacher, subjects: ["wiskunde"], schoolType: .havoVwo, days: [days[1]],
            capacity: 2, visibility: .network)
        try await store.addShadowOffer(offer, in: network.id, at: Date())
        return Fixture(network: network, tenant: tenant, person: person, edition: edition, session: session, offer: offer)
    }

    public static func time(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }
}
