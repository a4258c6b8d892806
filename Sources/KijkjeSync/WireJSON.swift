import Foundation
import KijkjeDomain

extension JSONDecoder {
    /// snake_case keys and ISO 8601 times (with or without fractional seconds), as on every Kijkje wire.
    public static var hub: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = (try? Date(text, strategy: Date.ISO8601FormatStyle.withMillis)) ?? (try? Date(text, strategy: .iso8601)) {
                return date
            }
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a time like 2026-11-17T09:00:00Z"))
        }
        return decoder
    }
}

extension JSONEncoder {
    public static var hub: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.wireText)
        }
        return encoder
    }
}

/// JSON written by hand where one small shape goes out again and again (an idle agent's pull, a pull's pages).
public enum WireJSON {
    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain { return "\"" + text + "\"" }
        return String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

extension PullRequest {
    /// The request as `JSONEncoder.hub` writes it (snake-case keys, fields left out when nil), without an encoder.
    public var json: String {
        var fields: [String] = []
        if let cursors {
            let written = cursors.map {
                "{\"epoch\":\(WireJSON.quoted($0.epoch)),\"scope\":\(WireJSON.quoted($0.scope.name)),\"version\":\($0.version)}"
            }
            fields.append("\"cursors\":[" + written.joined(separator: ",") + "]")
        }
        if let limit { fields.append("\"limit\":\(limit)") }
        if let resultsAfter { fields.append("\"results_after\":\(resultsAfter)") }
        if let waitSeconds { fields.append("\"wait_seconds\":\(waitSeconds)") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

extension Date.ISO8601FormatStyle {
    /// ISO 8601 with milliseconds, the precision both stores keep.
    public static var withMillis: Date.ISO8601FormatStyle { Date.ISO8601FormatStyle(includingFractionalSeconds: true) }
}

extension Date {
    /// ISO 8601 in UTC with milliseconds, rounded to the nearest millisecond as both stores keep times (so the
    /// same stored time is always written the same way).
    public var wireText: String {
        let millis = Int64((timeIntervalSince1970 * 1000).rounded())
        let seconds = Date(timeIntervalSince1970: Double(millis.quotient(1000)))
        let whole = seconds.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        return String(whole.dropLast()) + "." + Digits.padded(Int(millis.remainder(1000)), 3) + "Z"
    }
}

private extension Int64 {
    /// Floor division and its non-negative remainder (times before 1970 included).
    func quotient(_ d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
    func remainder(_ d: Int64) -> Int { Int(self - quotient(d) * d) }
}
