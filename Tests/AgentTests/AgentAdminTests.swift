import Agent
import AgentAdmin
import AsyncHTTPClient
import Foundation
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Logging
import Mailing
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

/// The school administrator's pages, served by the agent, driven in headless Chromium (Debian's package, through
/// Selenium) against a live TLS hub that goes away and comes back. Screenshots go to `test-artifacts/agent-admin/`.
@Suite("Agent administrator's pages")
struct AgentAdminTests {
    static let screenshots = repositoryRoot.appendingPathComponent("test-artifacts/agent-admin")

    /// An agent's home and its pages on a free port, syncing once joined; `body` gets the pages' address.
    static func withAgent(
        _ path: URL, mail: (any MailTransport)? = nil, tls: TestCertificates? = nil,
        _ body: @escaping @Sendable (AgentHome, String) async throws -> Void
    ) async throws {
        let home = AgentHome(path: path, mail: mail)
        var logger = Logger(label: "kijkje.agent.test")
        logger.logLevel = .error
        var settings = AdminSettings()
        settings.port = 0
        settings.tlsCertificatePath = tls?.serverCertificatePath
        settings.tlsKeyPath = tls?.serverKeyPath
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildAdminApplication(home: home, settings: settings, logger: logger) { sink.yield($0) }
        let group = ServiceGroup(
            configuration: .init(services: [HomeSync(home: home, waitSeconds: 1, logger: logger), app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestSetupError("the administrator's pages did not start") }
        do {
            try await body(home, tls == nil ? "http://127.0.0.1:\(port)" : "https://localhost:\(port)")
        } catch {
            await group.triggerGracefulShutdown()
            try? await task.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// Runs a phase of `scripts/admin_flow.py` and returns what it saw.
    static func browse(_ phase: String, _ base: String, profile: URL, _ arguments: [String] = []) async throws -> [String: Any] {
        let run = try await pythonInBackground(
            [repositoryRoot.appendingPathComponent("scripts/admin_flow.py").path, phase, base, profile.path, screenshots.path] + arguments)
        let seen = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]) ?? [:]
        guard run.status == 0 else { throw TestSetupError("the browser's \(phase) failed: \(run.output)") }
        return seen
    }

    /// Waits (up to 90 s) until `condition` holds.
    static func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
        for _ in 0..<450 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestSetupError("\(what) did not happen in 90 s")
    }

    @Test("join with a password; staff list with a bad line; a workshop made while the hub is down is confirmed once it is back; CSV")
    func endToEnd() async throws {
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await withSyncWorld(.sqlite) { world in
            let school = world.memberA, domain = school.emailDomains[0]
            let csv = world.folder.appendingPathComponent("personeel.csv")
            try FileManager.default.createDirectory(at: world.folder, withIntermediateDirectories: true)
            let export = staffCSV(school, count: 6) + "\r\nZonder Adres;;docent;\r\nAnna Visser;anna@\(domain);docent;engels"
            try Data(export.utf8).write(to: csv)
            let profile = world.folder.appendingPathComponent("chromium-profile")
            let code = try await world.invitationCode(school)
            let smtp = try await SMTPTestServer.started()
            defer { smtp.stop() }
            let mail = SMTPTransport(
                url: "smtp://127.0.0.1:\(smtp.port)", user: nil, password: nil, startTLS: 0, caFile: nil, from: "p&o@\(domain)",
                fromName: "Personeelszaken")
            try await Self.withAgent(world.folder.appendingPathComponent("agent-a"), mail: mail) { home, base in
                let joined = try await Self.browse(
                    "join", base, profile: profile, [world.hub.absoluteString, code, world.certificates.caCertificatePath, csv.path])
                #expect((joined["will_import"] as? String ?? "").hasPrefix("7"), "six colleagues and Anna")
                #expect((joined["skipped"] as? String ?? "").contains("line 8"), "the line without an address")
                #expect((joined["staff"] as? String ?? "").contains("anna@\(domain)"))
                let replica = try #require(home.joined?.replica)
                #expect(try replica.staff().count == 7)
                try await Self.eventually("the first sync") { try replica.state("last_success") != nil }

                // The hub goes away: a new workshop waits; the hub comes back and confirms it.
                try await world.control.stop()
                try await Self.eventually("the agent noticing") { !(try replica.state("last_error") ?? "").isEmpty }
                let offline = try await Self.browse("offline", base, profile: profile)
                #expect((offline["workshops"] as? String ?? "").contains("wacht op de hub"))
                #expect(Int(offline["pending"] as? String ?? "") ?? 0 >= 1)
                try await world.control.start()
                try await Self.eventually("the workshop reaching the hub") { try replica.outbox(pendingOnly: true).isEmpty }
                let workshops = try await world.store.sessions(editionId: world.edition.id, in: world.networkId)
                #expect(workshops.contains { $0.title == "Lesgeven met minder mensen" && $0.tenantId == school.id })

                let online = try await Self.browse("online", base, profile: profile, ["anna@\(domain)"])
                #expect((online["workshops"] as? String ?? "").contains("bevestigd"))
                #expect((online["enrolments"] as? String ?? "").contains("anna@\(domain)"))
                try await Self.eventually("Anna's place") {
                    try replica.outbox(pendingOnly: true).isEmpty && !replica.rows(.enrolment, as: Enrolment.self).isEmpty
                }
                let away = try await Self.browse("absences", base, profile: profile, ["collega0@\(domain)"])
                #expect((away["offers"] as? String ?? "").contains("2026-11-18"))
                #expect((away["absences"] as? String ?? "").contains("Anna Visser"))
                #expect((away["csv_type"] as? String ?? "").hasPrefix("text/csv"))
                #expect((away["csv"] as? String ?? "").contains("Anna Visser,anna@\(domain)"))

                // Invitations go out through the school's own SMTP server; a reminder only to who has not taken part.
                let invited = try await Self.browse(
                    "invite", base, profile: profile, ["Dit jaar voor het eerst: meelopen bij een bestuurder."])
                #expect((invited["sent"] as? String ?? "").hasPrefix("7"))
                let invitations = try smtp.messages()
                #expect(invitations.count == 7 && Set(invitations.compactMap { $0["to"] as? String }).count == 7)
                let first = try #require(invitations.first { ($0["to"] as? String ?? "").contains("anna@") })
                #expect(first["subject"] as? String == "Uitnodiging: de loopbaanweek 17 – 20 november 2026")
                let text = first["text"] as? String ?? ""
                #expect(text.contains("Beste Anna Visser") && text.contains(world.hub.appendingPathComponent("sign-in").absoluteString))
                #expect(text.contains("Lesgeven met minder mensen") && text.contains("meelopen bij een bestuurder"))
                #expect(text.contains("Petra Personeelszaken"), "signed by the administrator")
                let reminded = try await Self.browse("remind", base, profile: profile, [""])
                #expect((reminded["sent"] as? String ?? "").hasPrefix("5"), "Anna took part, and a colleague hosts a shadow day")
                let reminders = try smtp.messages().filter { ($0["subject"] as? String ?? "").hasPrefix("Herinnering") }
                #expect(reminders.count == 5 && !reminders.contains { ($0["to"] as? String ?? "").contains("anna@") })
                // The poster: the week, our workshop, and a QR code that a real decoder reads as the portal's address.
                let poster = try await Self.browse("poster", base, profile: profile)
                let portal = world.hub.appendingPathComponent("sign-in").absoluteString
                #expect((poster["poster"] as? String ?? "").contains("Lesgeven met minder mensen"))
                #expect((poster["poster"] as? String ?? "").contains(portal))
                #expect(try Self.decodeQR(Self.screenshots.appendingPathComponent("admin-poster.png")) == portal)
                #expect(try Self.decodeQR(Self.screenshots.appendingPathComponent("admin-poster-phone.png")) == portal)

                // The shadow offer reached the hub (its host with it), and then its second day.
                #expect((poster["offers"] as? String ?? "").contains("wacht op de hub"))
                try await Self.eventually("the changed offer reaching the hub") { try replica.outbox(pendingOnly: true).isEmpty }
                let offered = try await world.store.shadowOffers(editionId: world.edition.id, in: world.networkId)
                #expect(offered.contains { $0.tenantId == school.id && $0.days == [Day("2026-11-18")!, Day("2026-11-19")!] })

                // The hub hears the counts, and of the staff list only Anna (who took part) and the workshop's presenter.
                try await Self.eventually("the counts reaching the hub") { try replica.outbox(pendingOnly: true).isEmpty }
                let counts = try await world.store.invitationCounts(in: world.networkId)[school.id] ?? [:]
                #expect(counts.values.reduce(0, +) == 7 && counts["teacher"] == 4)
                let known = try await world.store.people(tenantId: school.id, in: world.networkId).map(\.email)
                #expect(Set(known) == ["anna@\(domain)", "collega0@\(domain)"], "only who took part or hosts: \(known)")

                // Without a session, or without the form's token, nothing changes.
                var noRedirects = HTTPClient.Configuration()
                noRedirects.redirectConfiguration = .disallow
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: noRedirects)
                do {
                    try await Self.refusals(client, base: base, profile: profile, world: world)
                    try await client.shutdown()
                } catch {
                    try? await client.shutdown()
                    throw error
                }
                #expect(try replica.rows(.session, as: Session.self).values.filter { $0.title == "Stiekem" }.isEmpty)
            }
        }
    }

    /// What `zbarimg` reads in an image.
    static func decodeQR(_ image: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zbarimg", "--raw", "-q", image.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.trimmingCharacters(in: .newlines)
    }

    /// Refused without a session or the form's token; another school's agent does not take this school's session.
    static func refusals(_ client: HTTPClient, base: String, profile: URL, world: SyncWorld) async throws {
        var post = HTTPClientRequest(url: "\(base)/workshops")
        post.method = .POST
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        post.body = .bytes(ByteBuffer(string: "title=Stiekem&location=x&day=2026-11-17&start=09:00&end=10:00&capacity=3"))
        let anonymous = try await client.execute(post, timeout: .seconds(10))
        #expect(anonymous.status == .forbidden)
        #expect(anonymous.headers["X-Frame-Options"].first == "DENY")
        #expect(anonymous.headers["Content-Security-Policy"].first?.contains("default-src 'none'") == true)
        let page = try await client.execute(HTTPClientRequest(url: "\(base)/staff"), timeout: .seconds(10))
        #expect(page.status == .seeOther && page.headers["Location"].first == "/sign-in", "no staff list without signing in")

        // Another school's agent does not know this school's session.
        let other = world.folder.appendingPathComponent("agent-b")
        _ = try await AgentFolder.join(
            hub: world.hub, code: try await world.invitationCode(world.memberB), caCertificate: world.certificates.caCertificatePath,
            at: other, label: "b")
        try await Self.withAgent(other) { _, otherBase in
            let cookies = try await Self.browse("cookies", base, profile: profile)["cookie"] as? String ?? ""
            var stolen = HTTPClientRequest(url: "\(otherBase)/staff")
            stolen.headers.add(name: "Cookie", value: cookies)
            let answer = try await client.execute(stolen, timeout: .seconds(10))
            #expect(answer.status == .seeOther, "school B's pages do not take school A's session")
            // With the session but without the form's token, a form is refused.
            var tokenless = HTTPClientRequest(url: "\(base)/admins")
            tokenless.method = .POST
            tokenless.headers.add(name: "Cookie", value: cookies)
            tokenless.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            tokenless.body = .bytes(ByteBuffer(string: "name=Indringer&password=0123456789&password2=0123456789"))
            #expect(try await client.execute(tokenless, timeout: .seconds(10)).status == .forbidden)
        }
    }

    @Test("over TLS: a one-time link from kijkje-agent admin-link signs in once; two administrators are added; a wrong password fails")
    func adminLink() async throws {
        try await withSyncWorld(.sqlite) { world in
            let path = world.folder.appendingPathComponent("agent-link")
            _ = try await AgentFolder.join(
                hub: world.hub, code: try await world.invitationCode(world.memberA), caCertificate: world.certificates.caCertificatePath,
                at: path, label: "link")
            try await Self.withAgent(path, tls: world.certificates) { home, base in
                #expect(base.hasPrefix("https://"))
                var noRedirects = HTTPClient.Configuration()
                noRedirects.redirectConfiguration = .disallow
                var trust = TLSConfiguration.makeClientConfiguration()
                trust.trustRoots = .file(world.certificates.caCertificatePath)
                noRedirects.tlsConfiguration = trust
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: noRedirects)
                do {
                    try await Self.linkFlow(client, home: home, base: base)
                    try await client.shutdown()
                } catch {
                    try? await client.shutdown()
                    throw error
                }
            }
        }
    }

    static func linkFlow(_ client: HTTPClient, home: AgentHome, base: String) async throws {
        func cookie(_ response: HTTPClientResponse, _ name: String) -> String? {
            response.headers["Set-Cookie"].first { $0.hasPrefix("\(name)=") }.map {
                String($0.dropFirst(name.count + 1).prefix { $0 != ";" })
            }
        }
        func post(_ path: String, _ body: String, cookies: String) async throws -> HTTPClientResponse {
            var request = HTTPClientRequest(url: base + path)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Cookie", value: cookies)
            request.body = .bytes(ByteBuffer(string: body))
            return try await client.execute(request, timeout: .seconds(10))
        }
        let token = try home.accounts.issueLink()
        let page = try await client.execute(HTTPClientRequest(url: "\(base)/sign-in/link/\(token)"), timeout: .seconds(10))
        let form = try #require(cookie(page, "kijkje_admin_form"))
        let used = try await post("/sign-in/link", "form=\(form)&token=\(token)", cookies: "kijkje_admin_form=\(form)")
        #expect(used.status == .seeOther && used.headers["Location"].first == "/admins")
        let session = try #require(cookie(used, "kijkje_admin"))
        #expect(try await post("/sign-in/link", "form=\(form)&token=\(token)", cookies: "kijkje_admin_form=\(form)").status == .gone)

        // The administrators' page carries the form token; with it, two administrators are added.
        var admins = HTTPClientRequest(url: "\(base)/admins")
        admins.headers.add(name: "Cookie", value: "kijkje_admin=\(session)")
        let html = String(buffer: try await client.execute(admins, timeout: .seconds(10)).body.collect(upTo: 1 << 20))
        let csrf = try #require(html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" })
        for name in ["Petra", "Karim"] {
            let added = try await post(
                "/admins", "csrf=\(csrf)&name=\(name)&password=lang+genoeg+123&password2=lang+genoeg+123",
                cookies: "kijkje_admin=\(session)")
            #expect(added.status == .seeOther)
        }
        #expect(home.accounts.names == ["Petra", "Karim"])
        #expect(home.accounts.verify(name: "karim", password: "lang genoeg 123") == "Karim")
        #expect(home.accounts.verify(name: "Karim", password: "fout") == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: home.path.appendingPathComponent("admins.json").path)[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
        let wrong = try await post("/sign-in", "form=\(form)&name=Petra&password=fout", cookies: "kijkje_admin_form=\(form)")
        #expect(wrong.status == .unauthorized)
    }
}
