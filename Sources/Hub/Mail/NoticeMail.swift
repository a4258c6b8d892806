import Foundation
import HubStore
import KijkjeDomain
import KijkjeMatching

/// Writes a notice as mail in its reader's language: plain text with an HTML alternative, a calendar invitation
/// (REQUEST, or CANCEL) wherever a time is involved, and links that work without signing in (claim, decline,
/// enrol, unsubscribe), each a single-use secret of which only the hash is stored.
struct NoticeMail: Sendable {
    var organiserName: String
    var organiserEmail: String
    /// The portal's address for links, read when a notice is written out (a hub on port 0 knows it once it listens).
    var baseURL: @Sendable () -> String

    func render(_ notice: Notice, at now: Date) -> (mails: [MailMessage], links: [MailLink]) {
        guard let reader = notice.recipient else { return ([], []) }
        if notice.kind.isOptional && !reader.preferences.reminders { return ([], []) }
        var letter = Letter(notice: notice, reader: reader, now: now, sender: self)
        letter.write()
        guard let subject = letter.subject else { return ([], []) }
        let mail = MailMessage(
            id: UUIDv7.make(at: now), dedupeKey: "notice:\(notice.dedupeKey)", toAddress: reader.email, toName: reader.name,
            subject: subject, body: letter.text, calendar: letter.calendar, kind: notice.kind, html: letter.html,
            unsubscribeURL: letter.unsubscribe, networkId: notice.networkId)
        return ([mail], letter.links)
    }
}

/// One mail being written: its subject, its blocks (paragraphs, lists, links), an invitation and the links made.
private struct Letter {
    enum Block {
        case paragraph(String)
        case list([String])
        case link(String, String)
    }

    let notice: Notice
    let reader: Notice.Recipient
    let now: Date
    let sender: NoticeMail
    var subject: String?
    var blocks: [Block] = []
    var calendar: String?
    var links: [MailLink] = []
    var unsubscribe: String?

    init(notice: Notice, reader: Notice.Recipient, now: Date, sender: NoticeMail) {
        self.notice = notice
        self.reader = reader
        self.now = now
        self.sender = sender
    }

    var language: Language { reader.preferences.language }
    var details: NoticeDetails { notice.details }
    func t(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    mutating func write() {
        let session = details.session
        switch notice.kind {
        case .offered, .offerReminder:
            guard let session, let until = details.offeredUntil, let enrolment = details.enrolmentId else { return }
            subject =
                notice.kind == .offered
                ? t("Er is een plek voor je vrij: \(session.title)", "A place is free for you: \(session.title)")
                : t("Nog even: je plek in \(session.title)", "Not long left: your place in \(session.title)")
            say(
                notice.kind == .offered
                    ? t("Er is een plek vrijgekomen in:", "A place has become free in:")
                    : t("Je plek in deze sessie wacht nog op je antwoord:", "Your place in this session still waits for your answer:"))
            describe(session)
            say(t("De plek is voor jou tot \(moment(until)).", "The place is yours until \(moment(until))."))
            link(t("Plek nemen", "Take the place"), .claim, subject: enrolment, until: until)
            link(t("Nee, dank je", "No, thank you"), .decline, subject: enrolment, until: until)
            say(
                t(
                    "Doe je niets, dan gaat de plek daarna naar de volgende op de wachtlijst.",
                    "If you do nothing, the place then goes to the next person on the waiting list."))
        case .lapsed:
            guard let session else { return }
            subject = t("Plek doorgegeven: \(session.title)", "Place passed on: \(session.title)")
            say(
                t(
                    "Je hebt de plek in \(session.title) niet op tijd genomen; die gaat nu naar de volgende op de wachtlijst.",
                    "You did not take the place in \(session.title) in time; it now goes to the next person on the waiting list."))
        case .confirmed, .cancelled:
            guard let session else { return }
            let cancelled = notice.kind == .cancelled
            subject =
                cancelled
                ? t("Uitgeschreven: \(session.title)", "Cancelled: \(session.title)")
                : t("Ingeschreven: \(session.title)", "Enrolled: \(session.title)")
            say(
                cancelled
                    ? t("Je hebt je plek opgegeven in:", "You gave up your place in:") : t("Je hebt een plek in:", "You have a place in:"))
            describe(session)
            invite(session, cancelled: cancelled)
        case .changed:
            guard let session else { return }
            subject = t("Gewijzigd: \(session.title)", "Changed: \(session.title)")
            say(t("Een sessie waarvoor je bent ingeschreven is gewijzigd. Nu:", "A session you are enrolled in has changed. Now:"))
            describe(session)
            if let previous = details.previous {
                blocks.append(.paragraph(t("Eerder:", "Before:")))
                blocks.append(.list([when(previous), "\(previous.school), \(previous.town) — \(previous.location)"]))
            }
            if details.to == .waitlisted {
                say(
                    t(
                        "Je staat nog op de wachtlijst (nu \(session.capacity) plaatsen).",
                        "You are still on the waiting list (now \(session.capacity) places)."))
            } else {
                invite(session, cancelled: false)
            }
        case .withdrawn:
            guard let session else { return }
            subject = t("Gaat niet door: \(session.title)", "Withdrawn: \(session.title)")
            say(t("Deze sessie gaat niet door; je inschrijving vervalt:", "This session has been withdrawn; your enrolment lapses:"))
            describe(session)
            if details.from == .confirmed || details.from == .offered { invite(session, cancelled: true) }
            offerAlternatives(t("Wat op dat moment nog plaats heeft:", "What else still has places at that time:"))
        case .allocation:
            writeAllocation()
        case .dayReminder:
            writeDay()
        case .presenterList:
            guard let session, let people = details.people else { return }
            subject = t(
                "Morgen bij \(session.title): \(people.count) \(people.count == 1 ? "deelnemer" : "deelnemers")",
                "Tomorrow at \(session.title): \(people.count) \(people.count == 1 ? "participant" : "participants")")
            say(t("Dit zijn de deelnemers van je sessie:", "These are the participants of your session:"))
            describe(session)
            blocks.append(.list(people.map { "\($0.name) — \(ShadowMail.role($0.role, language)), \($0.school) (\($0.town))" }))
            optional()
        case .shadowHost:
            guard let guest = details.shadow else { return }
            subject = t("Morgen loopt \(guest.name) met je mee", "Tomorrow \(guest.name) shadows you")
            say(
                t(
                    "Morgen, \(ShadowMail.dayText(guest.day, language)), loopt \(guest.name) met je mee: "
                        + "\(ShadowMail.role(guest.role, language)) van \(guest.school) in \(guest.town).",
                    "Tomorrow, \(ShadowMail.dayText(guest.day, language)), \(guest.name) shadows you: "
                        + "\(ShadowMail.role(guest.role, language)) of \(guest.school) in \(guest.town)."))
            optional()
        case .proposalReminder:
            guard let day = details.day else { return }
            subject = t("Herinnering: een voorstel om mee te lopen wacht op je", "Reminder: a shadow proposal waits for you")
            say(
                t(
                    "Er ligt nog een voorstel voor een meeloopdag op \(ShadowMail.dayText(day, language)). Zeg ja of nee:",
                    "A proposal for a shadow day on \(ShadowMail.dayText(day, language)) still waits for your answer:"))
            blocks.append(.link(t("Naar het voorstel", "To the proposal"), sender.baseURL() + PortalPath.shadow.rawValue))
        case .signIn, .shadowProposal, .shadowConfirmed, .invitation:
            return
        }
    }

    mutating func writeAllocation() {
        subject = t("Je indeling voor de loopbaanweek", "Your place in the career week")
        if let session = details.sessions?.first {
            say(t("De indeling is gemaakt. Je hebt een plek in:", "The allocation has been made. You have a place in:"))
            describe(session)
            invite(session, cancelled: false)
        } else {
            say(
                t(
                    "De indeling is gemaakt. Helaas kreeg je geen plek in de workshops die je koos.",
                    "The allocation has been made. Unfortunately you got no place in the workshops you chose."))
        }
        if let explanation = details.explanation {
            let words = PortalText.words(language)
            let titles = details.lines ?? []
            say(t("Waarom, per keuze:", "Why, choice by choice:"))
            blocks.append(
                .list(
                    explanation.choices.enumerated().map { index, choice in
                        "\(choice.rank). \(index < titles.count ? titles[index] : "?"): \(why(choice.reason, words))"
                    }))
            say(t("Je lotnummer was \(explanation.lotteryNumber).", "Your lottery number was \(explanation.lotteryNumber)."))
        }
        if details.sessions?.isEmpty ?? true {
            offerAlternatives(
                t("Deze workshops hebben nog plaats en passen in je week:", "These workshops still have places and fit your week:"))
        }
    }

    mutating func writeDay() {
        guard let day = details.day else { return }
        let sessions = details.sessions ?? []
        subject = t("Morgen: je dag in de loopbaanweek", "Tomorrow: your day in the career week")
        say(
            t(
                "Dit is je programma voor \(ShadowMail.dayText(day, language)):",
                "This is your programme for \(ShadowMail.dayText(day, language)):"))
        var lines: [String] = []
        for (index, session) in sessions.enumerated() {
            if index > 0 {
                let from = sessions[index - 1]
                let km = EnrolmentRules.distanceKm(from.latitude, from.longitude, session.latitude, session.longitude)
                if km >= 0.5 {
                    let minutes = Int((km / Double(max(1, details.travelSpeedKmh ?? 40)) * 60).rounded(.up))
                    lines.append(
                        t(
                            "↓ reizen naar \(session.town): \(Int(km.rounded())) km, ongeveer \(minutes) minuten",
                            "↓ travel to \(session.town): \(Int(km.rounded())) km, about \(minutes) minutes"))
                }
            }
            lines.append(
                "\(PortalFormat.time(session.startsAt, session.endsAt)) \(session.title) — \(session.school), \(session.town) "
                    + "(\(session.location))")
        }
        if let host = details.shadow {
            let hours = ShadowMatch.hours(on: day)
            lines.append(
                "\(PortalFormat.time(hours.start, hours.end)) "
                    + t(
                        "meelopen met \(host.name), \(ShadowMail.role(host.role, language)) van \(host.school) in \(host.town)",
                        "shadowing \(host.name), \(ShadowMail.role(host.role, language)) of \(host.school) in \(host.town)"))
        }
        blocks.append(.list(lines))
        optional()
    }

    func why(_ reason: Allocation.Reason, _ words: [String: String]) -> String {
        switch reason {
        case .assigned: words["alloc_assigned"] ?? ""
        case .full: words["alloc_full"] ?? ""
        case .slotTaken: words["alloc_slot"] ?? ""
        case .schoolShareReached(let share): "\(words["alloc_share"] ?? "") (\(share))"
        case .unknownSession: words["alloc_unknown"] ?? ""
        case .lowerThanAssigned: words["alloc_lower"] ?? ""
        }
    }

    // MARK: Pieces

    mutating func say(_ text: String) { blocks.append(.paragraph(text)) }

    func moment(_ date: Date) -> String { PortalFormat.moment(date, language) }

    func when(_ session: SessionSnapshot) -> String {
        "\(PortalFormat.day(session.startsAt, language)), \(PortalFormat.time(session.startsAt, session.endsAt))"
    }

    mutating func describe(_ session: SessionSnapshot) {
        var lines = [
            session.title, when(session), "\(session.school), \(session.town) — \(session.location)",
        ]
        if !session.presenter.isEmpty { lines.append("\(t("Door", "By")): \(session.presenter)") }
        blocks.append(.list(lines))
    }

    /// A calendar invitation for the enrolment (its UID stays; SEQUENCE counts the changes).
    mutating func invite(_ session: SessionSnapshot, cancelled: Bool) {
        guard let enrolment = details.enrolmentId else { return }
        calendar =
            CalendarInvitation(
                uid: "enrolment-\(enrolment.uuidString.lowercased())@kijkje", start: session.startsAt, end: session.endsAt,
                summary: session.title, location: "\(session.location), \(session.school), \(session.town)",
                description: session.presenter.isEmpty ? session.title : "\(session.title) — \(session.presenter)",
                organizer: .init(name: sender.organiserName, email: sender.organiserEmail),
                attendees: [.init(name: reader.name, email: reader.email)], stamp: now, sequence: details.sequence ?? 0,
                cancelled: cancelled
            ).text
    }

    /// Sessions with places left, each with a link that enrols without signing in.
    mutating func offerAlternatives(_ heading: String) {
        guard let alternatives = details.alternatives, !alternatives.isEmpty else { return }
        say(heading)
        for session in alternatives {
            blocks.append(.list([session.title, when(session), "\(session.school), \(session.town)"]))
            link(t("Inschrijven voor \(session.title)", "Enrol in \(session.title)"), .enrol, subject: session.id, until: session.startsAt)
        }
    }

    mutating func link(_ label: String, _ action: MailLink.Action, subject: UUID?, until: Date) {
        let (token, hash) = Secret.make(.mailLink)
        links.append(
            MailLink(
                tokenHash: hash, action: action, networkId: notice.networkId, tenantId: reader.tenantId, personId: reader.personId,
                subjectId: subject, expiresAt: until))
        blocks.append(.link(label, sender.baseURL() + PortalPath.mailLink(token)))
    }

    /// Optional mail: a way to stop it, in the text and as a one-click List-Unsubscribe header.
    mutating func optional() {
        let (token, hash) = Secret.make(.mailLink)
        links.append(
            MailLink(
                tokenHash: hash, action: .unsubscribe, networkId: notice.networkId, tenantId: reader.tenantId,
                personId: reader.personId, subjectId: nil, expiresAt: now.addingTimeInterval(400 * 86_400)))
        let url = sender.baseURL() + PortalPath.mailLink(token)
        unsubscribe = url
        blocks.append(
            .link(t("Geen herinneringen meer ontvangen", "Stop receiving reminders"), url))
    }

    // MARK: Text and HTML

    var greeting: String { t("Beste \(reader.name),", "Dear \(reader.name),") }
    var closing: String { t("Hartelijke groet,\n\(sender.organiserName)", "Kind regards,\n\(sender.organiserName)") }

    var text: String {
        let parts = blocks.map { block -> String in
            switch block {
            case .paragraph(let text): text
            case .list(let items): items.map { "- \($0)" }.joined(separator: "\n")
            case .link(let label, let url): "\(label):\n\(url)"
            }
        }
        return ([greeting] + parts + [closing]).joined(separator: "\n\n") + "\n"
    }

    var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let parts = blocks.map { block -> String in
            switch block {
            case .paragraph(let text): "<p>\(escape(text))</p>"
            case .list(let items): "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
            case .link(let label, let url):
                "<p><a href=\"\(escape(url))\" style=\"display:inline-block;padding:8px 14px;background:#1f5f8b;color:#fff;"
                    + "text-decoration:none;border-radius:4px\">\(escape(label))</a></p>"
            }
        }
        return
            "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<title>\(escape(subject ?? ""))</title></head>"
            + "<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\"><p>\(escape(greeting))</p>" + parts.joined()
            + "<p>\(escape(closing).replacingOccurrences(of: "\n", with: "<br>"))</p></body></html>"
    }
}
