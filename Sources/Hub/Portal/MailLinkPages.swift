import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// A link from a mail, opened: what it will do and a button (mail scanners that fetch links must not claim a
/// place), or what it did.
struct MailLinkPage: PortalPage {
    static let template = "mail-link", title = "mail_link"
    var heading: String
    var lines: [String]
    /// The confirm button's label and where it posts; empty once done.
    var button: String
    var action: String
    var done: Bool
}

/// The links in mails that work without signing in: claim or decline an offered place, enrol in a suggested
/// session, stop the optional mails (also as RFC 8058 one-click unsubscribe, a POST from the mail program).
struct MailLinkPages {
    let operations: Operations
    let pages: PortalPages

    func add(to portal: RouterGroup<HubContext>) {
        portal.get(PortalPath.mailLinkRoute, use: open)
        portal.post(PortalPath.mailLinkRoute, use: follow)
    }

    @Sendable func open(_ request: Request, context: HubContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let link = try await operations.mailLink(token: token, at: Date().roundedToMillis)
        let words = context.visitor.words
        var lines: [String] = []
        if let subject = link.subjectId {
            let title: String? =
                switch link.action {
                case .enrol: try? await operations.store.session(id: subject, in: link.networkId).title
                default:
                    try? await operations.store.session(
                        id: try await operations.store.enrolment(id: subject, in: link.networkId).sessionId, in: link.networkId
                    ).title
                }
            if let title { lines.append(title) }
        }
        let page = MailLinkPage(
            heading: words["mail_\(link.action.rawValue)_heading"] ?? "", lines: lines,
            button: words["mail_\(link.action.rawValue)_button"] ?? "", action: PortalPath.mailLink(token), done: false)
        return pages.page(page, visitor: context.visitor)
    }

    @Sendable func follow(_ request: Request, context: HubContext) async throws -> Response {
        let outcome = try await operations.followMailLink(token: context.parameters.get("token") ?? "", at: Date().roundedToMillis)
        let words = context.visitor.words
        let key: String
        switch outcome {
        case .claimed: key = "mail_claim_done"
        case .declined: key = "mail_decline_done"
        case .enrolled(let enrolment): key = enrolment.state == .confirmed ? "mail_enrol_done" : "mail_enrol_waitlisted"
        case .unsubscribed: key = "mail_unsubscribe_done"
        }
        let page = MailLinkPage(heading: words[key] ?? key, lines: [], button: "", action: "", done: outcome != .unsubscribed)
        return pages.page(page, visitor: context.visitor)
    }
}
