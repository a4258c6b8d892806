import Foundation
import HubStore
import KijkjeDomain
import KijkjeMatching

extension Operations {
    /// Runs an edition's shadow matching: scores every request against every offer with the domain's compatibility
    /// rules, solves the many-to-one assignment on the shared min-cost-flow solver (pins first, forbidden and
    /// declined pairs never, confirmed pairs kept), and stores the proposals with their reasons and mails and, for
    /// every request left unmatched, its three nearest alternatives and what blocks each.
    public func runMatching(editionId: UUID, seed: Int? = nil, by organiser: Organiser, at now: Date) async throws -> ShadowMatchingRun {
        let networkId = organiser.networkId, seed = seed ?? Self.randomSeed()
        let input = try await store.shadowMatchingInput(editionId: editionId, in: networkId)
        // Pairs by their ids, not by a text made of them: every request meets every offer here.
        struct Pair: Hashable {
            let request: UUID, offer: UUID
        }
        let forbidden = Set(
            input.rules.filter { $0.kind == .forbid }.map { Pair(request: $0.requestId, offer: $0.offerId) }
                + input.declined.map { Pair(request: $0.requestId, offer: $0.offerId) })
        let settled = Set(input.confirmed.map(\.requestId))
        let open = input.requests.filter { !settled.contains($0.id) }
        let offersById = Dictionary(input.offers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        func assess(_ request: ShadowRequest, _ offer: ShadowOffer) -> ShadowFit? {
            guard let requester = input.places[request.tenantId], let host = input.places[offer.tenantId] else { return nil }
            var fit = ShadowCompatibility.assess(request, requester: requester, offer, host: host)
            if !forbidden.isEmpty && forbidden.contains(Pair(request: request.id, offer: offer.id)) { fit.blockers.append(.forbidden) }
            return fit
        }
        func assessAll(_ request: ShadowRequest) -> [(offer: ShadowOffer, fit: ShadowFit)] {
            input.offers.compactMap { offer in assess(request, offer).map { (offer, $0) } }
        }
        // Only the pairs that fit are kept (every request against every offer, kept whole, took gigabytes at ten times
        // the network); the unmatched requests' alternatives are assessed again below, one request at a time.
        var fits: [UUID: [(offer: ShadowOffer, fit: ShadowFit)]] = [:]
        for request in open { fits[request.id] = assessAll(request).filter(\.fit.isCompatible) }
        let pins = input.rules.filter { $0.kind == .pin && !settled.contains($0.requestId) }
        let instance = ShadowMatching.Instance(
            requests: open.map { request in
                ShadowMatching.Request(
                    id: request.id.uuidString,
                    options: (fits[request.id] ?? []).map {
                        .init(offer: $0.offer.id.uuidString, score: $0.fit.score, days: $0.fit.days.map(\.description))
                    })
            },
            offers: input.offers.map { .init(id: $0.id.uuidString, capacity: $0.capacity, days: $0.days.map(\.description)) },
            seed: UInt64(seed),
            fixed: input.confirmed.map {
                .init(request: "confirmed:\($0.requestId)", offer: $0.offerId.uuidString, day: $0.day.description)
            }
                + pins.map { .init(request: $0.requestId.uuidString, offer: $0.offerId.uuidString) })
        let result = ShadowMatching.solve(instance)

        var proposals: [ShadowMatch] = []
        let requestsById = Dictionary(open.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for pair in result.pairs {
            guard let requestId = UUID(uuidString: pair.request), let request = requestsById[requestId],
                let offerId = UUID(uuidString: pair.offer), let offer = offersById[offerId],
                let day = pair.day.flatMap(Day.init) ?? offer.days.first
            else { continue }
            let fit = fits[requestId]?.first { $0.offer.id == offerId }?.fit ?? assess(request, offer)
            proposals.append(
                ShadowMatch(
                    id: UUIDv7.make(at: now), editionId: editionId, tenantId: request.tenantId, requestId: requestId,
                    personId: request.personId, offerTenantId: offer.tenantId, offerId: offerId, hostPersonId: offer.hostPersonId,
                    day: day, score: fit?.score ?? pair.score, reasons: fit?.reasons ?? [], state: .proposed, pinned: pair.fixed,
                    proposedAt: now))
        }
        let matched = Set(proposals.map(\.requestId))
        let unmatched = open.filter { !matched.contains($0.id) }.map { request in
            ShadowMatchingRun.Unmatched(requestId: request.id, alternatives: ShadowMatchingReview.nearest(assessAll(request)))
        }
        let run = ShadowMatchingRun(
            editionId: editionId, ranAt: now, seed: seed, matched: proposals.count,
            totalScore: proposals.reduce(0) { $0 + $1.score }, unmatched: unmatched)
        var letters: [MailMessage] = []
        for (proposal, sides) in zip(proposals, try await ShadowMail.contacts(for: proposals, store: store, in: networkId)) {
            letters += mail.proposal(proposal, requester: sides.requester, host: sides.host)
        }
        try await store.applyShadowMatching(run, proposals: proposals, mail: letters, in: networkId)
        return run
    }

    /// One side's answer to a proposal. Staff answer for their own side (another's proposal is not found); the
    /// organiser names the side. When it confirms the pair, both get the other's details and the invitation,
    /// mailed from the same transaction.
    public func answer(matchId: UUID, side: ShadowSide? = nil, accept: Bool, by caller: Acting, at now: Date) async throws -> ShadowMatch {
        let match = try await store.shadowMatch(id: matchId, in: caller.networkId)
        let answering: ShadowSide
        switch caller {
        case .organiser:
            guard let side else { throw InvalidInput(field: "side", message: "is required: requester or host") }
            answering = side
        case .staff(let staff):
            if staff.isPerson(tenantId: match.tenantId, personId: match.personId) {
                answering = .requester
            } else if staff.isPerson(tenantId: match.offerTenantId, personId: match.hostPersonId) {
                answering = .host
            } else {
                throw StoreError.notFound("shadow match")
            }
        }
        let sides = try await ShadowMail.contacts(for: match, store: store, in: caller.networkId)
        return try await store.answerShadowMatch(id: matchId, side: answering, accept: accept, at: now, in: caller.networkId) { match in
            mail.confirmation(match, requester: sides.requester, host: sides.host, at: now)
        }
    }
}

/// What the matching tells the unmatched.
enum ShadowMatchingReview {
    /// The three offers closest to working out: compatible ones first (full on the shared days), then by score
    /// less a penalty for each blocker.
    static func nearest(_ fits: [(offer: ShadowOffer, fit: ShadowFit)]) -> [ShadowMatchingRun.Alternative] {
        fits.map { entry in
            ShadowMatchingRun.Alternative(
                offerId: entry.offer.id, score: entry.fit.score,
                blockers: entry.fit.isCompatible ? [.full] : entry.fit.blockers)
        }
        .filter { !$0.blockers.contains(.ownOffer) }
        // Each alternative's rank and id text made once, not in every comparison (thousands of offers a request).
        .map { (rank: $0.score - 40 * $0.blockers.count, id: $0.offerId.uuidString, alternative: $0) }
        .sorted { ($0.rank, $0.id) > ($1.rank, $1.id) }
        .prefix(3).map(\.alternative)
    }
}
