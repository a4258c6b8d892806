import Foundation
import Hummingbird
import KijkjeDomain
import KijkjeSync
import NIOCore
import NIOFoundationCompat

extension Request {
    /// The JSON body as `T`, with problems named by field (not Hummingbird's generic 400). `strict` refuses a field
    /// `T` does not have (the organiser API); the sync API leaves it, so that newer agents may send more.
    func decodeBody<T: Codable>(_ type: T.Type, context: some RequestContext, strict: Bool = true) async throws -> T {
        try await decodeOptionalBody(T.self, context: context, empty: nil, strict: strict)
    }

    /// The JSON body as `T`, or `empty` when the request has no body (a body the contract makes optional).
    func decodeOptionalBody<T: Codable>(_ type: T.Type, context: some RequestContext, empty: T?, strict: Bool = true) async throws -> T {
        var request = self
        let data = Data(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        if let empty, !data.contains(where: { !" \t\r\n".utf8.contains($0) }) { return empty }
        let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        // No field of the contract takes null: a null is refused by name, not read as a field left out.
        if let document, let field = JSONFields.firstNull(in: document) {
            throw InvalidInput(field: field, message: "must not be null; leave it out instead")
        }
        let value: T
        do {
            value = try JSONDecoder.hub.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ProblemMiddleware.problem(for: error)
        }
        // A field the request type did not read is one it does not have: written back, the value lacks it.
        if strict, let document,
            let echo = try? JSONSerialization.jsonObject(with: JSONEncoder.hub.encode(value), options: [.fragmentsAllowed]),
            let field = JSONFields.firstUnknown(in: document, echo: echo)
        {
            throw InvalidInput(field: field, message: "is not a field of this request")
        }
        return value
    }
}

/// Paths of fields in a JSON document (`mutations[0].change.draft.title`).
enum JSONFields {
    /// The first null, by its path.
    static func firstNull(in value: Any, at path: String = "") -> String? {
        if value is NSNull { return path.isEmpty ? "body" : path }
        return children(of: value, at: path).lazy.compactMap { firstNull(in: $0.value, at: $0.path) }.first
    }

    /// The first field of `document` that `echo` (the decoded value written back) does not have.
    static func firstUnknown(in document: Any, echo: Any, at path: String = "") -> String? {
        if let object = document as? [String: Any], let known = echo as? [String: Any] {
            for key in object.keys.sorted() {
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let echoed = known[key] else { return field }
                if let found = firstUnknown(in: object[key]!, echo: echoed, at: field) { return found }
            }
        }
        if let list = document as? [Any], let known = echo as? [Any] {
            for (index, item) in list.enumerated() where index < known.count {
                if let found = firstUnknown(in: item, echo: known[index], at: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }

    private static func children(of value: Any, at path: String) -> [(path: String, value: Any)] {
        if let object = value as? [String: Any] {
            return object.keys.sorted().map { (path.isEmpty ? $0 : "\(path).\($0)", object[$0]!) }
        }
        if let list = value as? [Any] { return list.enumerated().map { ("\(path)[\($0.offset)]", $0.element) } }
        return []
    }
}
