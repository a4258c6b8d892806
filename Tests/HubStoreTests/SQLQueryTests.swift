import Foundation
import HubStore
import Testing

@Suite("SQL statements")
struct SQLQueryTests {
    @Test("a fragment's parameters are numbered after the ones before it, and a list makes a statement not worth preparing")
    func fragments() {
        let ids = (1...10).map { _ in UUID() }
        let inner: SQLQuery = "a = \(ids[0]) AND b = \(ids[1]) AND c::text LIKE '$x' AND d = $"
        let outer: SQLQuery =
            "SELECT \(ids[2]), \(ids[3]), \(ids[4]), \(ids[5]), \(ids[6]), \(ids[7]), \(ids[8]), \(ids[9]), 9, \(9) WHERE \(inner)"
        #expect(outer.text == "SELECT $1, $2, $3, $4, $5, $6, $7, $8, 9, $9 WHERE a = $10 AND b = $11 AND c::text LIKE '$x' AND d = $")
        #expect(outer.binds.count == 11 && outer.reusable)
        let listed: SQLQuery = "SELECT 1 WHERE \(inner) OR id IN \(list: ids)"
        #expect(!listed.reusable)
    }
}
