import Foundation
import HubStore
import KijkjeDomain

/// Every change the hub makes, whichever door it comes through: the organiser API, the portal, the agents' sync
/// push, the scheduler, the demo and the benchmarks. Each operation takes its caller as a typed value (operator,
/// organiser of a network, staff member, school agent) and the time, checks what that caller may do, and calls
/// the store. Reads for pages and lists go to the store directly.
public struct Operations: Sendable {
    public let store: any HubStore
    /// The mails of shadow matching (language, sender).
    public let mail: ShadowMail
    /// How long an invitation code stays valid unless the organiser says otherwise.
    public let invitationDays: Int

    public init(store: any HubStore, mail: ShadowMail = ShadowMail(), invitationDays: Int = 14) {
        self.store = store
        self.mail = mail
        self.invitationDays = invitationDays
    }
}

extension Operations {
    /// The edition a draft names, if it is one of the network's: a missing id is left to the draft's validation,
    /// an unknown one (or another network's) is an invalid field.
    func edition(namedBy id: UUID?, in networkId: UUID) async throws -> Edition? {
        guard let id else { return nil }
        do {
            return try await store.edition(id: id, in: networkId)
        } catch StoreError.notFound {
            throw StoreError.unknownEdition
        }
    }

    /// A random seed for a run whose caller named none.
    static func randomSeed() -> Int { Int.random(in: 0...Int(Int32.max)) }
}
