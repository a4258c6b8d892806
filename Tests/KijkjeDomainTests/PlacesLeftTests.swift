import Foundation
import KijkjeDomain
import Testing

@Suite("Places left")
struct PlacesLeftTests {
    @Test("confirmed and offered places are taken; waiting, declined and cancelled ones are not")
    func offeredPlacesCount() {
        #expect(EnrolmentState.holdingPlace == [.confirmed, .offered])
        #expect(EnrolmentState.placesTaken([.confirmed: 2, .offered: 1, .waitlisted: 5, .declined: 3, .cancelled: 4]) == 3)
    }

    @Test("a session never has fewer than no places left")
    func neverNegative() {
        let session = Session(
            id: UUID(), editionId: UUID(), tenantId: UUID(), kind: .workshop, title: "t", description: "",
            presenter: "", location: "", startsAt: Date(), endsAt: Date().addingTimeInterval(3600), capacity: 3,
            visibility: .network, topics: [])
        #expect(session.placesLeft(counts: [.confirmed: 1, .offered: 1]) == 1)
        #expect(session.placesLeft(counts: [.confirmed: 2, .offered: 1, .waitlisted: 4]) == 0)
        #expect(session.placesLeft(taken: 7) == 0)
    }
}
