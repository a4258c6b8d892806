import Foundation
import GRDB
import KijkjeDomain
import KijkjeSync

/// What the replica holds, read as the hub's types. A row seen through several scopes counts once.
extension Replica {
    public func rows<T: Decodable>(_ kind: SyncRowKind, as type: T.Type) throws -> [UUID: T] {
        try queue.read { db in
            var found: [UUID: T] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, data FROM rows WHERE kind = ?", arguments: [kind.rawValue]) {
                guard let id = UUID(uuidString: row["id"]) else { continue }
                found[id] = try JSONDecoder.hub.decode(T.self, from: Data((row["data"] as String).utf8))
            }
            return found
        }
    }

    /// The ids of the rows of a kind whose id starts with `prefix` (any case): what a short id given by hand names.
    public func ids(_ kind: SyncRowKind, startingWith prefix: String) throws -> Set<UUID> {
        try queue.read { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT DISTINCT id FROM rows WHERE kind = ? AND substr(id, 1, ?) = ?",
                arguments: [kind.rawValue, prefix.count, prefix.lowercased()])
            return Set(ids.compactMap(UUID.init(uuidString:)))
        }
    }

    /// The version of one of this school's own rows in its own scope: the base of an edit.
    public func ownVersion(_ kind: SyncRowKind, id: UUID, tenantId: UUID) throws -> Int? {
        try queue.read { db in
            try Int.fetchOne(
                db, sql: "SELECT version FROM rows WHERE scope = ? AND kind = ? AND id = ?",
                arguments: [SyncScope.tenant(tenantId).name, kind.rawValue, id.uuidString.lowercased()])
        }
    }

    /// Every (scope, kind, id, data) the replica holds, for comparisons.
    public func allRows() throws -> [String: String] {
        try queue.read { db in
            var all: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scope, kind, id, data FROM rows") {
                all["\(row["scope"] as String)/\(row["kind"] as String)/\(row["id"] as String)"] = row["data"]
            }
            return all
        }
    }

    public func rowCount() throws -> Int { try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM rows") ?? 0 } }

    // MARK: Staff

    /// Replaces the staff list with an HR export's rows, all or nothing.
    public func replaceStaff(_ staff: [StaffMember]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM staff")
            for member in staff {
                try db.execute(
                    sql: "INSERT INTO staff (email, name, role, subjects) VALUES (?, ?, ?, ?)",
                    arguments: [member.email, member.name, member.role, member.subjects.joined(separator: ",")])
            }
        }
    }

    public func staff() throws -> [StaffMember] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY name, email").map {
                StaffMember(
                    name: $0["name"], email: $0["email"], role: $0["role"],
                    subjects: ($0["subjects"] as String).split(separator: ",").map(String.init))
            }
        }
    }

    public func staffMember(email: String) throws -> StaffMember? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE email = ?", arguments: [Person.canonicalAddress(email)]).map {
                StaffMember(
                    name: $0["name"], email: $0["email"], role: $0["role"],
                    subjects: ($0["subjects"] as String).split(separator: ",").map(String.init))
            }
        }
    }
}

extension Replica {
    /// The replica's rows as (kind/id → JSON), each row once whichever scopes carried it, in the hub's encoding: to
    /// compare with what the hub says the school may see.
    public func visibleRows() throws -> [String: String] {
        var seen: [String: String] = [:]
        func add<T: Codable>(_ kind: SyncRowKind, _ type: T.Type) throws {
            for (id, value) in try rows(kind, as: type) {
                seen["\(kind.rawValue)/\(id.uuidString.lowercased())"] = String(decoding: try JSONEncoder.hub.encode(value), as: UTF8.self)
            }
        }
        try add(.edition, Edition.self)
        try add(.session, Session.self)
        try add(.shadowOffer, ShadowOffer.self)
        try add(.person, Person.self)
        try add(.enrolment, Enrolment.self)
        return seen
    }
}
