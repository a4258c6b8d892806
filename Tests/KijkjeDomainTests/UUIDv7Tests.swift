import Foundation
import KijkjeDomain
import Testing

@Suite("UUIDv7")
struct UUIDv7Tests {
    @Test("carries version 7, the RFC variant and its millisecond timestamp")
    func layout() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123)
        let id = UUIDv7.make(at: date)
        let bytes = id.uuid
        #expect(bytes.6 >> 4 == 7)
        #expect(bytes.8 >> 6 == 0b10)
        let stamp = try #require(UUIDv7.timestamp(of: id))
        #expect(abs(stamp.timeIntervalSince1970 - 1_795_000_000.123) < 0.001)
        #expect(id.uuidString.count == 36)
    }

    @Test("ids made in later milliseconds sort after earlier ones")
    func ordering() {
        let ids = (0..<1000).map { UUIDv7.make(at: Date(timeIntervalSince1970: 1_795_000_000 + Double($0) / 1000)) }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test("a seeded generator gives the same ids")
    func seeded() {
        struct Counter: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
        }
        var a = Counter(state: 7)
        var b = Counter(state: 7)
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(UUIDv7.make(at: date, using: &a) == UUIDv7.make(at: date, using: &b))
    }

    @Test("a version-4 id has no timestamp")
    func notVersion7() throws {
        #expect(UUIDv7.timestamp(of: try #require(UUID(uuidString: "3F2504E0-4F89-41D3-9A0C-0305E82C3301"))) == nil)
    }
}
