import Foundation
import HubStore
import KijkjeDomain

/// The hub operator: creates networks and their organisers' tokens.
public struct Operator: Sendable, Equatable {
    public init() {}
}

/// The career centre of one network: acts only inside it.
public struct Organiser: Sendable, Equatable {
    public let networkId: UUID

    public init(networkId: UUID) { self.networkId = networkId }
}

/// A staff member signed in to the portal: acts only for themselves.
public struct Staff: Sendable, Equatable {
    public let tenantId: UUID
    public let personId: UUID
    public let networkId: UUID

    public init(tenantId: UUID, personId: UUID, networkId: UUID) {
        self.tenantId = tenantId
        self.personId = personId
        self.networkId = networkId
    }

    /// Whether this is the person named.
    public func isPerson(tenantId: UUID, personId: UUID) -> Bool { self.tenantId == tenantId && self.personId == personId }
}

/// Who acts on a person's enrolments, requests, offers and proposals: the organiser for anyone in the network,
/// a staff member for themselves only.
public enum Acting: Sendable, Equatable {
    case organiser(Organiser)
    case staff(Staff)

    public var networkId: UUID {
        switch self {
        case .organiser(let organiser): organiser.networkId
        case .staff(let staff): staff.networkId
        }
    }

    /// Whether this caller may act for the person; another's things are as unknown to staff as a wrong id.
    func mayActFor(tenantId: UUID, personId: UUID) -> Bool {
        switch self {
        case .organiser: true
        case .staff(let staff): staff.isPerson(tenantId: tenantId, personId: personId)
        }
    }

    /// Refuses, as not found, what belongs to someone else.
    func requireOwn(tenantId: UUID, personId: UUID, _ what: String) throws(StoreError) {
        guard mayActFor(tenantId: tenantId, personId: personId) else { throw StoreError.notFound(what) }
    }
}
