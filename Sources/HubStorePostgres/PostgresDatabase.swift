import Foundation
import HubStore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// PostgreSQL through PostgresNIO: the production store. The client must be running (`run()`, a service).
public struct PostgresDatabase: SQLDatabase {
    public var dialect: SQLDialect { .postgres }
    /// Known once a statement ran (each transaction runs one before its body).
    public var writesTwoTablesAtOnce: Bool { cluster.isKnown && !cluster.isCitus }
    public let client: PostgresClient
    let logger: Logger
    /// Fired after this process's commits and writes, and by `listen()` for every notification on
    /// `Migrations.feedChannel` (other processes' changes).
    public let feed = FeedSignal()
    /// Whether the database is a Citus cluster's coordinator, learnt on first use (`citus(on:)`).
    let cluster = Cluster()
    /// The row scope each pooled connection's session has.
    let scopes = ConnectionScopes()

    public init(client: PostgresClient, logger: Logger = Logger(label: "kijkje.postgres")) {
        self.client = client
        self.logger = logger
    }

    /// Runs the connection pool and, beside it, the feed listener, until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            group.addTask { await listen() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Listens on the feed's channel for as long as the task runs, on a connection of its own, firing `feed` for
    /// each notification; a lost connection is replaced after a second (and the feed fired, since a notification
    /// may have been missed meanwhile).
    public func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Migrations.feedChannel) { notifications in
                        feed.fire()
                        for try await notification in notifications { feed.fire(Migrations.change(notified: notification.payload)) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for feed notifications failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// A client for a `postgres://user:password@host:port/database` URL (`?sslmode=require` turns on TLS).
    public static func client(url: String, logger: Logger = Logger(label: "kijkje.postgres")) throws -> PostgresClient {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
            let host = components.host, !host.isEmpty
        else { throw StoreError.unavailable("the database URL must look like postgres://user:password@host:5432/name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        let tls: PostgresClient.Configuration.TLS =
            components.queryItems?.first(where: { $0.name == "sslmode" })?.value == "require"
            ? .require(.makeClientConfiguration()) : .disable
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = 20
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs one statement on a connection told whose rows it may see (`RowScope`; see `Migrations.rowLevelSecurity`).
    @discardableResult
    public func run(_ sql: SQLQuery) async throws -> [SQLRow] {
        // On Citus a change to a table copied to every node takes its turn (see `Cluster`), which needs a transaction.
        if cluster.isCitus && Cluster.changesReferenceTable(sql) { return try await transaction { try await $0.run(sql) } }
        do {
            return try await runOnce(sql)
        } catch StoreError.contention {
            // A statement on its own that met a deadlock, or a prepared statement whose tables another hub process
            // changed (prepared again under a new name): nothing of it was applied, so once more.
            return try await runOnce(sql)
        }
    }

    private func runOnce(_ sql: SQLQuery) async throws -> [SQLRow] {
        let rows = try await client.withConnection { connection in
            let citus = try await scope(connection)
            let rows = try await Self.execute(sql, on: connection, logger: logger)
            if sql.mayWrite && citus {
                _ = try await Self.execute(Self.notify, on: connection, logger: logger)
            }
            return rows
        }
        // This process's own writes are seen at once; other processes' through `listen()`.
        if sql.mayWrite { feed.fire(sql.changes) }
        return rows
    }

    /// Tells the connection the current task's row scope, for the connection's session, unless the connection
    /// has it already (`ConnectionScopes`): a pooled connection never runs a statement in an earlier task's scope,
    /// and one that keeps serving a network costs no round trip for it. Outside any transaction, so no rollback
    /// takes the setting back. Returns whether the database is a Citus coordinator.
    func scope(_ connection: PostgresConnection) async throws -> Bool {
        let citus = try await citus(on: connection)
        let wanted = RowScope.network?.uuidString ?? ConnectionScopes.system
        if scopes.scope(of: connection.id) != wanted {
            scopes.forget(connection.id)
            _ = try await Self.execute(Self.scope(citus: citus), on: connection, logger: logger)
            scopes.set(wanted, for: connection.id)
        }
        return citus
    }

    /// The statement that sets the current task's row scope: its network, or the hub's own cross-network work.
    static func scope(citus: Bool = false) -> SQLQuery {
        let network = RowScope.network, system = network == nil ? "on" : "off", local = false  // for the session
        // On Citus: a transaction's statements over many shards run one shard after another (Citus refuses a
        // statement on a reference table after one that wrote to many shards in parallel); and the hub's batch work
        // (the dashboard, the reminders, the purge) may join a school's rows to another school's people, which Citus
        // does by repartitioning.
        let sequential =
            citus
            ? ", set_config('citus.multi_shard_modify_mode', 'sequential', \(local))"
                + ", set_config('citus.enable_repartition_joins', 'on', \(local))"
            : ""
        return """
            SELECT set_config('kijkje.network', \(network?.uuidString ?? ""), \(local)), set_config('kijkje.system', \(system), \(local))\
            \(unsafeRaw: sequential)
            """
    }

    /// Runs `body` in a transaction, again (up to five times) when PostgreSQL aborted it for a deadlock.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                let result = try await client.withConnection { connection in
                    let citus = try await scope(connection)
                    return try await connection.withTransaction(logger: logger) { connection in
                        let transaction = InTransaction(connection: connection, logger: logger, turns: citus ? Cluster.Turn() : nil)
                        let result = try await body(transaction)
                        if citus { _ = try await transaction.run(Self.notify) }
                        return result
                    }
                }
                feed.fire()
                return result
            } catch let error as PostgresTransactionError {
                let cause = error.closureError ?? error.commitError.map(Self.storeError) ?? StoreError.unavailable("\(error)")
                if case StoreError.contention = cause, attempt < 5 {
                    attempt += 1
                    continue
                }
                throw cause
            }
        }
    }

    /// Statements of an open transaction on one connection.
    struct InTransaction: SQLExecutor {
        let connection: PostgresConnection
        let logger: Logger
        /// On Citus: whether this transaction has its turn to change reference tables.
        let turns: Cluster.Turn?
        func run(_ sql: SQLQuery) async throws -> [SQLRow] {
            if let turns, !turns.taken, Cluster.changesReferenceTable(sql) {
                _ = try await PostgresDatabase.execute(Cluster.takeTurn, on: connection, logger: logger)
                turns.take()
            }
            return try await PostgresDatabase.execute(sql, on: connection, logger: logger)
        }
    }

    /// Runs one statement on a connection: prepared once per connection (named by its text and its parameters'
    /// types) when it is a reusable query or change (`SQLQuery.reusable`), so PostgreSQL parses and plans it once;
    /// else as an unnamed statement.
    static func execute(_ sql: SQLQuery, on connection: PostgresConnection, logger: Logger) async throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: sql.binds.count)
        for value in sql.binds {
            switch value {
            case .null: bindings.appendNull()
            case .int(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .text(let s): bindings.append(s)
            case .bool(let b): bindings.append(b)
            case .uuid(let u): bindings.append(u)
            case .date(let d): bindings.append(d)
            }
        }
        do {
            guard sql.reusable, Prepared.kinds.contains(where: sql.text.hasPrefix) else {
                return try await rows(try await connection.query(PostgresQuery(unsafeSQL: sql.text, binds: bindings), logger: logger))
            }
            let prepared = try await Prepared.$current.withValue((Prepared.name(sql), sql.text)) {
                try await connection.execute(Prepared(bindings: bindings), logger: logger)
            }
            return try await rows(prepared)
        } catch let error as PSQLError {
            if error.serverInfo?[.sqlState] == "0A000", error.serverInfo?[.message]?.contains("cached plan must not change") == true {
                // Another hub process migrated the schema under this one's prepared statements (a `SELECT *` of a table
                // that gained a column): every statement is prepared again, under new names.
                Prepared.epoch.add(1, ordering: .relaxed)
                throw StoreError.contention("a prepared statement's tables changed; prepared again")
            }
            throw storeError(error)
        }
    }

    static func rows(_ sequence: some AsyncSequence<PostgresRow, any Error>) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in sequence {
            var values: [String: SQLValue] = [:]
            for cell in row { values[cell.columnName] = try value(of: cell) }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .double(try cell.decode(Double.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .uuid: return .uuid(try cell.decode(UUID.self))
        case .timestamptz, .timestamp:
            // Both stores keep milliseconds; microseconds from PostgreSQL are rounded to them.
            let date = try cell.decode(Date.self)
            return .date(Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000))
        default: return .text(try cell.decode(String.self))
        }
    }

    static func storeError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState]
        let detail = error.serverInfo?[.detail] ?? error.serverInfo?[.message] ?? "\(error)"
        switch state {
        case "23505": return StoreError.duplicate(detail)
        case "23503": return StoreError.conflict("the change refers to, or is referred to by, other data")
        case "40001", "40P01": return StoreError.contention(detail)
        case .some(let state):
            // The server answered and refused: a fault to log and count, not an outage.
            return StoreError.refused(sqlState: state, message: error.serverInfo?[.message] ?? detail)
        case .none:
            // No answer from the server (connection refused, closed, timed out): the store is unavailable.
            return StoreError.unavailable("PostgreSQL: \(String(reflecting: error))")
        }
    }
}

/// The row scope (`RowScope`) each connection's session was last given, by connection: what `scope(_:)` need not
/// send again. A connection whose setting failed or is unknown has none.
final class ConnectionScopes: Sendable {
    /// The scope of the hub's own cross-network work.
    static let system = "system"
    private let scopes = Mutex<[PostgresConnection.ID: String]>([:])

    func scope(of connection: PostgresConnection.ID) -> String? { scopes.withLock { $0[connection] } }
    func forget(_ connection: PostgresConnection.ID) { _ = scopes.withLock { $0.removeValue(forKey: connection) } }

    func set(_ scope: String, for connection: PostgresConnection.ID) {
        scopes.withLock { scopes in
            // Connections are replaced now and then; the ones long gone are forgotten.
            if scopes.count > 1_000 { scopes.removeAll() }
            scopes[connection] = scope
        }
    }
}

/// A statement prepared once per connection and run again by name. PostgresNIO names a prepared statement by its
/// type; this one type carries each statement's name and text in a task-local value for the moment it is sent.
struct Prepared: PostgresPreparedStatement {
    typealias Row = PostgresRow
    @TaskLocal static var current: (name: String, sql: String) = ("", "")
    static var name: String { current.name }
    static var sql: String { current.sql }
    /// Raised when the schema changed under prepared statements: part of every name, so all are prepared anew.
    static let epoch = Atomic<Int>(0)
    /// The statements worth preparing (utility statements, such as the migrations' DDL, are not).
    static let kinds = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"]

    let bindings: PostgresBindings
    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }

    /// A name for a text and its parameters' types (a statement prepared with one type takes no other): FNV-1a.
    static func name(_ sql: SQLQuery) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        sql.text.utf8.forEach(mix)
        withUnsafeBytes(of: epoch.load(ordering: .relaxed)) { $0.forEach(mix) }
        for value in sql.binds {
            switch value {
            case .null: mix(0)
            case .int: mix(1)
            case .double: mix(2)
            case .text: mix(3)
            case .bool: mix(4)
            case .uuid: mix(5)
            case .date: mix(6)
            }
        }
        return "k" + String(hash, radix: 16)
    }
}
