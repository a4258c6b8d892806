import Foundation
import GRDB
import KijkjeSync

/// A local change and what became of it: pending until a pull reports the hub's result.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int
    public var change: Mutation.Change
    public var createdAt: String
    public var result: MutationResult?

    public var isPending: Bool { result == nil }
}

extension Replica {
    /// Queues a change; its id is the next of this agent's mutation ids.
    @discardableResult
    public func enqueue(_ change: Mutation.Change) throws -> Int {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO outbox (kind, change, created_at) VALUES (?, ?, ?)",
                arguments: [change.kind, try Self.text(change), Date().formatted(.iso8601)])
            return Int(db.lastInsertedRowID)
        }
    }

    /// Changes not yet known to be applied, oldest first, skipping those the hub has confirmed receiving.
    public func unsent(limit: Int) throws -> [Mutation] {
        try queue.read { db in
            let received = Int(try state(db, "hub_last_mutation_id") ?? "0") ?? 0
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, change FROM outbox WHERE result IS NULL AND id > ? ORDER BY id LIMIT ?
                    """, arguments: [received, limit]
            ).map {
                Mutation(id: $0["id"], change: try JSONDecoder.hub.decode(Mutation.Change.self, from: Data(($0["change"] as String).utf8)))
            }
        }
    }

    /// Remembers how far the hub has applied the outbox (from a push's answer).
    public func hubReceived(upTo id: Int) throws {
        try queue.write { db in
            let known = Int(try state(db, "hub_last_mutation_id") ?? "0") ?? 0
            if id > known { try setState(db, "hub_last_mutation_id", String(id)) }
        }
    }

    /// The last mutation whose result this replica holds.
    /// The last mutation result held, from its stored text (none yet: 0).
    static func resultsAfter(_ stored: String?) -> Int { Int(stored ?? "0") ?? 0 }

    public func outbox(pendingOnly: Bool = false) throws -> [OutboxEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox \(pendingOnly ? "WHERE result IS NULL" : "") ORDER BY id").map { row in
                OutboxEntry(
                    id: row["id"],
                    change: try JSONDecoder.hub.decode(Mutation.Change.self, from: Data((row["change"] as String).utf8)),
                    createdAt: row["created_at"],
                    result: try (row["result"] as String?).map { try JSONDecoder.hub.decode(MutationResult.self, from: Data($0.utf8)) })
            }
        }
    }
}
