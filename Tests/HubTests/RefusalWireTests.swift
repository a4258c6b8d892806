import Foundation
@testable import Hub
@testable import HubStore
import KijkjeDomain
import Testing

/// One mapping from errors to the wire: an API problem and a recorded sync refusal say the same of the same error.
@Suite("Refusals on the wire")
struct RefusalWireTests {
    @Test(
        "a duplicate, an unknown id, a conflict, a bad reference and a broken rule read the same as a problem and as a sync result",
        arguments: [
            StoreError.duplicate("duplicate key value violates unique constraint \"people_email\""), .notFound("session"),
            .conflict("the session has enrolments"), .unknownEdition,
        ] as [any Error] + [EnrolmentRefusal.alreadyEnrolled(enrolmentId: UUID()), InvalidInput(field: "title", message: "is required")])
    func sameDetail(error: any Error) throws {
        let recorded = try #require(SQLHubStore.refusal(error))
        let problem = ProblemMiddleware.problem(for: error)
        #expect(recorded.1 == problem.detail)
        #expect(!problem.detail.isEmpty && problem.status < 500)
    }

    @Test("a duplicate names the rule it broke, whichever database worded it")
    func duplicateNamesTheRule() {
        #expect(
            StoreError.duplicate("UNIQUE constraint failed: people.tenant_id, people.email").detail
                == "a person with this address exists at the school already")
        #expect(
            StoreError.duplicate("duplicate key value violates unique constraint \"tenants_brin_key\"").detail
                == "a school with this BRIN code exists already")
    }
}
