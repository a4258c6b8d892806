import Foundation
import HubStore
import KijkjeDomain
import KijkjeMatching
import KijkjeSync

/// What the hub says a school may see, as (kind/id → JSON of the hub's value), built from the store's own reads: a
/// school's replica must hold exactly this after a sync.
public func hubView(of school: Tenant, in networkId: UUID, edition: Edition, store: any HubStore) async throws -> [String: String] {
    let guestIds = Set(try await store.memberships(in: networkId).filter { $0.kind == .guest }.map(\.tenantId))
    let isGuest = guestIds.contains(school.id)
    var seen: [String: String] = [:]
    func put(_ kind: SyncRowKind, _ id: UUID, _ value: some Encodable) throws {
        seen["\(kind.rawValue)/\(id.uuidString.lowercased())"] = String(decoding: try JSONEncoder.hub.encode(value), as: UTF8.self)
    }
    for edition in try await store.editions(in: networkId) { try put(.edition, edition.id, edition) }
    let sessions = try await store.sessions(editionId: edition.id, in: networkId)
    for session in sessions where session.visibility.admits(viewer: school.id, owner: session.tenantId, viewerIsGuest: isGuest) {
        try put(.session, session.id, session)
    }
    for offer in try await store.shadowOffers(editionId: edition.id, in: networkId)
    where offer.visibility.admits(viewer: school.id, owner: offer.tenantId, viewerIsGuest: isGuest) {
        try put(.shadowOffer, offer.id, offer)
    }
    for person in try await store.people(tenantId: school.id, in: networkId) { try put(.person, person.id, person) }
    for session in sessions {
        for enrolment in try await store.enrolments(sessionId: session.id, in: networkId)
        where enrolment.tenantId == school.id || enrolment.personTenantId == school.id {
            try put(.enrolment, enrolment.id, enrolment)
        }
    }
    return seen
}

/// A school's HR export: `count` colleagues with Dutch and English role words, semicolon-separated with a BOM.
public func staffCSV(_ school: Tenant, count: Int) -> String {
    let roles = ["docent", "teacher", "oop", "teamleider", "principal"]
    var lines = ["\u{FEFF}naam;e-mail;functie;vakken"]
    for i in 0..<count {
        lines.append("Collega \(i);collega\(i)@\(school.emailDomains[0]);\(roles[i % roles.count]);wiskunde|natuurkunde")
    }
    return lines.joined(separator: "\r\n")
}

/// A small seeded generator, so that a random run can be replayed from its seed: the lottery's SplitMix64.
public typealias SplitMix = Lottery

extension Lottery {
    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
