import Foundation
import HubStore
import KijkjeDomain

/// The shadow matching's review: pairs with their reasons and rule buttons, the unmatched with their nearest
/// alternatives, and the rules in force.
struct MatchingPage: PortalPage {
    static let template = "matching", title = "matching"

    struct Run: Encodable, Sendable {
        var matched: Int
        var score: Int
        var at: String
    }

    struct Pair: Encodable, Sendable {
        var request: String
        var offer: String
        var day: String
        var state: String
        var score: Int
        var pinned: Bool
        var open: Bool
        var reasons: String
        var requestId: String
        var offerId: String
    }

    struct Unmatched: Encodable, Sendable {
        struct Alternative: Encodable, Sendable {
            var offer: String
            var offerId: String
            var why: String
        }

        var request: String
        var requestId: String
        var alternatives: [Alternative]
    }

    struct Rule: Encodable, Sendable {
        var kind: String
        var request: String
        var offer: String
        var requestId: String
        var offerId: String
    }

    var requests: Int
    var offers: Int
    var run: Run?
    var pairs: [Pair]
    var unmatched: [Unmatched]
    var rules: [Rule]

    init(
        requests: [ShadowRequest], offers: [ShadowOffer], schools: [UUID: String], matches: [ShadowMatch], run: ShadowMatchingRun?,
        rules: [ShadowRule], words: [String: String], language: Language
    ) {
        func requestLabel(_ id: UUID) -> String {
            guard let r = requests.first(where: { $0.id == id }) else { return "?" }
            return "\(schools[r.tenantId] ?? "") — \(r.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: "/"))"
        }
        func offerLabel(_ id: UUID) -> String {
            guard let o = offers.first(where: { $0.id == id }) else { return "?" }
            return "\(schools[o.tenantId] ?? "") — \(words["role_\(o.role.rawValue)"] ?? o.role.rawValue)"
        }
        self.requests = requests.count
        self.offers = offers.count
        self.run = run.map { Run(matched: $0.matched, score: $0.totalScore, at: PortalFormat.moment($0.ranAt, language)) }
        pairs = matches.filter { $0.state != .withdrawn }.map { m in
            Pair(
                request: requestLabel(m.requestId), offer: offerLabel(m.offerId), day: PortalFormat.day(m.day, language),
                state: (words["match_\(m.state.rawValue)"] ?? m.state.rawValue) + Self.waitsOn(m, words, language), score: m.score,
                pinned: m.pinned, open: m.state == .proposed,
                reasons: m.reasons.map { PortalWords.reason($0, words, language) }.joined(separator: "; "),
                requestId: m.requestId.uuidString, offerId: m.offerId.uuidString)
        }
        unmatched = (run?.unmatched ?? []).map { u in
            Unmatched(
                request: requestLabel(u.requestId), requestId: u.requestId.uuidString,
                alternatives: u.alternatives.map {
                    .init(offer: offerLabel($0.offerId), offerId: $0.offerId.uuidString, why: PortalWords.blockers($0.blockers, words))
                })
        }
        self.rules = rules.map {
            Rule(
                kind: words["rule_\($0.kind.rawValue)"] ?? $0.kind.rawValue, request: requestLabel($0.requestId),
                offer: offerLabel($0.offerId),
                requestId: $0.requestId.uuidString, offerId: $0.offerId.uuidString)
        }
    }

    /// For an open proposal: whose answer it waits for, and since when (they get one reminder after the edition's days).
    static func waitsOn(_ match: ShadowMatch, _ words: [String: String], _ language: Language) -> String {
        guard match.state == .proposed else { return "" }
        let who: String
        switch (match.requesterAccepted, match.hostAccepted) {
        case (nil, nil): who = words["waits_both"] ?? ""
        case (nil, _): who = words["waits_requester"] ?? ""
        case (_, nil): who = words["waits_host"] ?? ""
        default: return ""
        }
        return " — \(who) (\(words["since"] ?? "") \(PortalFormat.day(match.proposedAt, language)))"
    }
}
