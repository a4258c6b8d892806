import Foundation
import KijkjeSync
import HTTPTypes
import Hummingbird
import NIOCore

/// A JSON response of any encodable value, with the hub's encoding and a chosen status.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    let value: Value
    var status: HTTPResponse.Status = .ok

    init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.hub.encode(value))))
    }
}

/// A list response: `{"items": [...]}`, so lists can grow paging fields later without breaking clients.
struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

extension JSONBody {
    static func list<Item>(_ items: [Item]) -> JSONBody<Items<Item>> { JSONBody<Items<Item>>(Items(items: items)) }
}
