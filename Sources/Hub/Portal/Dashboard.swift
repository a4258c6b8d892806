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

    /// What the tables are made of, read from the store once per view.
    struct Figures: Sendable {
        var tenants: [Tenant]
        var guests: Set<UUID>
        /// The edition's sessions in time order, each with its enrolments.
        var sessions: [(session: Session, enrolments: [Enrolment])]
        var matches: [ShadowMatch]
        var people: [UUID: [Person]]
        var run: ShadowMatchingRun?
        var requests: [UUID: ShadowRequest]
        var survey: [SurveyAnswer]
        /// Colleagues invited by each school's agent, per role.
        var invited: [UUID: [String: Int]] = [:]

        func schoolName(_ id: UUID) -> String { tenants.first { $0.id == id }?.name ?? "" }
    }

    /// The current edition's dashboard.
    static func load(_ store: any HubStore, networkId: UUID, words: [String: String]) async throws -> Dashboard {
        try await load(store, edition: try await store.currentEdition(in: networkId), words: words)
    }

    static func load(_ store: any HubStore, edition: Edition, words: [String: String]) async throws -> Dashboard {
        let networkId = edition.networkId
        let tenants = try await store.tenants(in: networkId)
        var sessions: [(Session, [Enrolment])] = []
        for session in try await store.sessions(editionId: edition.id, in: networkId) {
            sessions.append((session, try await store.enrolments(sessionId: session.id, in: networkId)))
        }
        var people: [UUID: [Person]] = [:]
        for tenant in tenants { people[tenant.id] = try await store.people(tenantId: tenant.id, in: networkId) }
        let figures = Figures(
            tenants: tenants, guests: Set(try await store.memberships(in: networkId).filter { $0.kind == .guest }.map(\.tenantId)),
            sessions: sessions.sorted { ($0.0.startsAt, $0.0.title) < ($1.0.startsAt, $1.0.title) },
            matches: try await store.shadowMatches(editionId: edition.id, in: networkId), people: people,
            run: try await store.latestShadowMatchingRun(editionId: edition.id, in: networkId),
            requests: Dictionary(
                try await store.shadowRequests(editionId: edition.id, in: networkId).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first }),
            survey: try await store.surveyAnswers(editionId: edition.id, in: networkId),
            invited: try await store.invitationCounts(in: networkId))
        return Dashboard(tables: reach(figures, words) + places(figures, words) + [unmet(figures, words), survey(figures, words)])
    }

    /// A table as a purged edition keeps it: its column names and rows.
    struct KeptTable: Codable, Sendable {
        var columns: [String]
        var rows: [[String]]
    }

    /// The tables as stored documents by name, as a purged edition keeps them.
    var documents: [String: String] {
        Dictionary(uniqueKeysWithValues: tables.map { ($0.name, StoredJSON.text(KeptTable(columns: $0.columns, rows: $0.rows))) })
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
