import Agent
import ArgumentParser
import Foundation
import KijkjeDomain
import KijkjeSync

struct WorkshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop", abstract: "The school's own workshops (works offline; sync sends them).",
        subcommands: [Add.self, Edit.self, Withdraw.self, List.self])

    struct Fields: ParsableArguments {
        @Option(help: "Title.") var title: String?
        @Option(help: "Room or address.") var location: String?
        @Option(help: "Start, e.g. 2026-11-17T09:00 (Europe/Amsterdam).") var starts: String?
        @Option(help: "End, e.g. 2026-11-17T10:30.") var ends: String?
        @Option(help: "Places.") var capacity: Int?
        @Option(help: "What the workshop is about.") var description: String?
        @Option(help: "Presenter (or speakers of a kickoff).") var presenter: String?
        @Option(help: "school, network or all.") var visibility: String?
        @Option(help: "Comma-separated topics.") var topics: String?

        func apply(to draft: inout SessionDraft) throws {
            if let title { draft.title = title }
            if let location { draft.location = location }
            if let starts { draft.startsAt = try LocalTime.parse(starts, "--starts") }
            if let ends { draft.endsAt = try LocalTime.parse(ends, "--ends") }
            if let capacity { draft.capacity = capacity }
            if let description { draft.description = description }
            if let presenter { draft.presenter = presenter }
            if let visibility { draft.visibility = visibility }
            if let topics { draft.topics = topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
    }

    struct Add: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Option(help: "The edition's year.") var edition: Int
        @OptionGroup var fields: Fields

        func run() async throws {
            let admin = try folder.admin()
            var draft = SessionDraft(
                editionId: try admin.edition(year: edition).id, tenantId: admin.school, title: nil, location: nil,
                startsAt: nil, endsAt: nil, capacity: nil)
            try fields.apply(to: &draft)
            print("workshop \(try admin.putWorkshop(draft)) added (pending until the next sync)")
        }
    }

    struct Edit: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Argument(help: "The workshop's id.") var id: String
        @OptionGroup var fields: Fields

        func run() async throws {
            let admin = try folder.admin()
            let current = try admin.workshops().named(id, "workshop")
            var draft = SessionDraft(current.value)
            try fields.apply(to: &draft)
            try admin.putWorkshop(id: current.id, draft)
            print("workshop \(current.id) changed (pending until the next sync)")
        }
    }

    struct Withdraw: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Argument(help: "The workshop's id.") var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw AgentError.usage("\(id) is not a workshop id") }
            try folder.admin().withdrawWorkshop(uuid)
            print("workshop \(uuid) withdrawn (pending until the next sync)")
        }
    }

    struct List: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption

        func run() async throws {
            for line in try folder.admin().workshops() {
                let s = line.value
                print("\(line.id)  \(s.startsAt.formatted(.iso8601))  \(s.capacity) places  \(s.title)  [\(line.status)]")
            }
        }
    }
}

struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer", abstract: "The school's shadow offers (a colleague to follow for a day).",
        subcommands: [Add.self, Edit.self, Withdraw.self, List.self])

    struct Fields: ParsableArguments {
        @Option(help: "Days, comma separated, e.g. 2026-11-17,2026-11-18.") var days: String?
        @Option(help: "Shadowers per day.") var capacity: Int?
        @Option(name: .customLong("school-type"), help: "primary, vmbo, havo_vwo, mbo, special, other.") var schoolType: String?
        @Option(help: "Role (default: the host's role on the staff list).") var role: String?
        @Option(help: "Comma-separated subjects (default: the host's).") var subjects: String?
        @Option(help: "school, network or all.") var visibility: String?

        func apply(to draft: inout ShadowOfferDraft) throws {
            if let days {
                draft.days = try days.split(separator: ",").map {
                    guard let day = Day(String($0).trimmingCharacters(in: .whitespaces)) else {
                        throw AgentError.usage("--days: \($0) is not a date like 2026-11-17")
                    }
                    return day
                }
            }
            if let capacity { draft.capacity = capacity }
            if let schoolType { draft.schoolType = schoolType }
            if let role { draft.role = role }
            if let subjects { draft.subjects = subjects.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if let visibility { draft.visibility = visibility }
        }
    }

    struct Add: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Option(help: "The edition's year.") var edition: Int
        @Option(help: "The host's mail address (from the staff list).") var host: String
        @OptionGroup var fields: Fields

        func run() async throws {
            let admin = try folder.admin()
            var draft = ShadowOfferDraft(
                editionId: try admin.edition(year: edition).id, tenantId: admin.school, hostPersonId: nil,
                role: nil, schoolType: nil, days: nil)
            try fields.apply(to: &draft)
            print("shadow offer \(try admin.putOffer(hostEmail: host, draft)) added (pending until the next sync)")
        }
    }

    struct Edit: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Argument(help: "The offer's id.") var id: String
        @Option(help: "The host's mail address.") var host: String
        @OptionGroup var fields: Fields

        func run() async throws {
            let admin = try folder.admin()
            let current = try admin.offers().named(id, "shadow offer")
            var draft = ShadowOfferDraft(current.value)
            draft.hostPersonId = nil  // the host is named by --host
            try fields.apply(to: &draft)
            try admin.putOffer(id: current.id, hostEmail: host, draft)
            print("shadow offer \(current.id) changed (pending until the next sync)")
        }
    }

    struct Withdraw: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Argument(help: "The offer's id.") var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw AgentError.usage("\(id) is not a shadow offer id") }
            try folder.admin().withdrawOffer(uuid)
            print("shadow offer \(uuid) withdrawn (pending until the next sync)")
        }
    }

    struct List: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption

        func run() async throws {
            for line in try folder.admin().offers() {
                let o = line.value
                print(
                    "\(line.id)  \(o.role.rawValue)  \(o.days.map(\.description).joined(separator: ","))  \(o.capacity) per "
                        + "day  [\(line.status)]"
                )
            }
        }
    }
}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "The school's staff list (stays at the school).",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        @OptionGroup var folder: FolderOption
        @Argument(help: "The HR export: name, email, role[, subjects]; comma or semicolon separated.") var file: String

        func run() async throws {
            let admin = try folder.admin()
            guard let data = FileManager.default.contents(atPath: file) else { throw AgentError.usage("cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw AgentError.usage("\(file) is not UTF-8 text") }
            let imported = try StaffImport(text: text)
            for problem in imported.problems { FileHandle.standardError.write(Data("skipped \(problem)\n".utf8)) }
            try admin.replica.replaceStaff(imported.staff)
            try admin.replica.enqueue(.headCounts(counts: imported.headCounts))
            print(
                "imported \(imported.staff.count) staff, skipped \(imported.problems.count) rows; head counts go to the hub "
                    + "at the next sync"
            )
        }
    }
}

struct Enrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enrol a colleague from the staff list in a session.")
    @OptionGroup var folder: FolderOption
    @Argument(help: "The colleague's mail address.") var email: String
    @Argument(help: "The session's id (or its first characters).") var session: String

    func run() async throws {
        let id = try folder.admin().enrol(email: email, session: session)
        print("enrolment queued as change \(id); the hub decides at the next sync (kijkje-agent enrolments shows it)")
    }
}

struct Enrolments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Our staff's enrolments: the hub's decisions, and what is pending or refused.")
    @OptionGroup var folder: FolderOption

    func run() async throws {
        for line in try folder.admin().enrolments() { print("\(line.email)  \(line.session)  [\(line.status)]") }
    }
}

struct Absences: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Which of our staff is away when, for cover planning.")
    @OptionGroup var folder: FolderOption
    @Option(help: "The edition's year.") var edition: Int
    @Flag(help: "CSV instead of a table.") var csv = false

    func run() async throws {
        let admin = try folder.admin()
        let absences = try Absence.list(in: admin.replica, school: admin.school, edition: try admin.edition(year: edition))
        if csv { print(Absence.csv(absences), terminator: ""); return }
        for a in absences {
            print(
                "\(a.day)  \(Calendar.networkCalendar.clock(a.startsAt))-\(Calendar.networkCalendar.clock(a.endsAt))  "
                    + "\(a.name) <\(a.email)>  \(a.session) (\(a.location))"
            )
        }
        if absences.isEmpty { print("nobody of this school is away in \(edition) (as far as the last sync knows)") }
    }
}

/// Times as administrators type them: 2026-11-17T09:00 or "2026-11-17 09:00" in Europe/Amsterdam, or full ISO 8601.
enum LocalTime {
    static func parse(_ text: String, _ option: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Calendar.networkCalendar.timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw AgentError.usage("\(option): \(text) is not a time like 2026-11-17T09:00")
    }
}
