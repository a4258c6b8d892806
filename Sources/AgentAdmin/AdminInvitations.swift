import Agent
import Foundation
import Hummingbird
import KijkjeDomain
import KijkjeSync
import Mailing

/// Inviting the school's own staff to the week, from the agent (the staff list never leaves the school): a first
/// round to everyone of the chosen roles, later rounds only to those who have not taken part yet (colleagues the
/// hub knows are those who took part). The hub learns how many were invited, per role.
extension AdminPages {
    @Sendable func invitations(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render("invitations", try InvitationsModel(joined, words: words(request)), request)
    }

    @Sendable func invite(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        let roles = Set(form.keys.filter { $0.hasPrefix("role_") }.map { String($0.dropFirst("role_".count)) })
        let sender = await sessions.session(request.cookies[Self.sessionCookie]?.value)?.name ?? ""
        let round = try await SchoolInvitations.send(
            joined, roles: roles, reminder: form["round"] == "remind", note: form["note"] ?? "",
            sender: sender == "admin-link" ? "" : sender, language: language(request), mail: home.mail)
        var model = try InvitationsModel(joined, words: words(request))
        model.sent = round.sent
        model.done = true
        model.failures = round.failed
        return await render("invitations", model, request)
    }
}

/// A round of invitations from the school's agent, as the page (or the demo) sends it.
public enum SchoolInvitations {
    /// Mails everyone of `roles` on the staff list (with `reminder`, only those who have not taken part: the hub knows
    /// a colleague once they took part), then queues the counts per role of everyone invited so far for the hub.
    public static func send(
        _ joined: (folder: AgentFolder, replica: Replica), roles: Set<String>, reminder: Bool, note: String, sender: String,
        language: Language, mail: any MailTransport
    ) async throws -> (sent: Int, failed: [String]) {
        let tookPart = try joined.replica.takenPart(school: joined.folder.settings.tenantId)
        let recipients = try joined.replica.staff().filter {
            roles.contains($0.role) && !(reminder && tookPart.contains($0.email.lowercased()))
        }
        let letter = try InvitationLetter(joined, note: note, reminder: reminder, sender: sender, language: language)
        var sent: [StaffMember] = [], failed: [String] = []
        for colleague in recipients {
            do {
                try await mail.deliver(letter.message(to: colleague))
                sent.append(colleague)
            } catch {
                failed.append("\(colleague.email): \(error)")
            }
        }
        // Everyone invited so far, counted per role, is all the hub hears of it.
        let invited = try joined.replica.invited().union(sent.map { $0.email.lowercased() })
        try joined.replica.setInvited(invited)
        let counts = try joined.replica.staff().filter { invited.contains($0.email.lowercased()) }
            .reduce(into: [String: Int]()) { $0[$1.role, default: 0] += 1 }
        try joined.replica.enqueue(.invitations(counts: counts))
        return (sent.count, failed)
    }
}

/// The invitation page: the staff per role to choose from, and how many have not taken part yet.
struct InvitationsModel: Encodable {
    struct Role: Encodable { var value: String; var label: String; var count: Int }
    var roles: [Role]
    var staff: Int
    var notYet: Int
    var invited: Int
    var done = false
    var sent = 0
    var failures: [String] = []

    init(_ joined: (folder: AgentFolder, replica: Replica), words: [String: String]) throws {
        let all = try joined.replica.staff()
        let tookPart = try joined.replica.takenPart(school: joined.folder.settings.tenantId)
        roles = Dictionary(grouping: all, by: \.role).sorted { $0.key < $1.key }.map {
            Role(value: $0.key, label: words["role_\($0.key)"] ?? $0.key, count: $0.value.count)
        }
        staff = all.count
        notYet = all.filter { !tookPart.contains($0.email.lowercased()) }.count
        invited = try joined.replica.invited().count
    }
}

/// A personal invitation in the school's name: the portal's address, the week's dates, the school's own workshops and
/// what the administrator adds.
struct InvitationLetter {
    let portal: String
    let days: [Day]
    /// The administrator who sends it, who signs it.
    let sender: String
    let workshops: [Session]
    let note: String
    let reminder: Bool
    let language: Language

    init(_ joined: (folder: AgentFolder, replica: Replica), note: String, reminder: Bool, sender: String, language: Language) throws {
        let settings = joined.folder.settings
        portal = settings.hub.appendingPathComponent("sign-in").absoluteString
        let edition = try joined.replica.currentEdition()
        days = edition?.days ?? []
        self.sender = sender
        workshops = try joined.replica.rows(.session, as: Session.self).values
            .filter { $0.tenantId == settings.tenantId && $0.editionId == edition?.id }.sorted { $0.startsAt < $1.startsAt }
        self.note = note
        self.reminder = reminder
        self.language = language
    }

    func t(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    /// The week as people write it: "16 – 19 november 2026".
    var week: String {
        guard let first = days.first, let last = days.last else { return "" }
        let calendar = Calendar.networkCalendar
        func format(_ day: Day, _ style: Date.FormatStyle) -> String {
            var style = style.locale(language.locale)
            style.timeZone = calendar.timeZone
            return calendar.date(day, hour: 12).formatted(style)
        }
        let end = format(last, Date.FormatStyle().day().month(.wide).year())
        return first == last ? end : "\(format(first, Date.FormatStyle().day())) – \(end)"
    }

    func message(to colleague: StaffMember) -> MailMessage {
        let calendar = Calendar.networkCalendar
        let week = week
        var lines = [
            t("Beste \(colleague.name),", "Dear \(colleague.name),"), "",
            reminder
                ? t(
                    "Je hebt je nog niet opgegeven voor de loopbaanweek (\(week)). Er is nog plaats!",
                    "You have not signed up for the career week (\(week)) yet. There is still room!")
                : t(
                    "Je bent van harte uitgenodigd voor de loopbaanweek van ons netwerk: \(week). Volg workshops op andere scholen "
                        + "of loop een dag mee met een collega.",
                    "You are warmly invited to our network's career week: \(week). Follow workshops at other schools or shadow a "
                        + "colleague for a day."),
            "", t("Inloggen met je schooladres:", "Sign in with your school address:"), portal,
        ]
        if !workshops.isEmpty {
            lines += ["", t("Bij ons op school:", "At our school:")]
            lines += workshops.map { "- \($0.title), \(calendar.day(of: $0.startsAt)) \(calendar.clock($0.startsAt)), \($0.location)" }
        }
        if !note.isEmpty { lines += ["", note] }
        lines += ["", t("Hartelijke groet,", "Kind regards,"), sender.isEmpty ? "Kijkje" : sender]
        return MailMessage(
            id: UUIDv7.make(), dedupeKey: "invitation:\(colleague.email)", toAddress: colleague.email, toName: colleague.name,
            subject: reminder
                ? t("Herinnering: de loopbaanweek \(week)", "Reminder: the career week \(week)")
                : t("Uitnodiging: de loopbaanweek \(week)", "Invitation: the career week \(week)"),
            body: lines.joined(separator: "\n") + "\n", kind: .invitation)
    }
}

/// The poster: a printable A4 page with the week, this school's workshops and a QR code to the portal.
struct PosterModel: Encodable {
    struct Workshop: Encodable { var title: String; var when: String; var location: String }
    var week: String
    var portal: String
    var qr: String
    var workshops: [Workshop]
    var hasWorkshops: Bool

    init(_ letter: InvitationLetter) throws {
        let calendar = Calendar.networkCalendar
        week = letter.week
        portal = letter.portal
        qr = try QRCode(letter.portal).svg(label: letter.portal)
        workshops = letter.workshops.map {
            Workshop(title: $0.title, when: "\(calendar.day(of: $0.startsAt)) \(calendar.clock($0.startsAt))", location: $0.location)
        }
        hasWorkshops = !workshops.isEmpty
    }
}

extension AdminPages {
    @Sendable func poster(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        let letter = try InvitationLetter(joined, note: "", reminder: false, sender: "", language: language(request))
        return await render("poster", try PosterModel(letter), request)
    }
}
