import Demo
import Foundation
import HubStore
import HubStoreSQLite
import KijkjeDomain
import KijkjeTestSupport
import Logging
import Testing

@Suite("Demo")
struct DemoTests {
    @Test("the same seed plans the same network; every school lists every role and the sizes follow the options")
    func planIsSeeded() {
        let a = DemoPlan.make(seed: 5, schools: 35, staff: 7000), b = DemoPlan.make(seed: 5, schools: 35, staff: 7000)
        #expect(a.schools.map(\.brin) == b.schools.map(\.brin))
        #expect(a.participants.map(\.member.email) == b.participants.map(\.member.email))
        #expect(a.memberCount == 35 && a.schools.count == 37)
        let memberStaff = a.schools.filter { $0.kind == .member }.reduce(0) { $0 + $1.staff.count }
        #expect(abs(memberStaff - 7000) < 60)
        #expect((28...32).contains(a.workshops.count) && a.offers.count == 250)
        #expect((450...550).contains(a.participants.count) && (150...250).contains(a.shadowRequestCount))
        #expect(Set(a.schools.map(\.domain)).count == a.schools.count)
        for school in a.schools { #expect(Set(school.staff.map(\.role)).count == Role.allCases.count - 1) }
        #expect(DemoPlan.make(seed: 6, schools: 35, staff: 7000).participants.map(\.member.email) != a.participants.map(\.member.email))
    }

    @Test("the demo runs a small week end to end and its summary's figures are what the store holds")
    func summaryMatchesTheStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = DemoOptions()
        options.seed = 11
        options.schools = 6
        options.staff = 1200
        options.port = 0
        options.exit = true
        options.dataDirectory = folder.path
        // Everything the hub and the agents log, at debug level, is kept to be searched for personal data below.
        let log = LogSink()
        let summary = try await Demo.run(options, logger: log.logger(label: "kijkje.demo.test", level: .debug)) { _ in }
        let plan = DemoPlan.make(seed: 11, schools: 6, staff: 1200)

        let store = try SQLiteDatabase.store(path: folder.appendingPathComponent("hub.sqlite").path)
        let network = try #require(try await store.networks().first)
        let edition = try #require(try await store.editions(in: network.id).first)
        #expect(summary.members == 6 && summary.guests == plan.schools.count - 6)

        // Every workshop the agents pushed is at the hub, with the figures the summary printed.
        let sessions = try await store.sessions(editionId: edition.id, in: network.id)
        #expect(sessions.count == plan.workshops.count + 1)
        #expect(Set(summary.workshops.map(\.sessionId)) == Set(sessions.map(\.id)))
        var tookPart: Set<String> = []
        for line in summary.workshops {
            let enrolments = try await store.enrolments(sessionId: line.sessionId, in: network.id)
            #expect(line.confirmed == enrolments.filter { $0.state == .confirmed }.count)
            #expect(line.waiting == enrolments.filter { $0.state == .waitlisted }.count)
            #expect(line.confirmed <= line.capacity)
            for e in enrolments where e.state == .confirmed { tookPart.insert("\(e.personTenantId)/\(e.personId)") }
        }

        // Head counts came from each school's HR export through its agent.
        let tenants = try await store.tenants(in: network.id)
        for (tenant, school) in zip(tenants.sorted { $0.brin < $1.brin }, plan.schools.sorted { $0.brin < $1.brin }) {
            #expect(tenant.headCounts.values.reduce(0, +) == school.staff.count)
        }
        #expect(summary.memberStaff == plan.schools.filter { $0.kind == .member }.reduce(0) { $0 + $1.staff.count })

        // Allocation, enrolments pushed by the agents, shadow matching.
        let allocation = try #require(try await store.allocationRun(editionId: edition.id, in: network.id))
        #expect(summary.placedByAllocation == allocation.placed && summary.unplacedByAllocation == allocation.unplaced)
        #expect(allocation.placed > 0)
        let pushed = plan.participants.reduce(0) { $0 + $1.direct.count + ($1.kickoff ? 1 : 0) }
        #expect(summary.agentEnrolments.values.reduce(0, +) == pushed)
        #expect(summary.agentEnrolments["pending"] == nil)
        #expect(summary.shadowOffers == plan.offers.count)
        #expect(try await store.shadowOffers(editionId: edition.id, in: network.id).count == plan.offers.count)
        #expect(summary.shadowRequests == plan.shadowRequestCount)
        let matches = try await store.shadowMatches(editionId: edition.id, in: network.id)
        #expect(summary.confirmedMatches == matches.filter { $0.state == .confirmed }.count)
        #expect(summary.declinedProposals == matches.filter { $0.state == .declined }.count)
        #expect(summary.confirmedMatches > 0)
        let latest = try #require(try await store.latestShadowMatchingRun(editionId: edition.id, in: network.id))
        #expect(summary.unmatched.values.reduce(0, +) == latest.unmatched.count)
        #expect(summary.confirmedMatches + summary.unmatched.values.reduce(0, +) + summary.openProposals == plan.shadowRequestCount)
        for m in matches where m.state == .confirmed {
            tookPart.insert("\(m.tenantId)/\(m.personId)")
            tookPart.insert("\(m.offerTenantId)/\(m.hostPersonId)")
        }

        // Reach per school against the store's own count.
        for line in summary.reach {
            #expect(line.participants == tookPart.filter { $0.hasPrefix("\(line.tenantId)/") }.count, "\(line.school)")
        }
        #expect(summary.reach.reduce(0) { $0 + $1.participants } == tookPart.count)

        // Every mail sent, once, and each is a file in the mailbox.
        let outbox = try await store.mailOutbox()
        #expect(outbox.allSatisfy { $0.sentAt != nil })
        #expect(summary.mailSent == outbox.count && summary.mailSent > 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("mailbox").path).filter {
            $0.hasSuffix(".eml")
        }
        #expect(files.count == summary.mailSent)
        #expect(summary.text.contains("Reach per school") && summary.phases.count == 13)
        // Every school's agent invited its whole staff list, and reminded those who had not taken part; the hub
        // holds the counts, beside reach.
        #expect(summary.invitationsSent == summary.reach.reduce(0) { $0 + $1.staff })
        #expect(summary.reach.allSatisfy { $0.invited == $0.staff })
        #expect(summary.remindersSent > 0 && summary.remindersSent < summary.invitationsSent)
        let agentMail = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("agents").path)
            .filter { $0.contains("/mailbox/") && $0.hasSuffix(".eml") }
        #expect(agentMail.count == summary.invitationsSent + summary.remindersSent)
        // Every kind of mail went out at least once, and the summary counts them as the outbox does.
        #expect(Set(summary.mailByKind.keys) == Set(MailKind.fromHub.map(\.rawValue)), "\(summary.mailByKind)")
        #expect(summary.mailByKind == Dictionary(grouping: outbox, by: \.message.kind.rawValue).mapValues(\.count))
        // The portal mailed sign-in links for a teacher and the organiser, through its sign-in form.
        #expect(summary.signInLinks.count == 2)
        for (email, link) in summary.signInLinks {
            #expect(link.contains("/sign-in/kjk_in_"))
            #expect(outbox.contains { $0.message.toAddress == email && $0.message.body.contains(link) })
        }
        // The whole week at debug level logged no address, name, token or link secret.
        #expect(log.count > 100, "the debug log was captured")
        #expect(Self.personalData(in: log.text, plan: plan).isEmpty, "\(Self.personalData(in: log.text, plan: plan).prefix(5))")
    }

    @Test("a port that is taken ends the demo with one clear error instead of waiting")
    func portTaken() async throws {
        let blocker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(blocker) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(blocker, $0, length) } }
        _ = listen(blocker, 1)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(blocker, $0, &length) }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = DemoOptions()
        options.dataDirectory = folder.path
        options.exit = true
        options.port = Int(UInt16(bigEndian: address.sin_port))
        var logger = Logger(label: "t")
        logger.logLevel = .critical
        do {
            try await Demo.run(options, logger: logger) { _ in }
            Issue.record("the demo ran on a taken port")
        } catch let error as DemoError {
            #expect(error.description.contains("could not listen") && error.description.contains("--port"))
        }
    }

    @Test("a folder that is not a former demo's is refused, and nothing in it is touched")
    func refusesForeignFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-notademo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let precious = folder.appendingPathComponent("cijfers.xlsx")
        try Data("keep".utf8).write(to: precious)
        var options = DemoOptions()
        options.dataDirectory = folder.path
        options.exit = true
        options.port = 0
        await #expect(throws: DemoError.self) { try await Demo.run(options, logger: Logger(label: "t")) { _ in } }
        #expect(FileManager.default.fileExists(atPath: precious.path))
    }
}

extension DemoTests {
    /// The debug log of the run above holds no address, name, token or link secret (checked in the same run).
    static func personalData(in log: String, plan: DemoPlan) -> [String] {
        var found: [String] = []
        for member in plan.schools.flatMap(\.staff) where log.contains(member.email) || log.contains(member.name) {
            found.append(member.email)
        }
        for secret in ["kjk_in_", "kjk_cal_", "kjk_op_", "kjk_org_", "kjk_agt_", "kjk_inv_", "kjk_ses_", "kjk_frm_"]
        where log.contains(secret) {
            found.append(secret)
        }
        return found
    }
}
