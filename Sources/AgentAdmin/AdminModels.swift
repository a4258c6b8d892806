import Agent
import Foundation
import KijkjeDomain
import KijkjeSync

/// A page that can show why a change was refused.
protocol ShowsProblem: Encodable {
    var problem: String { get set }
}

/// What each page shows, as its template reads it.
struct JoinModel: Encodable {
    var form: String
    var hub = ""
    var name = ""
    var ca = ""
    var problem = ""
}

struct SignInModel: Encodable {
    var form: String
    var noAdmins: Bool
    var problem = ""
}

struct LinkModel: Encodable {
    var form: String
    var token: String
}

struct MessageModel: Encodable {
    var text: String
}

/// The agent's state: the hub, the last sync and the last error, what waits to be sent, and what was refused.
struct OverviewModel: Encodable {
    struct Refusal: Encodable { var change: String; var reason: String }
    var hub: String
    var lastSync: String
    var lastError: String
    var reachable: Bool
    var pending: Int
    var refusals: [Refusal]
    var staff: Int

    init(_ folder: AgentFolder, _ replica: Replica, words: [String: String]) throws {
        hub = folder.settings.hub.absoluteString
        lastSync =
            try replica.state("last_success").flatMap { try? Date($0, strategy: .iso8601) }.map {
                "\(Calendar.networkCalendar.day(of: $0)) \(Calendar.networkCalendar.clock($0))"
            } ?? (words["never"] ?? "")
        lastError = try replica.state("last_error") ?? ""
        let succeeded = try replica.state("last_success") != nil
        reachable = lastError.isEmpty && succeeded
        let outbox = try replica.outbox()
        pending = outbox.filter(\.isPending).count
        refusals = outbox.compactMap { entry in
            guard let result = entry.result, result.status == .refused else { return nil }
            return Refusal(change: Self.describe(entry.change), reason: "\(result.reason ?? "") — \(result.detail ?? "")")
        }
        staff = try replica.staff().count
    }

    static func describe(_ change: Mutation.Change) -> String {
        switch change {
        case .putSession(_, _, let draft): "workshop \(draft.title ?? "")"
        case .withdrawSession(let id, _): "withdrawing workshop \(id)"
        case .putShadowOffer(_, _, let host, _): "shadow offer by \(host.name)"
        case .withdrawShadowOffer(let id, _): "withdrawing shadow offer \(id)"
        case .enrol(let person, _): "enrolling \(person.name)"
        case .headCounts: "head counts"
        case .invitations: "invitation counts"
        }
    }
}

/// The staff list, and an upload's preview: the lines it skips and the head counts it would send.
struct StaffModel: Encodable {
    struct Member: Encodable { var name: String; var email: String; var role: String }
    struct Count: Encodable { var role: String; var count: Int }
    var members: [Member]
    var total: Int
    var previewing: Bool
    var previewCount: Int
    var problems: [String]
    var counts: [Count]
    var problem: String

    init(staff: [StaffMember], preview: StaffImport?, words: [String: String], problem: String = "") {
        members = staff.prefix(500).map { Member(name: $0.name, email: $0.email, role: words["role_\($0.role)"] ?? $0.role) }
        total = staff.count
        previewing = preview != nil
        previewCount = preview?.staff.count ?? 0
        problems = preview?.problems ?? []
        counts = (preview?.headCounts ?? [:]).sorted { $0.key < $1.key }.map {
            Count(role: words["role_\($0.key)"] ?? $0.key, count: $0.value)
        }
        self.problem = problem
    }
}

/// The school's workshops with their status, and the form to add one (the edition's days to choose from).
struct WorkshopsModel: ShowsProblem {
    struct Line: Encodable {
        var id: String
        var title: String
        var when: String
        var location: String
        var capacity: Int
        var status: String
        var pending: Bool
        var confirmed: Bool
        var start: String
        var end: String
    }
    struct Option: Encodable { var value: String; var label: String }
    var workshops: [Line]
    var days: [Option]
    var problem = ""

    init(_ replica: Replica, school: UUID, words: [String: String]) throws {
        let calendar = Calendar.networkCalendar
        workshops = try SchoolAdmin(school: school, replica: replica).workshops().sorted { $0.value.startsAt < $1.value.startsAt }.map {
            Line(
                id: $0.id.uuidString, title: $0.value.title,
                when: "\(calendar.day(of: $0.value.startsAt)) \(calendar.clock($0.value.startsAt))–\(calendar.clock($0.value.endsAt))",
                location: $0.value.location, capacity: $0.value.capacity, status: words["status_\($0.status)"] ?? $0.status,
                pending: $0.status.hasSuffix("pending"), confirmed: $0.status == "confirmed", start: calendar.clock($0.value.startsAt),
                end: calendar.clock($0.value.endsAt))
        }
        let edition = try replica.currentEdition()
        days = (edition?.days ?? []).map { Option(value: $0.description, label: $0.description) }
    }
}

/// This school's staff's enrolments, and the form to enrol a colleague.
struct EnrolmentsModel: ShowsProblem {
    struct Line: Encodable { var email: String; var session: String; var status: String }
    struct Option: Encodable { var value: String; var label: String }
    struct ShadowLine: Encodable { var name: String; var day: String; var place: String }
    var lines: [Line]
    /// Our colleagues' confirmed shadow days at other schools.
    var shadowDays: [ShadowLine]
    var sessions: [Option]
    var staff: [Option]
    var problem = ""

    init(_ replica: Replica, school: UUID) throws {
        lines = try SchoolAdmin(school: school, replica: replica).enrolments().map {
            Line(email: $0.email, session: $0.session, status: $0.status)
        }
        let people = try replica.rows(.person, as: Person.self)
        shadowDays = try replica.rows(.shadowDay, as: ShadowDay.self).values.filter { $0.requesterTenantId == school }
            .sorted { $0.day < $1.day }
            .map {
                ShadowLine(
                    name: people[$0.requesterPersonId]?.name ?? "?", day: $0.day.description, place: "\($0.hostSchool), \($0.hostTown)")
            }
        let calendar = Calendar.networkCalendar
        sessions = try replica.rows(.session, as: Session.self).values.sorted { ($0.startsAt, $0.title) < ($1.startsAt, $1.title) }.map {
            Option(value: $0.id.uuidString, label: "\($0.title) — \(calendar.day(of: $0.startsAt)) \(calendar.clock($0.startsAt))")
        }
        staff = try replica.staff().map { Option(value: $0.email, label: "\($0.name) <\($0.email)>") }
    }
}

struct AbsencesModel: Encodable {
    struct Line: Encodable { var day: String; var time: String; var name: String; var session: String; var location: String }
    var lines: [Line]

    init(_ absences: [Absence]) {
        let calendar = Calendar.networkCalendar
        lines = absences.map {
            Line(
                day: $0.day.description, time: "\(calendar.clock($0.startsAt))–\(calendar.clock($0.endsAt))", name: $0.name,
                session: $0.session, location: $0.location)
        }
    }
}

struct AdminsModel: ShowsProblem {
    var names: [String]
    var problem = ""
}
