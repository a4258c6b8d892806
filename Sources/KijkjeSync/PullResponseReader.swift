import Foundation

/// Reads a pull's answer keeping each row's JSON as the hub sent it: the rows' text goes into the replica as it is,
/// never decoded into values and encoded again (which was most of a first sync's time). The rest of the answer is
/// read field by field; keys may come in any order, unknown keys are skipped. The hub stores and sends rows in the
/// canonical form (`JSONEncoder.hub`: sorted keys), which is also what the replica keeps.
public enum PullResponseReader {
    public static func read(_ data: Data) throws -> PullResponse {
        try data.withUnsafeBytes { raw in
            var reader = JSONScanner(raw.bindMemory(to: UInt8.self))
            let response = try reader.response()
            reader.skipSpace()
            guard reader.at == reader.bytes.count else { throw reader.error("text after the answer") }
            return response
        }
    }
}

/// A cursor over JSON bytes that reads the values a pull's answer holds and the spans of those it keeps as text.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the pull's answer at byte \(at): \(what)"))
    }

    mutating func response() throws -> PullResponse {
        var response = PullResponse(scopes: [], lastMutationId: 0, results: [])
        try object { key, scanner in
            switch key {
            case "last_mutation_id": response.lastMutationId = try scanner.integer()
            case "results": response.results = try JSONDecoder.hub.decode([MutationResult].self, from: Data(try scanner.span()))
            case "scopes": try scanner.array { scanner in response.scopes.append(try scanner.page()) }
            default: _ = try scanner.span()
            }
        }
        return response
    }

    mutating func page() throws -> ScopePage {
        var page = ScopePage(scope: SyncScope(""), epoch: "", version: 0, rows: [], more: false, remaining: 0)
        try object { key, scanner in
            switch key {
            case "scope": page.scope = SyncScope(try scanner.string())
            case "epoch": page.epoch = try scanner.string()
            case "version": page.version = try scanner.integer()
            case "more": page.more = try scanner.boolean()
            case "remaining": page.remaining = try scanner.integer()
            case "rows": try scanner.array { scanner in page.rows.append(try scanner.row()) }
            default: _ = try scanner.span()
            }
        }
        return page
    }

    mutating func row() throws -> SyncRow {
        var kind: SyncRowKind?, id: UUID?
        var row = SyncRow(kind: .session, id: UUID(), version: 0, deleted: false, data: nil)
        try object { key, scanner in
            switch key {
            case "kind":
                let text = try scanner.string()
                guard let known = SyncRowKind(rawValue: text) else { throw scanner.error("unknown row kind \(text)") }
                kind = known
            case "id":
                let text = try scanner.string()
                guard let uuid = UUID(uuidString: text) else { throw scanner.error("a row's id is not a UUID") }
                id = uuid
            case "version": row.version = try scanner.integer()
            case "deleted": row.deleted = try scanner.boolean()
            case "data":
                let span = try scanner.span()
                row.data = span.elementsEqual("null".utf8) ? nil : JSONText(String(decoding: span, as: UTF8.self))
            default: _ = try scanner.span()
            }
        }
        guard let kind, let id else { throw error("a row without kind or id") }
        row.kind = kind
        row.id = id
        return row
    }

    // MARK: JSON

    mutating func skipSpace() {
        while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
    }

    mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else { throw error("expected \(Character(UnicodeScalar(byte)))") }
        at += 1
    }

    /// Whether the next byte (after space) is `byte`; consumed when it is.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    mutating func object(_ member: (String, inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat { try element(&self) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    mutating func string() throws -> String {
        let span = try span()
        guard span.first == UInt8(ascii: "\""), span.count >= 2 else { throw error("expected a string") }
        if !span.contains(UInt8(ascii: "\\")) { return String(decoding: span.dropFirst().dropLast(), as: UTF8.self) }
        return try JSONDecoder().decode(String.self, from: Data(span))
    }

    mutating func integer() throws -> Int {
        let span = try span()
        guard let value = Int(String(decoding: span, as: UTF8.self)) else { throw error("expected a whole number") }
        return value
    }

    mutating func boolean() throws -> Bool {
        let span = try span()
        if span.elementsEqual("true".utf8) { return true }
        if span.elementsEqual("false".utf8) { return false }
        throw error("expected true or false")
    }

    /// The bytes of the next value, whatever it is, checked only as far as finding its end needs.
    mutating func span() throws -> Slice<UnsafeBufferPointer<UInt8>> {
        skipSpace()
        let start = at
        guard at < bytes.count else { throw error("expected a value") }
        switch bytes[at] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                guard at < bytes.count else { throw error("unfinished object or array") }
                switch bytes[at] {
                case UInt8(ascii: "\""): try skipString()
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    at += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    at += 1
                default: at += 1
                }
            } while depth > 0
        default:
            while at < bytes.count, !",}] \n\r\t".utf8.contains(bytes[at]) { at += 1 }
            guard at > start else { throw error("expected a value") }
        }
        return bytes[start..<at]
    }

    private mutating func skipString() throws {
        at += 1
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "\\"): at += 2
            case UInt8(ascii: "\""):
                at += 1
                return
            default: at += 1
            }
        }
        throw error("unfinished string")
    }
}
