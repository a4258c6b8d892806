import AsyncHTTPClient
import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import NIOCore
import Testing

/// Capacity under real load: hundreds of simultaneous enrolments through separate hub processes on one store.
@Suite("Concurrent enrolment")
struct ConcurrentEnrolmentTests {
    @Test(
        "220 requests at once for 10 places via 2 hubs (PostgreSQL) or 1 (SQLite): 10 placed, the rest queued in order, 10 mailed",
        arguments: StoreKind.scaledOut)
    func neverOverbooked(kind: StoreKind) async throws {
        try await withStore(kind) { store, location in
            guard let location else { throw TestSetupError("a file or database store is needed") }
            let f = try await Fixture.make(in: store)
            var tenPlaces = f.session
            tenPlaces.capacity = 10
            try await store.updateSession(tenPlaces, in: f.network.id, at: Date())
            let session = tenPlaces
            var people: [Person] = []
            for i in 0..<200 {
                let person = Person(
                    id: UUIDv7.make(), tenantId: f.tenant.id, name: "Deelnemer \(i)",
                    email: "deelnemer\(i)@\(f.tenant.emailDomains[0])", role: .teacher)
                try await store.addPerson(person, in: f.network.id, at: Date())
                people.append(person)
            }
            let token = try await IssuedToken.issue(.organiser, networkId: f.network.id, label: "load", in: store).token
            // The hubs mail the ten who got a place, to a real SMTP server.
            let smtp = try await ShadowMailTests.SMTPServer.started()
            defer { smtp.stop() }
            let arguments = location.hubArguments + ["--smtp-url", "smtp://127.0.0.1:\(smtp.port)", "--smtp-starttls", "never"]
            var started: [HubProcess] = []
            for _ in 0..<(kind == .sqlite ? 1 : 2) { started.append(try await HubProcess(arguments: arguments)) }
            let hubs = started

            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 128
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            // Every person once, and the first 20 a second time at the same moment.
            let requests = people + people.prefix(20)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, person) in requests.enumerated() {
                    let hub = hubs[i % hubs.count]
                    group.addTask {
                        var request = HTTPClientRequest(url: "\(hub.baseURL)/api/v1/enrolments")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        let body = #"{"tenant_id":"\#(person.tenantId)","person_id":"\#(person.id)","session_id":"\#(session.id)"}"#
                        request.body = .bytes(ByteBuffer(string: body))
                        let response = try await client.execute(request, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1 << 16)
                        return response.status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            try await client.shutdown()
            // One hub stops (before its courier's next round) and a new one takes over: every mail still goes once.
            try await hubs[0].stop()
            let replacement = try await HubProcess(arguments: arguments)
            for _ in 0..<300 {
                if try await store.noticeCount(open: true) == 0, try await store.mailOutbox().allSatisfy({ $0.sentAt != nil }) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            for hub in hubs.dropFirst() + [replacement] { try await hub.stop() }
            let mails = try smtp.messages().filter { ($0["subject"] as? String ?? "").hasPrefix("Ingeschreven") }
            #expect(mails.count == 10, "one confirmation per place, across \(hubs.count) hubs and a restart")
            #expect(Set(mails.compactMap { $0["to"] as? String }).count == 10)

            #expect(statuses.filter { $0 == 201 }.count == 200)
            #expect(statuses.filter { $0 == 409 }.count == 20, "the repeated requests are refused as already enrolled")
            let listed = try await store.enrolments(sessionId: session.id, in: f.network.id)
            #expect(listed.count == 200)
            #expect(Set(listed.map(\.personId)).count == 200)
            #expect(listed.filter { $0.state == .confirmed }.count == 10)
            #expect(listed.filter { $0.state == .waitlisted }.count == 190)
            #expect(listed.map(\.queueNumber).sorted() == Array(1...200))
            #expect(listed.filter { $0.state == .confirmed }.map(\.queueNumber).sorted() == Array(1...10))
        }
    }
}
