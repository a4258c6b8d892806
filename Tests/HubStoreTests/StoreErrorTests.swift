import Foundation
import HubStore
import KijkjeTestSupport
import Testing

@Suite("Store errors")
struct StoreErrorTests {
    @Test("a statement the database refuses is a refusal with its code, not an outage", arguments: StoreKind.allCases)
    func refusalIsNotUnavailable(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            do {
                try await store.database.run("SELECT id FROM no_such_table")
                Issue.record("the statement ran")
            } catch let error as StoreError {
                guard case .refused(let code, let message) = error else { Issue.record("\(error)"); return }
                #expect(code == (kind == .postgres ? "42P01" : "SQLite 1") && message.contains("no_such_table"))
                #expect(error.detail.contains("SQLSTATE") && !error.detail.contains("did not answer"))
            }
        }
    }
}
