import Foundation
import KijkjeDomain

/// A sync scope: a set of rows with one version counter. An agent reads its own school's scope, and the shares of
/// its network it may see: `members:<network>` (visibility `network`, members only) and `all:<network>` (also guests).
public struct SyncScope: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }

    public static func tenant(_ id: UUID) -> SyncScope { SyncScope("tenant:\(id.uuidString.lowercased())") }
    public static func members(_ network: UUID) -> SyncScope { SyncScope("members:\(network.uuidString.lowercased())") }
    public static func everyone(_ network: UUID) -> SyncScope { SyncScope("all:\(network.uuidString.lowercased())") }

    public var description: String { name }

    /// The school or network the scope belongs to: the id in its name (a name without one owns nothing).
    public var key: UUID {
        name.split(separator: ":", maxSplits: 1).last.flatMap { UUID(uuidString: String($0)) } ?? Self.nobody
    }

    static let nobody = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    public static func < (a: SyncScope, b: SyncScope) -> Bool { a.name < b.name }

    public init(from decoder: any Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// Where an agent stands in one scope: the scope's epoch and the last version it applied.
public struct ScopeCursor: Sendable, Codable, Equatable {
    public var scope: SyncScope
    public var epoch: String
    public var version: Int

    public init(scope: SyncScope, epoch: String, version: Int) {
        self.scope = scope
        self.epoch = epoch
        self.version = version
    }
}

/// `POST /sync/v1/pull`: the agent's cursors (scopes it has not seen yet are read from the start).
public struct PullRequest: Sendable, Codable {
    public var cursors: [ScopeCursor]?
    /// The last mutation whose result the agent holds; results after it come with the last page.
    public var resultsAfter: Int?
    /// Rows per page (at most 5,000; a version's rows are never split, so a page can be larger).
    public var limit: Int?
    /// Long-poll: wait up to this many seconds (at most 30) for a change when there is none.
    public var waitSeconds: Int?

    public init(cursors: [ScopeCursor]?, resultsAfter: Int?, limit: Int? = nil, waitSeconds: Int? = nil) {
        self.cursors = cursors
        self.resultsAfter = resultsAfter
        self.limit = limit
        self.waitSeconds = waitSeconds
    }
}

/// What a row is: the kinds the hub publishes.
public enum SyncRowKind: String, Sendable, Codable, CaseIterable {
    case edition
    case session
    case shadowOffer = "shadow_offer"
    case person
    case enrolment
    /// A confirmed shadow day, for both schools' cover planning (protocol version 2).
    case shadowDay = "shadow_day"

    /// The protocol version that introduced the kind: an agent of an older version is not sent it.
    public var since: Int { self == .shadowDay ? 2 : 1 }
}

/// A shadow day both sides said yes to, as the two schools' agents get it: who is away (the shadower) and where.
public struct ShadowDay: Sendable, Codable, Equatable {
    public var id: UUID
    public var editionId: UUID
    public var day: Day
    public var requesterTenantId: UUID
    public var requesterPersonId: UUID
    public var hostTenantId: UUID
    public var hostPersonId: UUID
    /// The host's school and town: where the shadower is that day.
    public var hostSchool: String
    public var hostTown: String

    public init(
        id: UUID, editionId: UUID, day: Day, requesterTenantId: UUID, requesterPersonId: UUID, hostTenantId: UUID,
        hostPersonId: UUID, hostSchool: String, hostTown: String
    ) {
        self.id = id
        self.editionId = editionId
        self.day = day
        self.requesterTenantId = requesterTenantId
        self.requesterPersonId = requesterPersonId
        self.hostTenantId = hostTenantId
        self.hostPersonId = hostPersonId
        self.hostSchool = hostSchool
        self.hostTown = hostTown
    }
}

/// One row's latest state in a scope, or its tombstone (`deleted`, no `data`).
public struct SyncRow: Sendable, Codable, Equatable {
    public var kind: SyncRowKind
    public var id: UUID
    public var version: Int
    public var deleted: Bool
    /// The row as the organiser API shows it (an `Edition`, `Session`, `ShadowOffer`, `Person` or `Enrolment`).
    public var data: JSONText?

    public init(kind: SyncRowKind, id: UUID, version: Int, deleted: Bool, data: JSONText?) {
        self.kind = kind
        self.id = id
        self.version = version
        self.deleted = deleted
        self.data = data
    }
}

/// The changes of one scope after the agent's cursor, ending on a version boundary.
public struct ScopePage: Sendable, Codable, Equatable {
    public var scope: SyncScope
    public var epoch: String
    /// The cursor to send next time: every row up to this version has been sent.
    public var version: Int
    public var rows: [SyncRow]
    /// More rows follow for this scope.
    public var more: Bool
    /// Rows still to come after this page, for progress reports.
    public var remaining: Int

    public init(scope: SyncScope, epoch: String, version: Int, rows: [SyncRow], more: Bool, remaining: Int) {
        self.scope = scope
        self.epoch = epoch
        self.version = version
        self.rows = rows
        self.more = more
        self.remaining = remaining
    }
}

/// The answer to a pull. `scopes` lists every scope the credential may read, so an agent drops the rows of a scope
/// it may no longer read; `results` come only once no scope has `more`, so every result's effects have arrived.
public struct PullResponse: Sendable, Codable, Equatable {
    public var scopes: [ScopePage]
    public var lastMutationId: Int
    public var results: [MutationResult]

    public init(scopes: [ScopePage], lastMutationId: Int, results: [MutationResult]) {
        self.scopes = scopes
        self.lastMutationId = lastMutationId
        self.results = results
    }

    public var more: Bool { scopes.contains(where: \.more) }
}

/// JSON kept as text: the hub stores each row's JSON once and sends it as it is, the agent stores it the same way.
public struct JSONText: Sendable, Codable, Equatable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public init(from decoder: any Decoder) throws {
        // Re-encoded canonically; only the agent decodes rows, and only into its replica.
        let value = try decoder.singleValueContainer().decode(JSONValue.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(JSONValue.parse(text))
    }

    /// The row decoded as the wire type it holds.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder.hub.decode(T.self, from: Data(text.utf8))
    }
}

/// Any JSON value (for rows carried as they are).
public indirect enum JSONValue: Sendable, Codable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
