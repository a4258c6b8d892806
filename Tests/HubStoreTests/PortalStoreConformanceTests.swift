import Foundation
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// The portal's store operations behave the same on SQLite and PostgreSQL.
@Suite("Store conformance: portal")
struct PortalStoreConformanceTests {
    @Test("sign-in: identity by domain, single-use expiring links with their mail, rate limits, sessions", arguments: StoreKind.scaledOut)
    func signIn(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let domain = f.tenant.emailDomains[0]
            let identity = try await store.signInIdentity(email: "Iemand@\(domain.uppercased())")
            #expect(identity.school?.id == f.tenant.id && identity.schoolNetworkId == f.network.id && identity.organiserOf.isEmpty)
            try await store.addOrganiser(email: "Org@Bureau.nl", name: "Bureau", networkId: f.network.id)
            #expect(try await store.signInIdentity(email: "org@bureau.nl").organiserOf == [f.network.id])
            #expect(
                try await store.signInIdentity(email: "x@elders.nl") == SignInIdentity(school: nil, schoolNetworkId: nil, organiserOf: []))

            let now = Date().roundedToMillis
            let mail = MailMessage(
                id: UUIDv7.make(), dedupeKey: "sign-in:h1", toAddress: "a@\(domain)", toName: "", subject: "s", body: "b", kind: .signIn)
            try await store.addSignInLink(tokenHash: "h1", email: "A@\(domain)", at: now, validFor: 900, mail: mail)
            #expect(try await store.mailOutbox().map(\.message.dedupeKey) == ["sign-in:h1"])
            #expect(try await store.useSignInLink(tokenHash: "h1", at: now.addingTimeInterval(1000)) == nil, "expired")
            #expect(try await store.useSignInLink(tokenHash: "h1", at: now.addingTimeInterval(10)) == "a@\(domain)")
            #expect(try await store.useSignInLink(tokenHash: "h1", at: now.addingTimeInterval(11)) == nil, "used")

            for _ in 0..<3 { #expect(try await store.allowSignInAttempt([("address:a", 3), ("client:1", 10)], window: 900, at: now)) }
            #expect(try await !store.allowSignInAttempt([("address:a", 3), ("client:1", 10)], window: 900, at: now))
            #expect(try await store.allowSignInAttempt([("address:b", 3), ("client:1", 10)], window: 900, at: now))
            #expect(
                try await store.allowSignInAttempt([("address:a", 3)], window: 900, at: now.addingTimeInterval(901)), "the window moved on")

            let session = WebSession(
                email: "a@\(domain)", networkId: f.network.id, tenantId: f.tenant.id, personId: f.person.id,
                organiser: false, csrf: "c", expiresAt: now.addingTimeInterval(60))
            try await store.addWebSession(session, tokenHash: "s1", at: now)
            #expect(try await store.webSession(tokenHash: "s1", at: now) == session)
            #expect(try await store.webSession(tokenHash: "s1", at: now.addingTimeInterval(61)) == nil)
            try await store.removeWebSession(tokenHash: "s1")
            #expect(try await store.webSession(tokenHash: "s1", at: now) == nil)
        }
    }

    @Test(
        "calendar feeds are replaced and revoked; survey and evaluation answers are one per person and edition; portal data goes",
        arguments: StoreKind.scaledOut)
    func feedsAndAnswers(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let now = Date().roundedToMillis
            try await store.setCalendarFeed(tenantId: f.tenant.id, personId: f.person.id, tokenHash: "f1", at: now)
            try await store.setCalendarFeed(tenantId: f.tenant.id, personId: f.person.id, tokenHash: "f2", at: now)
            #expect(try await store.calendarFeedOwner(tokenHash: "f1") == nil)
            let owner = try #require(try await store.calendarFeedOwner(tokenHash: "f2"))
            #expect(owner.tenantId == f.tenant.id && owner.personId == f.person.id && owner.networkId == f.network.id)
            #expect(try await store.hasCalendarFeed(tenantId: f.tenant.id, personId: f.person.id))
            for topics in [["ai"], ["ai", "welzijn"]] {
                try await store.saveSurveyAnswer(
                    SurveyAnswer(
                        tenantId: f.tenant.id, personId: f.person.id, editionId: f.edition.id,
                        topics: topics, wish: "", answeredAt: now))
            }
            #expect(try await store.surveyAnswers(editionId: f.edition.id, in: f.network.id).map(\.topics) == [["ai", "welzijn"]])
            try await store.saveEvaluation(
                Evaluation(
                    tenantId: f.tenant.id, personId: f.person.id, editionId: f.edition.id, rating: 4,
                    best: "b", improve: "i", answeredAt: now))
            #expect(try await store.evaluations(editionId: f.edition.id, in: f.network.id).map(\.rating) == [4])
            let other = try await Fixture.make(in: store, name: "Ander")
            #expect(try await store.surveyAnswers(editionId: f.edition.id, in: other.network.id).isEmpty)
            try await store.removePortalData(tenantId: f.tenant.id, personId: f.person.id)
            #expect(try await store.calendarFeedOwner(tokenHash: "f2") == nil)
            #expect(try await store.surveyAnswers(editionId: f.edition.id, in: f.network.id).isEmpty)
            #expect(try await store.evaluations(editionId: f.edition.id, in: f.network.id).isEmpty)
        }
    }
}

@Suite("Store conformance: enrolment counts")
struct EnrolmentCountConformanceTests {
    @Test(
        "counts per session and state agree with the sessions' enrolment lists, and stay within the network", arguments: StoreKind.scaledOut
    )
    func countsAgree(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let now = Date().roundedToMillis
            var edition = f.edition
            edition.registrationOpensAt = now.addingTimeInterval(-60)
            edition.registrationClosesAt = now.addingTimeInterval(3600)
            try await store.updateEdition(edition, at: Date())
            var small = f.session
            small.capacity = 1
            try await store.updateSession(small, in: f.network.id, at: now)
            for name in ["Bram", "Cor", "Dirk"] {
                let person = Person(
                    id: UUIDv7.make(), tenantId: f.tenant.id, name: name, email: "\(name.lowercased())@\(f.tenant.emailDomains[0])",
                    role: .teacher)
                try await store.addPerson(person, in: f.network.id, at: Date())
                _ = try await store.enrol(
                    EnrolmentRequest(
                        personTenantId: f.tenant.id, personId: person.id, sessionId: f.session.id,
                        enforceRegistrationWindow: false), in: f.network.id, at: now)
            }
            let counts = try await store.enrolmentCounts(editionId: f.edition.id, in: f.network.id)
            let list = try await store.enrolments(sessionId: f.session.id, in: f.network.id)
            #expect(counts[f.session.id]?[.confirmed] == list.filter { $0.state == .confirmed }.count)
            #expect(counts[f.session.id]?[.waitlisted] == 2)
            let other = try await Fixture.make(in: store, name: "Ander")
            #expect(try await store.enrolmentCounts(editionId: f.edition.id, in: other.network.id).isEmpty)
        }
    }
}
