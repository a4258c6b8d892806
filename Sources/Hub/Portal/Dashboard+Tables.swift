import Foundation
import HubStore
import KijkjeDomain

/// The dashboard's tables, each made from the figures alone.
extension Dashboard {
    /// Who took part per school (against the head counts) and per role, for the network's own schools.
    static func reach(_ figures: Figures, _ words: [String: String]) -> [Table] {
        let tookPart = Participation.people(enrolments: figures.sessions.flatMap(\.enrolments), matches: figures.matches)
        var rows: [[String]] = [], bars: [(label: String, share: Double)] = []
        var byRole: [Role: Int] = [:], staffByRole: [Role: Int] = [:]
        var networkParticipants = 0, networkStaff = 0, networkInvited = 0
        for tenant in figures.tenants.sorted(by: { $0.name < $1.name }) {
            let people = (figures.people[tenant.id] ?? []).filter {
                tookPart.contains(Participation.Person(tenantId: tenant.id, personId: $0.id))
            }
            let staff = tenant.headCounts.values.reduce(0, +), guest = figures.guests.contains(tenant.id)
            for person in people { byRole[person.role, default: 0] += 1 }
            if !guest {
                for (role, count) in tenant.headCounts { if let role = Role(rawValue: role) { staffByRole[role, default: 0] += count } }
                networkParticipants += people.count
                networkStaff += staff
            }
            // Colleagues the school's agent invited (counts only; the addresses stay at school).
            let invited = figures.invited[tenant.id]?.values.reduce(0, +) ?? 0
            if !guest { networkInvited += invited }
            rows.append([
                tenant.name, guest ? words["guest"] ?? "guest" : "", "\(people.count)", "\(staff)", percent(people.count, staff),
                "\(invited)",
            ])
            bars.append((tenant.name, staff == 0 ? 0 : Double(people.count) / Double(staff)))
        }
        rows.append([
            words["whole_network"] ?? "network", "", "\(networkParticipants)", "\(networkStaff)",
            percent(networkParticipants, networkStaff), "\(networkInvited)",
        ])
        let roles = Role.allCases.map { role in
            let took = byRole[role] ?? 0, staff = staffByRole[role] ?? 0
            return [
                words["role_\(role.rawValue)"] ?? role.rawValue, "\(took)", "\(staff)", percent(took, staff), percent(took, networkStaff),
            ]
        }
        return [
            Table(
                name: "reach-schools",
                columns: [words["school"] ?? "", "", words["took_part"] ?? "", words["staff"] ?? "", "%", words["invited"] ?? ""],
                rows: rows,
                bars: bars),
            Table(
                name: "reach-roles",
                columns: [words["role"] ?? "", words["took_part"] ?? "", words["staff"] ?? "", "%", words["of_all_staff"] ?? ""],
                rows: roles,
                bars: nil),
        ]
    }

    /// Places taken per session (as the enrolment rules count them: confirmed and offered), and the waiting lists.
    static func places(_ figures: Figures, _ words: [String: String]) -> [Table] {
        var fill: [[String]] = [], bars: [(label: String, share: Double)] = [], waiting: [[String]] = []
        for (session, enrolments) in figures.sessions {
            let counts = Dictionary(grouping: enrolments, by: \.state).mapValues(\.count)
            let taken = EnrolmentState.placesTaken(counts), queued = counts[.waitlisted] ?? 0
            let school = figures.schoolName(session.tenantId)
            fill.append([session.title, school, "\(taken)", "\(session.capacity)", percent(taken, session.capacity)])
            bars.append((session.title, session.capacity == 0 ? 0 : Double(taken) / Double(session.capacity)))
            if queued > 0 { waiting.append([session.title, school, "\(queued)"]) }
        }
        return [
            Table(
                name: "fill", columns: [words["session"] ?? "", words["school"] ?? "", words["filled"] ?? "", words["places"] ?? "", "%"],
                rows: fill, bars: bars),
            Table(
                name: "waiting", columns: [words["session"] ?? "", words["school"] ?? "", words["waiting"] ?? ""], rows: waiting,
                bars: nil),
        ]
    }

    /// Shadow requests the latest matching left unmatched, with what kept their nearest alternative out of reach.
    static func unmet(_ figures: Figures, _ words: [String: String]) -> Table {
        let rows = (figures.run?.unmatched ?? []).compactMap { item -> [String]? in
            guard let request = figures.requests[item.requestId] else { return nil }
            let why = item.alternatives.first.map { PortalWords.blockers($0.blockers, words) } ?? (words["no_offer"] ?? "")
            let roles = request.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: ", ")
            return [figures.schoolName(request.tenantId), roles, why]
        }
        return Table(
            name: "unmet", columns: [words["school"] ?? "", words["wished_roles"] ?? "", words["why"] ?? ""], rows: rows, bars: nil)
    }

    /// The topics staff want next year, most wanted first.
    static func survey(_ figures: Figures, _ words: [String: String]) -> Table {
        var counts: [String: Int] = [:]
        for answer in figures.survey { for topic in answer.topics { counts[topic, default: 0] += 1 } }
        let topics = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let mostWanted = max(1, topics.first?.value ?? 1)
        return Table(
            name: "survey", columns: [words["topic"] ?? "", words["answers"] ?? ""], rows: topics.map { [$0.key, "\($0.value)"] },
            bars: topics.map { ($0.key, Double($0.value) / Double(mostWanted)) })
    }
}
