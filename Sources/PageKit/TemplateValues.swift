import Foundation

/// A page model as swift-mustache reads it: encoded through `Encodable` into plain values (texts, whole numbers,
/// numbers, true/false, lists, dictionaries), leaving out empty texts and absent values so that `{{#key}}`
/// sections skip them as they skip `false` and empty lists.
///
/// The model is encoded straight into those values by an encoder of its own; going through JSON text and back (as
/// this once did) took a quarter of a busy hub's time on the catalogue page.
public enum TemplateValues {
    public static func of(_ model: some Encodable) throws -> [String: Any] {
        let root = Slot()
        try model.encode(to: SlotEncoder(slot: root, codingPath: []))
        guard root.object != nil, let values = root.finished() as? [String: Any] else {
            throw PageKitError("a page model must encode as an object")
        }
        return values
    }
}

/// One value while it is encoded: a plain value, an object or a list.
final class Slot {
    var plain: Any?
    var object: [String: Slot]?
    var list: [Slot]?

    /// The value as swift-mustache reads it; nil for what a section should skip (an empty text, nothing).
    func finished() -> Any? {
        if let object { return object.compactMapValues { $0.finished() } }
        if let list { return list.map { $0.finished() ?? "" } }
        if let text = plain as? String, text.isEmpty { return nil }
        return plain
    }

    func child(_ key: some CodingKey) -> Slot {
        let slot = Slot()
        if object == nil { object = [:] }
        object![key.stringValue] = slot
        return slot
    }

    func appended() -> Slot {
        let slot = Slot()
        if list == nil { list = [] }
        list!.append(slot)
        return slot
    }

    /// Stores a value: primitives as they are (every integer as `Int`, or `Double` beyond it; `Float` as `Double`), dates as JSON's
    /// default does (seconds since 2001), URLs as text, anything else through its own `encode(to:)`.
    func put<T: Encodable>(_ value: T, _ codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: plain = text
        case let flag as Bool: plain = flag
        case let whole as Int: plain = whole
        case let number as Double: plain = number
        case let number as Float: plain = Double(number)
        case let whole as any BinaryInteger: plain = Int(exactly: whole).map { $0 as Any } ?? Double(whole)
        case let date as Date: plain = date.timeIntervalSinceReferenceDate
        case let url as URL: plain = url.absoluteString
        default: try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
        }
    }
}

struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.object == nil { slot.object = [:] }
        return KeyedEncodingContainer(Keyed(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.list == nil { slot.list = [] }
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { _ = slot.child(key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try slot.child(key).put(value, codingPath + [key]) }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<
            NestedKey
        > {
            SlotEncoder(slot: slot.child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            SlotEncoder(slot: slot.child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.child(SuperKey.super), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(slot: slot.child(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]
        var count: Int { slot.list?.count ?? 0 }

        mutating func encodeNil() throws { _ = slot.appended() }
        mutating func encode<T: Encodable>(_ value: T) throws { try slot.appended().put(value, codingPath) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            SlotEncoder(slot: slot.appended(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            SlotEncoder(slot: slot.appended(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appended(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.plain = nil }
        mutating func encode<T: Encodable>(_ value: T) throws { try slot.put(value, codingPath) }
    }

    enum SuperKey: String, CodingKey { case `super` }
}
