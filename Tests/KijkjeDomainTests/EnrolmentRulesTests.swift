import Foundation
import KijkjeDomain
import Testing

/// The per-person rules on their own, without a store: overlap, travel time between schools, caps.
@Suite("Enrolment rules")
struct EnrolmentRulesTests {
    static let ede = (lat: 52.04, lon: 5.67), arnhem = (lat: 51.98, lon: 5.91)

    func session(_ start: String, minutes: Double = 60, at place: (lat: Double, lon: Double) = ede) -> PlannedSession {
        let begins = ISO8601DateFormatter().date(from: start)!
        return PlannedSession(
            id: UUID(), title: start, startsAt: begins, endsAt: begins.addingTimeInterval(minutes * 60),
            latitude: place.lat, longitude: place.lon)
    }

    @Test("a session that overlaps a held one is refused, naming the held one")
    func overlap() {
        let held = session("2026-11-17T09:00:00Z")
        #expect(
            EnrolmentRules.check(session("2026-11-17T09:30:00Z"), against: [held], limits: .init())
                == .overlaps(sessionId: held.id, title: held.title))
        #expect(
            EnrolmentRules.check(session("2026-11-17T10:00:00Z"), against: [held], limits: .init()) == nil,
            "back to back at one school fits")
    }

    @Test("between two schools the gap must hold the minimum gap plus the travel at the edition's speed")
    func travelTime() throws {
        let held = session("2026-11-17T09:00:00Z", at: Self.arnhem)
        let close = session("2026-11-17T10:15:00Z", at: Self.ede)
        let refusal = try #require(EnrolmentRules.check(close, against: [held], limits: .init(travelSpeedKmh: 40, minimumGapMinutes: 15)))
        guard case .tooLittleTravelTime(let id, _, let minutes) = refusal else { Issue.record("\(refusal)"); return }
        #expect(id == held.id && minutes > 15 && minutes < 60)
        #expect(EnrolmentRules.check(session("2026-11-17T11:00:00Z", at: Self.ede), against: [held], limits: .init()) == nil)
    }

    @Test("the caps per day and per edition count what the person holds")
    func caps() {
        let limits = EnrolmentLimits(maxPerDay: 2, maxPerEdition: 3)
        let day = [session("2026-11-17T08:00:00Z"), session("2026-11-17T10:00:00Z")]
        #expect(EnrolmentRules.check(session("2026-11-17T13:00:00Z"), against: day, limits: limits) != nil)
        let week = day + [session("2026-11-18T10:00:00Z")]
        #expect(EnrolmentRules.check(session("2026-11-19T10:00:00Z"), against: week, limits: limits) == .editionCapReached(limit: 3))
        #expect(EnrolmentRules.check(session("2026-11-19T10:00:00Z"), against: day, limits: limits) == nil)
    }

    @Test("distances are great-circle kilometres; the same school needs no gap")
    func distance() {
        #expect(abs(EnrolmentRules.distanceKm(Self.ede.lat, Self.ede.lon, Self.arnhem.lat, Self.arnhem.lon) - 17.6) < 1)
        #expect(EnrolmentRules.neededGap(from: session("2026-11-17T09:00:00Z"), to: session("2026-11-17T11:00:00Z"), limits: .init()) == 0)
    }
}
