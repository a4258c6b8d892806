import Foundation
import KijkjeDomain
import Testing

/// The compatibility of a shadow request and an offer on their own, without a store.
@Suite("Shadow compatibility")
struct ShadowCompatibilityTests {
    let edition = UUID(), schoolA = UUID(), schoolB = UUID()
    let tuesday = Day("2026-11-17")!, wednesday = Day("2026-11-18")!

    func request(
        roles: [Role] = [.principal], days: [Day]? = nil, maxKm: Int? = nil, own: Bool = false,
        types: [SchoolType] = []
    ) -> ShadowRequest {
        ShadowRequest(
            id: UUID(), editionId: edition, tenantId: schoolA, personId: UUID(), roles: roles, subjects: ["wiskunde"],
            schoolTypes: types, ownSchoolAllowed: own, maxDistanceKm: maxKm, days: days ?? [tuesday], motivation: "",
            createdAt: Date())
    }

    func offer(at school: UUID? = nil, role: Role = .principal, days: [Day]? = nil, visibility: Visibility = .network) -> ShadowOffer {
        ShadowOffer(
            id: UUID(), editionId: edition, tenantId: school ?? schoolB, hostPersonId: UUID(), role: role, subjects: ["Wiskunde"],
            schoolType: .havoVwo, days: days ?? [tuesday, wednesday], capacity: 1, visibility: visibility)
    }

    var ede: Place { Place(tenantId: schoolA, latitude: 52.04, longitude: 5.67) }
    var arnhem: Place { Place(tenantId: schoolB, latitude: 51.98, longitude: 5.91) }

    @Test("a wished role on a shared day is compatible, with its reasons and the shared days")
    func compatible() {
        let fit = ShadowCompatibility.assess(request(types: [.havoVwo]), requester: ede, offer(), host: arnhem)
        #expect(fit.isCompatible)
        #expect(fit.days == [tuesday])
        #expect(fit.reasons.contains(.role(.principal, wish: 1)) && fit.reasons.contains(.subjects(["Wiskunde"])))
        #expect(fit.reasons.contains(.schoolType(.havoVwo)))
    }

    @Test("each hard rule blocks: role, day, distance, own school, visibility")
    func blockers() {
        let role = ShadowCompatibility.assess(request(roles: [.teamLeader]), requester: ede, offer(), host: arnhem)
        #expect(role.blockers == [.roleNotWished(.principal)])
        let day = ShadowCompatibility.assess(request(days: [Day("2026-11-19")!]), requester: ede, offer(), host: arnhem)
        #expect(day.blockers == [.noSharedDay])
        let tooFar = ShadowCompatibility.assess(request(maxKm: 5), requester: ede, offer(), host: arnhem).blockers
        #expect(tooFar.count == 1 && tooFar.first.map { if case .tooFar(_, 5) = $0 { true } else { false } } == true)
        let home = Place(tenantId: schoolA, latitude: 52.04, longitude: 5.67)
        #expect(ShadowCompatibility.assess(request(), requester: ede, offer(at: schoolA), host: home).blockers == [.ownSchool])
        #expect(ShadowCompatibility.assess(request(own: true), requester: ede, offer(at: schoolA), host: home).isCompatible)
        let guest = Place(tenantId: schoolA, latitude: 52.04, longitude: 5.67, isGuest: true)
        #expect(ShadowCompatibility.assess(request(), requester: guest, offer(), host: arnhem).blockers == [.notVisible])
    }

    @Test("a first wish scores above a second, and a nearer host above a farther one")
    func score() {
        let first = ShadowCompatibility.assess(request(roles: [.principal, .teamLeader]), requester: ede, offer(), host: arnhem)
        let second = ShadowCompatibility.assess(request(roles: [.teamLeader, .principal]), requester: ede, offer(), host: arnhem)
        #expect(first.score > second.score)
        let far = Place(tenantId: schoolB, latitude: 51.84, longitude: 6.26)
        #expect(
            ShadowCompatibility.assess(request(), requester: ede, offer(), host: arnhem).score
                > ShadowCompatibility.assess(request(), requester: ede, offer(), host: far).score)
    }
}
