import Foundation
import HubStore
import KijkjeDomain

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
