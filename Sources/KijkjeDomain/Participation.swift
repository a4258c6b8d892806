import Foundation

/// Who took part in an edition, for reach figures: a confirmed place in a session (workshop or kickoff), or a
/// confirmed shadow day, as shadower or as host.
public enum Participation {
    public struct Person: Hashable, Sendable {
        public var tenantId: UUID
        public var personId: UUID

        public init(tenantId: UUID, personId: UUID) {
            self.tenantId = tenantId
            self.personId = personId
        }
    }

    public static func people(enrolments: [Enrolment], matches: [ShadowMatch]) -> Set<Person> {
        var people = Set(enrolments.filter { $0.state == .confirmed }.map { Person(tenantId: $0.personTenantId, personId: $0.personId) })
        for match in matches where match.state == .confirmed {
            people.insert(Person(tenantId: match.tenantId, personId: match.personId))
            people.insert(Person(tenantId: match.offerTenantId, personId: match.hostPersonId))
        }
        return people
    }
}
