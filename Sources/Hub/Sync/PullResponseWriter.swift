import Foundation
import KijkjeSync
import NIOCore

/// Writes a pull's answer as JSON with each row's stored JSON spliced in as it is: a page of thousands of rows is
/// never decoded and encoded again. The shape is the one `PullResponse` decodes.
enum PullResponseWriter {
    static func encode(_ response: PullResponse) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(256 + response.scopes.reduce(0) { $0 + $1.rows.reduce(0) { $0 + 120 + ($1.data?.text.utf8.count ?? 0) } })
        let results = (try? JSONEncoder.hub.encode(response.results)) ?? Data("[]".utf8)
        out.writeString("{\"last_mutation_id\":\(response.lastMutationId),\"results\":")
        out.writeBytes(results)
        out.writeString(",\"scopes\":[")
        for (index, page) in response.scopes.enumerated() {
            if index > 0 { out.writeString(",") }
            out.writeString("{\"epoch\":\(WireJSON.quoted(page.epoch)),\"more\":\(page.more),\"remaining\":\(page.remaining),\"rows\":[")
            for (rowIndex, row) in page.rows.enumerated() {
                if rowIndex > 0 { out.writeString(",") }
                out.writeString("{\"data\":")
                out.writeString(row.data?.text ?? "null")
                out.writeString(",\"deleted\":\(row.deleted),\"id\":\"\(row.id.uuidString.lowercased())\"")
                out.writeString(",\"kind\":\"\(row.kind.rawValue)\",\"version\":\(row.version)}")
            }
            out.writeString("],\"scope\":\(WireJSON.quoted(page.scope.name)),\"version\":\(page.version)}")
        }
        out.writeString("]}")
        return out
    }
}
