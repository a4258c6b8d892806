import HubStore
import PostgresNIO
import Synchronization

/// What the driver does differently on a Citus cluster's coordinator.
extension PostgresDatabase {
    final class Cluster: Sendable {
        /// 0: not yet known, 1: plain PostgreSQL, 2: Citus.
        private let kind = Atomic(0)
        var isCitus: Bool { kind.load(ordering: .relaxed) == 2 }
        var isKnown: Bool { kind.load(ordering: .relaxed) != 0 }
        func learn(citus: Bool) { kind.store(citus ? 2 : 1, ordering: .relaxed) }

        /// Whether a transaction has taken its turn (`takeTurn`).
        final class Turn: Sendable {
            private let value = Atomic(false)
            var taken: Bool { value.load(ordering: .relaxed) }
            func take() { value.store(true, ordering: .relaxed) }
        }

        /// Citus changes a reference table on every node under its own shard locks, and those of the reference
        /// tables its keys point to, in an order two transactions may take differently (a new school's row, then its
        /// membership, which locks the networks' and schools' copies): they deadlock. Transactions that change
        /// reference tables therefore take turns, by an advisory lock taken before their first such change. These
        /// changes are rare (schools, editions, credentials once a minute), so the turns cost nothing measurable.
        static let takeTurn: SQLQuery = "SELECT pg_advisory_xact_lock(\(Int(0x6B6A_6B72)))"

        static let referenceTables = Set(Migrations.referenceTables)

        /// Whether `sql` inserts into, updates or deletes from a reference table.
        static func changesReferenceTable(_ sql: SQLQuery) -> Bool {
            guard sql.mayWrite,
                let target = sql.text.firstMatch(of: /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/.ignoresCase())
            else { return false }
            return referenceTables.contains(String(target.1))
        }
    }

    /// Whether the store is on Citus, asking the connection the first time. There the feed's triggers cannot run on
    /// the shards (migration 13 drops them), so each transaction and writing statement notifies from here; a
    /// transaction's statements over many shards run one shard after another, since Citus refuses a statement on a
    /// reference table after one that wrote to many shards in parallel; and changes to reference tables take turns.
    func citus(on connection: PostgresConnection) async throws -> Bool {
        if !cluster.isKnown {
            let rows = try await Self.execute(Migrations.citusProbe, on: connection, logger: logger)
            cluster.learn(citus: !rows.isEmpty)
        }
        return cluster.isCitus
    }

    static let notify: SQLQuery = "SELECT pg_notify(\(Migrations.feedChannel), '')"
}
