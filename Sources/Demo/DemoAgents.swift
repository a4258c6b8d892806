import Agent
import Foundation
import KijkjeDomain
import KijkjeSync

/// One school's agent in the demo: joined with its invitation, its staff list imported, talking to the hub over
/// the real sync protocol (the same library the `kijkje-agent` command is built on).
struct DemoAgent: Sendable {
    let school: Int
    let tenant: Tenant
    let folder: AgentFolder
    let replica: Replica
    let client: HubClient

    var admin: SchoolAdmin { SchoolAdmin(school: tenant.id, replica: replica) }

    /// Joins with the code, writes the HR export into the agent's folder and imports it like `staff import`.
    static func join(_ school: Int, tenant: Tenant, staffCSV: String, hub: URL, code: String, in folder: URL) async throws -> DemoAgent {
        let joined = try await AgentFolder.join(
            hub: hub, code: code, caCertificate: nil,
            at: folder.appendingPathComponent(tenant.brin), label: "agent \(tenant.brin)")
        let export = joined.path.appendingPathComponent("personeel.csv")
        try Data(("\u{FEFF}" + staffCSV).utf8).write(to: export)
        let agent = DemoAgent(
            school: school, tenant: tenant, folder: joined, replica: try joined.replica(cacheKilobytes: 512), client: try joined.client())
        let imported = try StaffImport(text: String(decoding: try Data(contentsOf: export), as: UTF8.self))
        guard imported.problems.isEmpty else { throw DemoError("the staff export of \(tenant.name) has bad rows: \(imported.problems[0])") }
        try agent.replica.replaceStaff(imported.staff)
        try agent.replica.enqueue(.headCounts(counts: imported.headCounts))
        return agent
    }

    /// Pushes the outbox and pulls until up to date.
    func sync() async throws { try await SyncSession(school: tenant.id, replica: replica, client: client).round() }

    func close() async { try? await client.shutdown() }

    /// What the hub answered to this agent's changes: enrolments by state, refusals by reason.
    func results() throws -> (applied: [String: Int], refused: [String: Int], pending: Int) {
        var applied: [String: Int] = [:], refused: [String: Int] = [:], pending = 0
        for entry in try replica.outbox() {
            guard let result = entry.result else { pending += 1; continue }
            if result.status == .refused { refused[result.reason ?? "refused", default: 0] += 1; continue }
            if case .enrol = entry.change { applied[result.enrolmentState?.rawValue ?? "applied", default: 0] += 1 }
        }
        return (applied, refused, pending)
    }
}

/// Runs `body` for every item with at most `width` at once; the answers come back in the items' order.
func concurrently<Item: Sendable, Answer: Sendable>(
    _ items: [Item], width: Int,
    _ body: @escaping @Sendable (Item) async throws -> Answer
) async throws -> [Answer] {
    try await withThrowingTaskGroup(of: (Int, Answer).self) { group in
        var answers: [Answer?] = Array(repeating: nil, count: items.count)
        var next = 0
        while next < min(width, items.count) {
            let (index, item) = (next, items[next])
            group.addTask { (index, try await body(item)) }
            next += 1
        }
        while let (index, answer) = try await group.next() {
            answers[index] = answer
            if next < items.count {
                let (index, item) = (next, items[next])
                group.addTask { (index, try await body(item)) }
                next += 1
            }
        }
        return answers.map { $0! }
    }
}

/// Something the demo cannot go on without, in one line.
public struct DemoError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
