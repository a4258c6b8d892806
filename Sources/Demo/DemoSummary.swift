import Foundation
import HubStore
import KijkjeDomain

/// What the week came to, as the organiser API tells it (and the mail as the mailbox holds it).
public struct DemoSummary: Sendable, Codable {
    public struct Workshop: Sendable, Codable {
        public var sessionId: UUID
        public var title: String
        public var school: String
        public var starts: String
        public var capacity: Int
        public var confirmed: Int
        public var waiting: Int
    }

    public struct Reach: Sendable, Codable {
        public var tenantId: UUID
        public var school: String
        public var guest: Bool
        /// People with a confirmed place (kickoff or workshop) or a confirmed shadow day, as shadower or host.
        public var participants: Int
        /// Staff head counts, as the school's agent sent them from its HR export.
        public var staff: Int
        /// Colleagues the school's agent invited (the count its agent sent; the addresses stay at school).
        public var invited = 0
    }

    public struct Phase: Sendable, Codable {
        public var name: String
        public var seconds: Double
    }

    public var network = ""
    /// What the hub's store ran on (`HubStore.describe()`).
    public var store = ""
    public var members = 0
    public var guests = 0
    public var memberStaff = 0
    public var workshops: [Workshop] = []
    public var ranked = 0
    public var placedByAllocation = 0
    public var unplacedByAllocation = 0
    public var worstRank = 0
    /// Enrolments the agents pushed after the allocation, by outcome (enrolment state or refusal reason).
    public var agentEnrolments: [String: Int] = [:]
    public var shadowRequests = 0
    public var shadowOffers = 0
    public var declinedProposals = 0
    public var confirmedMatches = 0
    public var openProposals = 0
    /// Requests left without a match, by what kept their nearest alternative out of reach.
    public var unmatched: [String: Int] = [:]
    public var reach: [Reach] = []
    public var mailSent = 0
    public var mailbox = ""
    /// The schools' own invitations and reminders, sent by their agents.
    public var invitationsSent = 0
    public var remindersSent = 0
    /// Mail sent, by what it reported.
    public var mailByKind: [String: Int] = [:]
    public var phases: [Phase] = []
    /// Sign-in links (single use, 15 minutes) for a sample teacher and for the organiser, as the portal mailed them.
    public var signInLinks: [String: String] = [:]

    public var participants: Int { reach.filter { !$0.guest }.reduce(0) { $0 + $1.participants } }

    /// Why a request stayed unmatched, in words, from its nearest alternative's first blocker.
    static func reason(_ alternatives: [ShadowMatchingRun.Alternative]) -> String {
        guard let blocker = alternatives.first?.blockers.first else { return "no offer at all" }
        switch blocker {
        case .full: return "the hosts that fit were taken"
        case .tooFar: return "every host too far away"
        case .noSharedDay: return "no host on the wished days"
        case .roleNotWished: return "no host in the wished role"
        case .notVisible: return "offers not shared with guests"
        case .ownSchool: return "only hosts at the own school"
        case .ownOffer: return "only the own offer"
        case .forbidden: return "the pair that fits was declined or forbidden"
        }
    }

    /// The summary as the demo prints it.
    public var text: String {
        var out: [String] = []
        out.append("\(network): \(members) schools and \(guests) guest schools, \(memberStaff.formatted()) staff in the network.")
        out.append("The hub's store: \(store).")
        out.append("")
        out.append("Workshops (places filled and waiting list):")
        let width = min(52, workshops.map(\.title.count).max() ?? 10)
        for w in workshops {
            let title =
                w.title.count > width
                ? String(w.title.prefix(width - 1)) + "…" : w.title.padding(toLength: width, withPad: " ", startingAt: 0)
            out.append(
                "  \(title)  \(w.starts)  \(pad(w.confirmed, 4))/\(pad(w.capacity, -4)) filled  \(pad(w.waiting, 3)) waiting  \(w.school)")
        }
        out.append("")
        out.append(
            "Ranked allocation: \(ranked) people ranked their choices; \(placedByAllocation) placed, \(unplacedByAllocation) not, "
                + "worst rank given \(worstRank).")
        let pushed = agentEnrolments.values.reduce(0, +)
        out.append(
            "First come, first served through the agents: \(pushed) enrolments pushed: "
                + agentEnrolments.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ".")
        out.append("")
        let unmatchedCount = unmatched.values.reduce(0, +)
        out.append(
            "Shadow days: \(shadowRequests) requests, \(shadowOffers) offers; \(confirmedMatches) matches confirmed by both sides, "
                + "\(declinedProposals) proposals declined, \(openProposals) awaiting an answer, \(unmatchedCount) requests unmatched"
                + (unmatched.isEmpty ? "." : ":"))
        for (why, count) in unmatched.sorted(by: { $0.value > $1.value }) { out.append("  \(pad(count, 4))  \(why)") }
        out.append("")
        out.append("Reach per school (took part / staff; invited by the school's agent):")
        for r in reach.sorted(by: { ($0.guest ? 1 : 0, $0.school) < ($1.guest ? 1 : 0, $1.school) }) {
            out.append(
                "  \(pad(r.participants, 4)) / \(pad(r.staff, -5)) \(percent(r.participants, r.staff))  invited \(pad(r.invited, 5))  "
                    + "\(r.school)\(r.guest ? " (guest)" : "")"
            )
        }
        out.append("  invitations: \(invitationsSent) sent by the schools' agents, \(remindersSent) reminders (in each agent's mailbox)")
        out.append("  network: \(participants) of \(memberStaff) staff took part (\(percent(participants, memberStaff)))")
        out.append("")
        out.append("Mail: \(mailSent) messages sent (written to \(mailbox)).")
        out.append("  by kind: " + mailByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        out.append(
            "Phases: " + phases.map { "\($0.name) \(String(format: "%.1f", $0.seconds)) s" }.joined(separator: ", ")
                + String(format: "; total %.1f s.", phases.reduce(0) { $0 + $1.seconds }))
        out.append("Peak memory: \(Self.peakMemoryMegabytes()) MB (the hub, every school's agent and the organiser in this one process).")
        return out.joined(separator: "\n")
    }

    /// The most memory this process has held so far (its peak resident set), in megabytes.
    static func peakMemoryMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let text = "\(n)"
        let fill = String(repeating: " ", count: max(0, abs(width) - text.count))
        return width < 0 ? text + fill : fill + text
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "  –  " : String(format: "%4.1f%%", Double(part) * 100 / Double(whole))
    }
}
