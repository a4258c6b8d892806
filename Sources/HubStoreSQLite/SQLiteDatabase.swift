import Synchronization
import Foundation
import GRDB
import HubStore

/// SQLite through GRDB: the zero-configuration store. One connection; statements and transactions take turns,
/// which is what SQLite's single writer does anyway.
public struct SQLiteDatabase: SQLDatabase {
    public var dialect: SQLDialect { .sqlite }
    public var writesTwoTablesAtOnce: Bool { false }
    let queue: DatabaseQueue
    let turn = Turnstile()
    /// Fired after every committed transaction and every statement that writes: SQLite has one hub process, and a
    /// needless firing costs the waiting pulls one shared reading of the scopes' versions and the idle answers their
    /// memory.
    public let feed = FeedSignal()

    /// Opens (creating if needed) the database at `path`, or an in-memory one for `":memory:"`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Transactions span several awaited statements; `Turnstile` keeps anyone else off the connection meanwhile.
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(10)
        // Sorts and statement journals in memory: on disk, a busy hub made a thousand temporary files a week.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        if path == ":memory:" {
            queue = try DatabaseQueue(configuration: configuration)
        } else {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        }
    }

    /// A hub store on the SQLite database at `path`.
    public static func store(path: String) throws -> SQLHubStore {
        SQLHubStore(database: try SQLiteDatabase(path: path))
    }

    @discardableResult
    public func run(_ sql: SQLQuery) async throws -> [SQLRow] {
        let rows = try await turn.take { try await execute(sql) }
        // A statement outside a transaction that writes (a revoked token, say) fires the signal too.
        if sql.mayWrite { feed.fire() }
        return rows
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await turn.take {
            try await execute("BEGIN IMMEDIATE")
            do {
                let result = try await body(InTransaction(database: self))
                try await execute("COMMIT")
                feed.fire()
                return result
            } catch {
                _ = try? await execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Statements of an open transaction, which already holds the turn.
    struct InTransaction: SQLExecutor {
        let database: SQLiteDatabase
        func run(_ sql: SQLQuery) async throws -> [SQLRow] { try await database.execute(sql) }
    }

    /// The statement with every `$` before a digit turned into `?`.
    static func numbered(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for i in bytes.indices.dropLast()
        where bytes[i] == UInt8(ascii: "$") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i + 1]) {
            bytes[i] = UInt8(ascii: "?")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @discardableResult
    func execute(_ sql: SQLQuery) async throws -> [SQLRow] {
        // `$n` placeholders become SQLite's numbered `?n` (by a scan: a regular expression built per statement was
        // a twentieth of the demo's time).
        let text = Self.numbered(sql.text)
        let arguments = StatementArguments(sql.binds.map(Self.databaseValue))
        do {
            return try Self.fetch(queue, text, arguments, reusable: sql.reusable)
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// Runs on the calling thread (a serial queue's `sync`), not by a hop to GRDB's queue and back: two thread
    /// switches per statement were a quarter of the demo's time. The turnstile keeps everyone else off meanwhile.
    private static func fetch(_ queue: DatabaseQueue, _ text: String, _ arguments: StatementArguments, reusable: Bool) throws -> [SQLRow] {
        try queue.writeWithoutTransaction { db in
            // A statement the program writes again and again is compiled once and kept (SQLite prepares it anew
            // by itself should the schema change); one carrying a list of values is compiled each time.
            guard reusable else { return try Row.fetchAll(db, sql: text, arguments: arguments).map(Self.row) }
            return try Row.fetchAll(try db.cachedStatement(sql: text), arguments: arguments).map(Self.row)
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .int(let i): return i.databaseValue
        case .double(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .bool(let b): return (b ? 1 : 0).databaseValue
        case .uuid(let u): return u.uuidString.databaseValue
        case .date(let d): return Int64((d.timeIntervalSince1970 * 1000).rounded()).databaseValue
        }
    }

    static func row(_ row: Row) -> SQLRow {
        var values: [String: SQLValue] = [:]
        for (column, value) in row {
            values[column] =
                switch value.storage {
                case .null: .null
                case .int64(let i): .int(i)
                case .double(let d): .double(d)
                case .string(let s): .text(s)
                case .blob(let b): .text(String(decoding: b, as: UTF8.self))
                }
        }
        return SQLRow(values: values)
    }

    static func storeError(_ error: DatabaseError) -> StoreError {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .duplicate(error.message ?? "already exists")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .conflict("the change refers to, or is referred to by, other data")
        default:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .contention(error.message ?? error.description)
            case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_NOTADB:
                return .unavailable("SQLite: \(error.message ?? error.description)")
            default:
                // The database answered and refused: a fault to log and count, not an outage.
                return .refused(sqlState: "SQLite \(error.extendedResultCode.rawValue)", message: error.message ?? error.description)
            }
        }
    }
}

/// An async turn-taking lock: one holder at a time, the others wait in order.
final class Turnstile: Sendable {
    private let state = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func take<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                if state.busy { state.waiting.append(continuation); return false }
                state.busy = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty { state.busy = false; return nil }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
