import Agent
import AgentAdmin
import Foundation
import KijkjeDomain
import Mailing

/// The schools' own invitations: each agent mails its whole staff list (into the agent's own mailbox folder, as a
/// school without an SMTP server configured would), and later reminds those who have not taken part.
extension DemoWeek {
    func inviteStaff(reminder: Bool) async throws -> Int {
        try await concurrently(agents, width: width) { agent in
            let roles = Set(try agent.replica.staff().map(\.role))
            let mailbox = MailboxFolder(
                directory: agent.folder.path.appendingPathComponent("mailbox").path,
                from: "personeelszaken@\(agent.tenant.emailDomains[0])",
                fromName: "Personeelszaken \(agent.tenant.name)")
            let round = try await SchoolInvitations.send(
                (agent.folder, agent.replica), roles: roles, reminder: reminder, note: "", sender: "Personeelszaken \(agent.tenant.name)",
                language: .nl, mail: mailbox)
            guard round.failed.isEmpty else { throw DemoError("\(agent.tenant.name)'s invitations failed: \(round.failed[0])") }
            return round.sent
        }.reduce(0, +)
    }
}
