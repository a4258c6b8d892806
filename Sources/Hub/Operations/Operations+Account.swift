import Foundation
import HubStore
import KijkjeDomain

/// Everything the hub holds of one person, as the export gives it.
public struct PersonExport: Encodable, Sendable {
    public var person: Person
    public var enrolments: [Enrolment]
    public var rankedChoices: [RankedChoices]
    public var shadowRequests: [ShadowRequest]
    public var shadowOffers: [ShadowOffer]
    public var shadowMatches: [ShadowMatch]
    public var survey: [SurveyAnswer]
    public var evaluations: [Evaluation]
}

/// A staff member's own things: the survey, the evaluation, the calendar feed, and their data exported or erased.
extension Operations {
    public func export(_ staff: Staff) async throws -> PersonExport {
        let (tenantId, personId, networkId) = (staff.tenantId, staff.personId, staff.networkId)
        let person = try await store.person(id: personId, tenantId: tenantId, in: networkId)
        var export = PersonExport(
            person: person, enrolments: try await store.enrolments(personTenantId: tenantId, personId: personId, in: networkId),
            rankedChoices: [], shadowRequests: [], shadowOffers: [], shadowMatches: [], survey: [], evaluations: [])
        for edition in try await store.editions(in: networkId) {
            export.rankedChoices += try await store.rankedChoices(editionId: edition.id, in: networkId)
                .filter { staff.isPerson(tenantId: $0.personTenantId, personId: $0.personId) }
            export.shadowRequests += try await store.shadowRequests(editionId: edition.id, in: networkId)
                .filter { staff.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
            export.shadowOffers += try await store.shadowOffers(editionId: edition.id, in: networkId)
                .filter { staff.isPerson(tenantId: $0.tenantId, personId: $0.hostPersonId) }
            export.shadowMatches += try await store.shadowMatches(editionId: edition.id, in: networkId).filter {
                staff.isPerson(tenantId: $0.tenantId, personId: $0.personId)
                    || staff.isPerson(tenantId: $0.offerTenantId, personId: $0.hostPersonId)
            }
            export.survey += try await store.surveyAnswers(editionId: edition.id, in: networkId)
                .filter { staff.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
            export.evaluations += try await store.evaluations(editionId: edition.id, in: networkId)
                .filter { staff.isPerson(tenantId: $0.tenantId, personId: $0.personId) }
        }
        return export
    }

    /// Frees the person's places (the waiting list moves up), withdraws their requests and offers, then removes
    /// them. A confirmed shadow day stops it first: the other side counts on it.
    public func erase(_ staff: Staff, at now: Date) async throws {
        let mine = try await export(staff)
        if mine.shadowMatches.contains(where: { $0.state == .confirmed }) {
            throw StoreError.conflict("you have a confirmed shadow day; ask the organiser to call it off before erasing your account")
        }
        for enrolment in mine.enrolments where enrolment.state.isActive {
            _ = try await store.cancelEnrolment(id: enrolment.id, in: staff.networkId, at: now)
        }
        for request in mine.shadowRequests { try await store.removeShadowRequest(id: request.id, in: staff.networkId) }
        for offer in mine.shadowOffers { try await store.removeShadowOffer(id: offer.id, in: staff.networkId, at: now) }
        try await store.removePortalData(tenantId: staff.tenantId, personId: staff.personId)
        try await store.removePerson(id: staff.personId, tenantId: staff.tenantId, in: staff.networkId, at: now)
    }

    /// The needs survey for the current edition: topics wanted next year, and a wish.
    public func answerSurvey(topics: [String], wish: String?, as staff: Staff, at now: Date) async throws {
        let edition = try await store.currentEdition(in: staff.networkId)
        var v = Validator()
        let topics = v.labels(topics, "topics", maxCount: 20)
        let wish = v.optionalText(wish, "wish", maxLength: 2000)
        if topics.isEmpty && wish.isEmpty { v.fail("topics", "choose a topic or write a wish") }
        try v.check()
        try await store.saveSurveyAnswer(
            SurveyAnswer(
                tenantId: staff.tenantId, personId: staff.personId, editionId: edition.id,
                topics: topics, wish: wish, answeredAt: now))
    }

    /// The evaluation of the current edition.
    public func evaluate(rating: Int?, best: String?, improve: String?, as staff: Staff, at now: Date) async throws {
        let edition = try await store.currentEdition(in: staff.networkId)
        var v = Validator()
        let rating = v.integer(rating, "rating", in: 1...5)
        let best = v.optionalText(best, "best", maxLength: 2000), improve = v.optionalText(improve, "improve", maxLength: 2000)
        try v.check()
        try await store.saveEvaluation(
            Evaluation(
                tenantId: staff.tenantId, personId: staff.personId, editionId: edition.id, rating: rating,
                best: best, improve: improve, answeredAt: now))
    }

    /// A new secret calendar feed (the old one stops working); its token is shown once, only its hash is kept.
    public func renewCalendarFeed(as staff: Staff, at now: Date) async throws -> String {
        let (token, hash) = Secret.make(.calendarFeed)
        try await store.setCalendarFeed(tenantId: staff.tenantId, personId: staff.personId, tokenHash: hash, at: now)
        return token
    }

    public func revokeCalendarFeed(as staff: Staff, at now: Date) async throws {
        try await store.setCalendarFeed(tenantId: staff.tenantId, personId: staff.personId, tokenHash: nil, at: now)
    }
}
