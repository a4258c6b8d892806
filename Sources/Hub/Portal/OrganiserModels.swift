import Foundation
import HubStore
import KijkjeDomain

/// The organiser's dashboard: every table with its chart and its CSV.
struct DashboardPage: PortalPage {
    static let template = "dashboard", title = "dashboard"

    struct Table: Encodable, Sendable {
        struct Row: Encodable, Sendable { var cells: [String] }
        var name: String
        var title: String
        var csv: String
        var columns: [String]
        var rows: [Row]
        var empty: Bool
        /// Inline SVG, made by `Dashboard.svg` (escaped there).
        var chart: String
    }

    var tables: [Table]

    /// The network's mail by kind, and the latest mails (failing ones first), each of which can be sent again.
    struct Outbox: Encodable, Sendable {
        var kind: String
        var sent: Int
        var waiting: Int
        var failing: Int
        var lastError: String
    }
    struct Mail: Encodable, Sendable {
        var kind: String
        var to: String
        var subject: String
        var state: String
        var resend: String
    }
    var outbox: [Outbox] = []
    var mails: [Mail] = []
    var hasOutbox = false
    var hasMails = false

    init(_ dashboard: Dashboard, outbox: [OutboxKindSummary], mails: [QueuedMail], words: [String: String]) {
        self.init(dashboard, words: words)
        self.outbox = outbox.map {
            Outbox(
                kind: words["kind_\($0.kind.rawValue)"] ?? $0.kind.rawValue, sent: $0.sent, waiting: $0.waiting, failing: $0.failing,
                lastError: $0.lastError ?? "")
        }
        self.mails = mails.map {
            Mail(
                kind: words["kind_\($0.message.kind.rawValue)"] ?? $0.message.kind.rawValue, to: $0.message.toAddress,
                subject: $0.message.subject,
                state: $0.sentAt != nil ? (words["mail_sent"] ?? "") : ($0.lastError ?? (words["mail_waiting"] ?? "")),
                resend: PortalPath.resendMail($0.message.id))
        }
        hasOutbox = !self.outbox.isEmpty
        hasMails = !self.mails.isEmpty
    }

    init(_ dashboard: Dashboard, words: [String: String]) {
        tables = dashboard.tables.map { table in
            let title = words["table_\(table.name)"] ?? table.name
            return Table(
                name: table.name, title: title, csv: PortalPath.table(table.name), columns: table.columns,
                rows: table.rows.map { Table.Row(cells: $0) }, empty: table.rows.isEmpty,
                chart: table.bars.map { Dashboard.svg($0, title: title) } ?? "")
        }
    }
}

/// The edition's days, windows and mode, as the form shows them (times in the network's zone).
struct EditionPage: PortalPage {
    static let template = "edition", title = "edition"
    var exists: Bool
    var year: String
    var days: String
    var opens: String
    var closes: String
    var deadline: String
    var ranked: Bool
    var claim: String
    var reminderDays: String

    init(_ edition: Edition?) {
        let iso = Date.ISO8601FormatStyle(timeZone: Calendar.networkCalendar.timeZone).year().month().day()
            .time(includingFractionalSeconds: false).timeSeparator(.colon).dateSeparator(.dash).dateTimeSeparator(.standard)
        func local(_ date: Date?) -> String { date.map { String($0.formatted(iso).prefix(16)) } ?? "" }
        exists = edition != nil
        year = edition.map { "\($0.year)" } ?? ""
        days = edition?.days.map(\.description).joined(separator: " ") ?? ""
        opens = local(edition?.registrationOpensAt)
        closes = local(edition?.registrationClosesAt)
        deadline = local(edition?.matchingDeadline)
        ranked = edition?.allocationMode == .ranked
        claim = edition.map { "\($0.claimWindowHours)" } ?? "24"
        reminderDays = edition.map { "\($0.proposalReminderDays)" } ?? "3"
    }
}

/// The edition's sessions, and the form to add one.
struct OrganiserSessionsPage: PortalPage {
    static let template = "organiser-sessions", title = "sessions"
    var sessions: [SessionRow]
    var schools: [Option]
    var days: [Option]

    init(week: PortalWeek, words: [String: String], language: Language) {
        sessions = week.sessions.map { week.row($0, words, language) }
        schools = week.schools.values.sorted { $0.name < $1.name }.map { Option(value: $0.id.uuidString, label: $0.name) }
        days = week.dayOptions(language)
    }
}

/// The ranked allocation: how many ranked, the run if it ran, and the form to run it.
struct AllocationPage: PortalPage {
    static let template = "allocation", title = "allocation"

    struct Run: Encodable, Sendable {
        var placed: Int
        var unplaced: Int
        var worst: Int
        var seed: Int
        var at: String
    }

    var ranked: Bool
    var waiting: Bool
    var choices: Int
    var run: Run?

    init(edition: Edition, choices: Int, run: AllocationRun?, language: Language) {
        ranked = edition.allocationMode == .ranked
        waiting = edition.awaitsAllocation
        self.choices = choices
        self.run = run.map {
            Run(
                placed: $0.placed, unplaced: $0.unplaced, worst: $0.worstRank, seed: $0.seed,
                at: PortalFormat.moment($0.ranAt, language))
        }
    }
}

/// The schools with their agents' invitations, and inviting an outside school.
struct InvitationsPage: PortalPage {
    static let template = "invitations", title = "invitations"

    struct School: Encodable, Sendable {
        var id: String
        var name: String
        var brin: String
        var guest: Bool
        var joined: Bool
    }

    var schools: [School]
    /// A new code, shown once right after it was made.
    var code: String

    init(schools: [Tenant], memberships: [Membership], invitations: [Invitation], code: String) {
        let kinds = Dictionary(memberships.map { ($0.tenantId, $0.kind) }, uniquingKeysWith: { first, _ in first })
        self.schools = schools.sorted { $0.name < $1.name }.map { school in
            School(
                id: school.id.uuidString, name: school.name, brin: school.brin, guest: kinds[school.id] == .guest,
                joined: invitations.contains { $0.tenantId == school.id && $0.usedAt != nil })
        }
        self.code = code
    }
}
