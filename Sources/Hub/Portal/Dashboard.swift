import Foundation
import HubStore
import KijkjeDomain

/// The organiser's figures for an edition, as tables: each is shown, charted and downloadable as CSV.
struct Dashboard: Sendable {
    struct Table: Sendable {
        var name: String
        var columns: [String]
        var rows: [[String]]
        /// For the chart: a label and a value from 0 to 1 per row (nil: no chart).
        var bars: [(label: String, share: Double)]?
    }

    var tables: [Table]

    func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    static func load(_ store: any HubStore, networkId: UUID, words: [String: String]) async throws -> Dashboard {
        let edition = try await store.currentEdition(in: networkId)
        let tenants = try await store.tenants(in: networkId)
        let guests = Set(try await store.memberships(in: networkId).filter { $0.kind == .guest }.map(\.tenantId))
        let sessions = try await store.sessions(editionId: edition.id, in: networkId).sorted {
            ($0.startsAt, $0.title) < ($1.startsAt, $1.title)
        }
        var fill: [[String]] = [], fillBars: [(String, Double)] = [], waiting: [[String]] = []
        var all: [Enrolment] = []
        for session in sessions {
            let list = try await store.enrolments(sessionId: session.id, in: networkId)
            let counts = Dictionary(grouping: list, by: \.state).mapValues(\.count)
            // Taken as the enrolment rules count them: confirmed places and places on offer to the waiting list.
            let taken = session.capacity - session.placesLeft(counts: counts), queued = counts[.waitlisted] ?? 0
            let school = tenants.first { $0.id == session.tenantId }?.name ?? ""
            fill.append([session.title, school, "\(taken)", "\(session.capacity)", percent(taken, session.capacity)])
            fillBars.append((session.title, session.capacity == 0 ? 0 : Double(taken) / Double(session.capacity)))
            if queued > 0 { waiting.append([session.title, school, "\(queued)"]) }
            all += list
        }
        let tookPart = Participation.people(enrolments: all, matches: try await store.shadowMatches(editionId: edition.id, in: networkId))
        var reach: [[String]] = [], reachBars: [(String, Double)] = []
        var byRole: [Role: Int] = [:], staffByRole: [Role: Int] = [:]
        var networkParticipants = 0, networkStaff = 0
        for tenant in tenants.sorted(by: { $0.name < $1.name }) {
            let people = try await store.people(tenantId: tenant.id, in: networkId).filter {
                tookPart.contains(Participation.Person(tenantId: tenant.id, personId: $0.id))
            }
            let staff = tenant.headCounts.values.reduce(0, +)
            for person in people { byRole[person.role, default: 0] += 1 }
            if !guests.contains(tenant.id) {
                for (role, count) in tenant.headCounts { if let role = Role(rawValue: role) { staffByRole[role, default: 0] += count } }
                networkParticipants += people.count
                networkStaff += staff
            }
            reach.append([
                tenant.name, guests.contains(tenant.id) ? words["guest"] ?? "guest" : "", "\(people.count)", "\(staff)",
                percent(people.count, staff),
            ])
            reachBars.append((tenant.name, staff == 0 ? 0 : Double(people.count) / Double(staff)))
        }
        reach.append([
            words["whole_network"] ?? "network", "", "\(networkParticipants)", "\(networkStaff)",
            percent(networkParticipants, networkStaff),
        ])
        let roles = Role.allCases.map { role in
            [
                words["role_\(role.rawValue)"] ?? role.rawValue, "\(byRole[role] ?? 0)", "\(staffByRole[role] ?? 0)",
                percent(byRole[role] ?? 0, staffByRole[role] ?? 0), percent(byRole[role] ?? 0, networkStaff),
            ]
        }
        var unmet: [[String]] = []
        if let run = try await store.latestShadowMatchingRun(editionId: edition.id, in: networkId) {
            let requests = Dictionary(
                try await store.shadowRequests(editionId: edition.id, in: networkId).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first })
            for item in run.unmatched {
                guard let request = requests[item.requestId] else { continue }
                let school = tenants.first { $0.id == request.tenantId }?.name ?? ""
                let why = item.alternatives.first.map { PortalWords.blockers($0.blockers, words) } ?? (words["no_offer"] ?? "")
                unmet.append([school, request.roles.map { words["role_\($0.rawValue)"] ?? $0.rawValue }.joined(separator: ", "), why])
            }
        }
        var topicCounts: [String: Int] = [:]
        for answer in try await store.surveyAnswers(editionId: edition.id, in: networkId) {
            for t in answer.topics { topicCounts[t, default: 0] += 1 }
        }
        let topics = topicCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let mostWanted = max(1, topics.first?.value ?? 1)
        return Dashboard(tables: [
            Table(
                name: "reach-schools", columns: [words["school"] ?? "", "", words["took_part"] ?? "", words["staff"] ?? "", "%"],
                rows: reach,
                bars: reachBars),
            Table(
                name: "reach-roles",
                columns: [
                    words["role"] ?? "", words["took_part"] ?? "", words["staff"] ?? "", "%",
                    words["of_all_staff"] ?? "",
                ], rows: roles, bars: nil),
            Table(
                name: "fill", columns: [words["session"] ?? "", words["school"] ?? "", words["filled"] ?? "", words["places"] ?? "", "%"],
                rows: fill, bars: fillBars),
            Table(
                name: "waiting", columns: [words["session"] ?? "", words["school"] ?? "", words["waiting"] ?? ""], rows: waiting,
                bars: nil),
            Table(
                name: "unmet", columns: [words["school"] ?? "", words["wished_roles"] ?? "", words["why"] ?? ""], rows: unmet, bars: nil),
            Table(
                name: "survey", columns: [words["topic"] ?? "", words["answers"] ?? ""], rows: topics.map { [$0.key, "\($0.value)"] },
                bars: topics.map { ($0.key, Double($0.value) / Double(mostWanted)) }),
        ])
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.1f", Double(part) * 100 / Double(whole))
    }

    /// The table as RFC 4180 CSV, its column names first.
    static func csv(_ table: Table) -> String { CSV.document([table.columns] + table.rows) }

    /// A horizontal bar chart as inline SVG, with a title and text for screen readers.
    static func svg(_ bars: [(label: String, share: Double)], title: String) -> String {
        let rowHeight = 22, labelWidth = 260, barWidth = 300, height = max(1, bars.count) * rowHeight + 10
        // The longest bar is the largest share, so small shares stay visible; each label gives the share itself.
        let scale = max(0.0001, bars.map(\.share).max() ?? 1)
        var out =
            "<svg role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" "
            + "class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 5, width = Int((min(1, max(0, bar.share / scale)) * Double(barWidth)).rounded())
            let label = bar.label.count > 38 ? String(bar.label.prefix(37)) + "…" : bar.label
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\">\(escape(label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"15\" fill=\"#1d5e8c\"/>"
            out +=
                "<text x=\"\(labelWidth + width + 4)\" y=\"\(y + 15)\" font-size=\"12\">\(String(format: "%.0f%%", bar.share * 100))</text>"
        }
        return out + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
