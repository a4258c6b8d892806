import Foundation
@testable import Hub
import HubStore
import KijkjeSync
import Testing

/// The agent reads a pull's answer keeping each row's JSON text as the hub sent it; everything else as the
/// contract's decoder reads it.
@Suite("Reading a pull's answer")
struct PullResponseReaderTests {
    static let response = PullResponse(
        scopes: [
            ScopePage(
                scope: SyncScope("tenant:0190a1b2-0000-7000-8000-000000000001"), epoch: "e1", version: 7,
                rows: [
                    SyncRow(
                        kind: .session, id: UUID(), version: 6, deleted: false,
                        data: JSONText(#"{"title":"Eén \"quote\" en \\ schuine / streep","topics":["a","b"],"capacity":20}"#)),
                    SyncRow(kind: .enrolment, id: UUID(), version: 7, deleted: true, data: nil),
                ], more: true, remaining: 12),
            ScopePage(scope: SyncScope("members:x"), epoch: "e2", version: 0, rows: [], more: false, remaining: 0),
        ], lastMutationId: 42,
        results: [MutationResult(mutationId: 41, status: .refused, reason: "stale", detail: "te laat")])

    @Test("an agent's pull written by hand reads as the encoder's, every field and none")
    func pullRequest() throws {
        let cursors = [
            ScopeCursor(scope: SyncScope("tenant:0190a1b2-0000-7000-8000-000000000001"), epoch: "e\"1\\", version: 7),
            ScopeCursor(scope: SyncScope("all:x"), epoch: "", version: 0),
        ]
        for request in [
            PullRequest(cursors: cursors, resultsAfter: 3, limit: 500, waitSeconds: 25), PullRequest(cursors: nil, resultsAfter: nil),
        ] {
            let byHand = try JSONSerialization.jsonObject(with: Data(request.json.utf8)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder.hub.encode(request)) as? NSDictionary
            #expect(byHand == encoded)
        }
        // A token's stored hash: SHA-256 in lower-case hex, as `sha256sum` prints it.
        #expect(Secret.hash("kjk_op_abc") == "f8deb6afd760f396fa61dbf32c74986341f21f88943c18e4eaed24cb168926e4")
    }

    @Test("the hub's answer reads back as the contract's decoder reads it, row texts exactly as sent")
    func roundTrip() throws {
        let bytes = Data(PullResponseWriter.encode(Self.response).readableBytesView)
        let read = try PullResponseReader.read(bytes)
        #expect(read.lastMutationId == 42 && read.results == Self.response.results)
        #expect(read.scopes.map(\.scope) == Self.response.scopes.map(\.scope))
        #expect(read.scopes[0].rows.map(\.id) == Self.response.scopes[0].rows.map(\.id))
        #expect(read.scopes[0].rows[0].data?.text == Self.response.scopes[0].rows[0].data?.text)
        #expect(read.scopes[0].rows[1].deleted && read.scopes[0].rows[1].data == nil)
        #expect(read.scopes[0].more && read.scopes[0].remaining == 12 && read.scopes[1].version == 0)
        let decoded = try JSONDecoder.hub.decode(PullResponse.self, from: bytes)
        #expect(decoded.scopes.map(\.rows.count) == read.scopes.map(\.rows.count) && decoded.results == read.results)
    }

    @Test("keys in any order, space between them and unknown keys are read; broken answers are refused")
    func otherShapes() throws {
        let id = UUID()
        let text = """
            { "scopes" : [ { "rows" : [ { "version" : 3 , "future" : {"x": [1, "]"]}, "data" : { "b" : 1 , "a" : "}" }, \
            "id" : "\(id.uuidString)", "kind" : "session", "deleted" : false } ], "version" : 3, "scope" : "tenant:a", \
            "epoch" : "e", "more" : false, "remaining" : 0 } ], "results" : [ ], "last_mutation_id" : 5 }
            """
        let read = try PullResponseReader.read(Data(text.utf8))
        #expect(read.lastMutationId == 5 && read.scopes[0].rows[0].id == id)
        #expect(read.scopes[0].rows[0].data?.text == #"{ "b" : 1 , "a" : "}" }"#)
        for broken in [#"{"scopes":[{"rows":[{"kind":"nonsense","id":"x"}]}]}"#, #"{"scopes":["#, #"{"last_mutation_id":"5"}"#, "{} x"] {
            #expect(throws: DecodingError.self) { try PullResponseReader.read(Data(broken.utf8)) }
        }
    }
}
