import Foundation

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
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
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
            try container.encode(date.formatted(Date.ISO8601FormatStyle.withMillis))
        }
        return encoder
    }
}

extension Date.ISO8601FormatStyle {
    /// ISO 8601 with milliseconds, the precision both stores keep.
    public static var withMillis: Date.ISO8601FormatStyle { Date.ISO8601FormatStyle(includingFractionalSeconds: true) }
}
