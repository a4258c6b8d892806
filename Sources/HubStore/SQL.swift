import Foundation
import KijkjeDomain

/// A value bound to a statement parameter or read from a result column, in the few shapes both stores share.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case uuid(UUID)
    case date(Date)
}

/// A type that can be bound as a statement parameter.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .double(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .bool(self) } }
extension UUID: SQLBindable { public var sqlValue: SQLValue { .uuid(self) } }
extension Date: SQLBindable { public var sqlValue: SQLValue { .date(self) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A value stored as JSON text (lists and small maps that no query looks inside).
public struct JSONColumn<Value: Codable & Sendable>: SQLBindable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
    public var sqlValue: SQLValue { .text(StoredJSON.text(value)) }
}

/// The one convention of JSON documents the stores keep in a column: Swift's property names, sorted keys, and
/// times as Foundation encodes them by default. Every stored document is written and read through this.
public enum StoredJSON {
    public static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    public static func value<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

/// One statement with its parameters, written as `"... WHERE id = \(id)"`: every interpolation is bound, never spliced.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation {
    public private(set) var text: String
    public private(set) var binds: [SQLValue]
    /// Whether the statement's text is one of a few the program writes again and again, worth preparing once per
    /// connection: not when it carries a list of values, whose length makes a new text each time.
    public private(set) var reusable = true
    /// Set by `writing(_:)`: a SELECT of a function that changes something, and what it may change.
    private var callsWritingFunction: FeedSignal.Change?

    /// Whether the statement may change something (anything but a SELECT, or a SELECT marked `writing(_:)`): the
    /// drivers fire their feed signal after one.
    public var mayWrite: Bool {
        callsWritingFunction != nil || !text.drop(while: \.isWhitespace).prefix(6).uppercased().hasPrefix("SELECT")
    }

    /// What the feed signal fired after this statement says may have changed.
    public var changes: FeedSignal.Change { callsWritingFunction ?? .anything }

    /// The statement, marked as one that changes `what` though it is a SELECT (of a function that writes).
    public func writing(_ what: FeedSignal.Change) -> SQLQuery {
        var query = self
        query.callsWritingFunction = what
        return query
    }

    public init(stringLiteral value: String) {
        text = value
        binds = []
    }

    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
        binds = stringInterpolation.binds
        reusable = stringInterpolation.reusable
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        var binds: [SQLValue] = []
        var reusable = true

        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Binds a value as the next `$n` parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            binds.append(value.sqlValue)
            text += "$\(binds.count)"
        }

        /// Binds an optional value, NULL when absent.
        public mutating func appendInterpolation<T: SQLBindable>(_ value: T?) {
            binds.append(value?.sqlValue ?? .null)
            text += "$\(binds.count)"
        }

        /// Embeds another statement fragment, renumbering its parameters after the ones bound so far.
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            let offset = binds.count
            text += offset == 0 ? fragment.text : Self.renumbered(fragment.text, by: offset)
            binds += fragment.binds
            reusable = reusable && fragment.reusable
        }

        /// `$1` as `$(1 + offset)`, and so on: a fragment's parameters after the ones before it.
        static func renumbered(_ text: String, by offset: Int) -> String {
            var result = "", digits: String?
            func flush() {
                if let number = digits.flatMap({ Int($0) }) { result += String(number + offset) }
                digits = nil
            }
            for character in text {
                if digits != nil, character.isASCII, character.isWholeNumber {
                    digits?.append(character)
                    continue
                }
                flush()
                result.append(character)
                if character == "$" { digits = "" }
            }
            flush()
            return result
        }

        /// Binds each value as a parameter, as an SQL list: `($1, $2)`. The list must not be empty.
        public mutating func appendInterpolation(list values: [some SQLBindable]) {
            reusable = false
            text +=
                "("
                + values.map { value in
                    binds.append(value.sqlValue)
                    return "$\(binds.count)"
                }.joined(separator: ", ") + ")"
        }

        /// A list of enrolment states as an SQL list (`('confirmed', 'offered')`); the states are the domain's own words.
        public mutating func appendInterpolation(states: [EnrolmentState]) {
            text += "(" + states.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        }

        /// Splices a fragment written by the program itself (a column list, a dialect keyword), never user input.
        public mutating func appendInterpolation(unsafeRaw fragment: String) { text += fragment }
    }
}

/// One result row, read by column name.
public struct SQLRow: Sendable {
    public var values: [String: SQLValue]

    public init(values: [String: SQLValue]) { self.values = values }

    public func value(_ column: String) throws(StoreError) -> SQLValue {
        guard let value = values[column] else { throw .corrupt("column \(column) missing from result") }
        return value
    }

    public func string(_ column: String) throws(StoreError) -> String {
        guard case .text(let s) = try value(column) else { throw .corrupt("column \(column) is not text") }
        return s
    }

    public func int(_ column: String) throws(StoreError) -> Int {
        switch try value(column) {
        case .int(let i): return Int(i)
        default: throw .corrupt("column \(column) is not an integer")
        }
    }

    public func bool(_ column: String) throws(StoreError) -> Bool {
        switch try value(column) {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default: throw .corrupt("column \(column) is not true or false")
        }
    }

    public func double(_ column: String) throws(StoreError) -> Double {
        switch try value(column) {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: throw .corrupt("column \(column) is not a number")
        }
    }

    public func uuid(_ column: String) throws(StoreError) -> UUID {
        switch try value(column) {
        case .uuid(let u): return u
        case .text(let s):
            guard let u = UUID(uuidString: s) else { throw .corrupt("column \(column) is not a UUID") }
            return u
        default: throw .corrupt("column \(column) is not a UUID")
        }
    }

    public func optionalUUID(_ column: String) throws(StoreError) -> UUID? {
        if case .null = try value(column) { return nil }
        return try uuid(column)
    }

    public func date(_ column: String) throws(StoreError) -> Date {
        switch try value(column) {
        case .date(let d): return d
        case .int(let millis): return Date(timeIntervalSince1970: Double(millis) / 1000)
        default: throw .corrupt("column \(column) is not a time")
        }
    }

    public func optionalDate(_ column: String) throws(StoreError) -> Date? {
        if case .null = try value(column) { return nil }
        return try date(column)
    }

    public func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws(StoreError) -> T {
        do {
            return try StoredJSON.value(T.self, from: try string(column))
        } catch let error as StoreError {
            throw error
        } catch {
            throw .corrupt("column \(column) holds JSON that does not decode: \(error)")
        }
    }

    public func choice<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws(StoreError) -> T
    where T.RawValue == String {
        let raw = try string(column)
        guard let value = T(rawValue: raw) else { throw .corrupt("column \(column) holds unknown value \(raw)") }
        return value
    }
}

/// The SQL flavour a driver speaks; statements are written once and differ only where the flavours do.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// Row locking for a `SELECT` in a transaction; SQLite's transactions already hold the whole database.
    public var forUpdate: String { self == .postgres ? " FOR UPDATE" : "" }

    /// Column types used in migrations: `{id}`, `{time}`, `{float}`, `{json}`, `{bool}` are replaced per dialect, and
    /// `{key_of_scope}` by the id in a sync scope's name as the dialect stores ids.
    func columnTypes(in ddl: String) -> String {
        let types: [(String, String)] =
            switch self {
            case .sqlite:
                [
                    ("{id}", "TEXT"), ("{time}", "INTEGER"), ("{float}", "REAL"), ("{json}", "TEXT"), ("{bool}", "INTEGER"),
                    ("{int}", "INTEGER"), ("{key_of_scope}", "upper(substr(scope, instr(scope, ':') + 1))"),
                ]
            case .postgres:
                [
                    ("{id}", "uuid"), ("{time}", "timestamptz"), ("{float}", "double precision"), ("{json}", "text"), ("{bool}", "boolean"),
                    ("{int}", "bigint"), ("{key_of_scope}", "CAST(split_part(scope, ':', 2) AS uuid)"),
                ]
            }
        return types.reduce(ddl) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}

/// Runs statements: a whole database, or one open transaction.
public protocol SQLExecutor: Sendable {
    /// Runs one statement and returns its rows (none for statements without RETURNING).
    @discardableResult
    func run(_ sql: SQLQuery) async throws -> [SQLRow]
}

/// A database a `SQLHubStore` runs on: SQLite through GRDB, or PostgreSQL through PostgresNIO.
public protocol SQLDatabase: SQLExecutor {
    var dialect: SQLDialect { get }
    /// Fired when the sync feed may have moved on (see `FeedSignal`).
    var feed: FeedSignal { get }
    /// Whether one statement may write to two tables (PostgreSQL's data-modifying `WITH`), saving a round trip:
    /// not on SQLite, nor on a Citus cluster, which cannot plan it across shards.
    var writesTwoTablesAtOnce: Bool { get }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Drivers translate constraint violations into `StoreError.duplicate` and `.conflict`.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
}
