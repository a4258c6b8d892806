import Foundation
import HubStore
import KijkjeDomain

/// The reader's shadow days: proposals to answer (the other's contact only once both said yes), their requests and
/// offers, and the forms to ask and to offer.
struct ShadowPage: PortalPage {
    static let template = "shadow", title = "shadow"

    struct Proposal: Encodable, Sendable, Equatable {
        var id: String
        var asRequester: Bool
        var day: String
        var role: String
        var school: String
        var town: String
        var confirmed: Bool
        var waitingForOther: Bool
        var mustAnswer: Bool
        var name: String
        var email: String
        var reasons: [String]
        var acceptAction: String
        var declineAction: String
    }

    struct RequestRow: Encodable, Sendable, Equatable {
        var roles: String
        var days: String
        var distance: String
        var matched: Bool
        var withdrawAction: String
    }

    struct OfferRow: Encodable, Sendable, Equatable {
        var days: String
        var capacity: Int
        var withdrawAction: String
    }

    var proposals: [Proposal]
    var requests: [RequestRow]
    var offers: [OfferRow]
    var roles: [Option]
    var types: [Option]
    var days: [Option]

    /// `contacts` holds both sides of each proposed or confirmed match, in the order of `matches`.
    init(
        me: Staff, person: Person, edition: Edition, requests: [ShadowRequest], offers: [ShadowOffer], matches: [ShadowMatch],
        contacts: [(requester: ShadowMail.Contact, host: ShadowMail.Contact)], words: [String: String], language: Language
    ) {
        let shown = matches.filter { $0.state == .proposed || $0.state == .confirmed }
        proposals = zip(shown, contacts).map { match, sides in
            let asRequester = me.isPerson(tenantId: match.tenantId, personId: match.personId)
            let other = asRequester ? sides.host : sides.requester
            let answered = asRequester ? match.requesterAccepted : match.hostAccepted
            let confirmed = match.state == .confirmed
            return Proposal(
                id: match.id.uuidString, asRequester: asRequester, day: PortalFormat.day(match.day, language),
                role: words["role_\(other.role.rawValue)"] ?? other.role.rawValue, school: other.school, town: other.town,
                confirmed: confirmed, waitingForOther: match.state == .proposed && answered == true,
                mustAnswer: match.state == .proposed && answered == nil, name: confirmed ? other.name : "",
                email: confirmed ? other.email : "", reasons: match.reasons.map { PortalWords.reason($0, words, language) },
                acceptAction: PortalPath.answer(match.id, accept: true), declineAction: PortalPath.answer(match.id, accept: false))
        }
        self.requests = requests.map { r in
            RequestRow(
                roles: r.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: ", "),
                days: r.days.map { PortalFormat.day($0, language) }.joined(separator: ", "),
                distance: r.maxDistanceKm.map { "\($0) km" } ?? "",
                matched: matches.contains { $0.requestId == r.id && $0.state != .declined },
                withdrawAction: PortalPath.withdrawRequest(r.id))
        }
        self.offers = offers.map { o in
            OfferRow(
                days: o.days.map { PortalFormat.day($0, language) }.joined(separator: ", "), capacity: o.capacity,
                withdrawAction: PortalPath.withdrawOffer(o.id))
        }
        roles = Option.roles(words, selected: person.role)
        types = SchoolType.allCases.map { Option(value: $0.rawValue, label: words["type_\($0.rawValue)"] ?? $0.rawValue) }
        days = edition.days.map { Option(value: $0.description, label: PortalFormat.day($0, language)) }
    }
}
