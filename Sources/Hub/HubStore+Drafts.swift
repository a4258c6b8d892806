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
