import Foundation
import HubStore
import KijkjeDomain

/// The retention purge (the scheduler's round): every edition whose last day lies more than `days` back loses its
/// personal data; its dashboard's tables are kept as figures (in Dutch, the network's language).
extension Operations {
    public func purgeExpiredEditions(retentionDays days: Int, at now: Date) async throws -> [(edition: Edition, report: PurgeReport)] {
        let cutoff = Calendar.networkCalendar.day(of: now.addingTimeInterval(-Double(days) * 86_400))
        var purged: [(Edition, PurgeReport)] = []
        for edition in try await store.editionsDueForPurge(lastDayBefore: cutoff) {
            let figures = try await Dashboard.load(store, edition: edition, words: PortalText.words(.nl)).documents
            purged.append((edition, try await store.purgeEdition(id: edition.id, in: edition.networkId, figures: figures, at: now)))
        }
        return purged
    }
}
