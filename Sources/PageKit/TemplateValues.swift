import Foundation

/// A page model as swift-mustache reads it: encoded through `Encodable` into plain values (texts, whole numbers,
/// numbers, true/false, lists, dictionaries), leaving out empty texts and absent values so that `{{#key}}`
/// sections skip them as they skip `false` and empty lists.
public enum TemplateValues {
    public static func of(_ model: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(model)
        guard case .some(let values as [String: Any]) = try JSONDecoder().decode(Value.self, from: data).plain else {
            throw PageKitError("a page model must encode as an object")
        }
        return values
    }

    /// One JSON value, told apart strictly (a Bool is never read from a number).
    public enum Value: Decodable {
        case text(String), whole(Int), number(Double), flag(Bool), list([Value]), object([String: Value]), null

        public init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let flag = try? single.decode(Bool.self) {
                self = .flag(flag)
            } else if let whole = try? single.decode(Int.self) {
                self = .whole(whole)
            } else if let number = try? single.decode(Double.self) {
                self = .number(number)
            } else if let text = try? single.decode(String.self) {
                self = .text(text)
            } else if let list = try? single.decode([Value].self) {
                self = .list(list)
            } else {
                self = .object(try single.decode([String: Value].self))
            }
        }

        /// The value as swift-mustache reads it; nil for what a section should skip.
        public var plain: Any? {
            switch self {
            case .text(let text): text.isEmpty ? nil : text
            case .whole(let whole): whole
            case .number(let number): number
            case .flag(let flag): flag
            case .list(let list): list.map { $0.plain ?? "" }
            case .object(let object): object.compactMapValues(\.plain)
            case .null: nil
            }
        }
    }
}
