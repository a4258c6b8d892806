import Foundation
import HubStore
import KijkjeDomain

extension HubStore {
    /// The edition a draft names, if it is one of the network's; a missing id is left to the draft's validation,
    /// an unknown one is an invalid field.
    func edition(namedBy id: UUID?, in networkId: UUID) async throws -> Edition? {
        guard let id else { return nil }
        do {
            return try await edition(id: id, in: networkId)
        } catch StoreError.notFound {
            throw InvalidInput(field: "edition_id", message: "no edition with this id in this network")
        }
    }
}

extension HubStore {
    /// The network's edition the portal works on: the latest year's (nil before the organiser set one up).
    func latestEdition(in networkId: UUID) async throws -> Edition? {
        try await editions(in: networkId).max { $0.year < $1.year }
    }

    /// The latest edition, or not found.
    func currentEdition(in networkId: UUID) async throws -> Edition {
        guard let edition = try await latestEdition(in: networkId) else { throw StoreError.notFound("edition") }
        return edition
    }
}
