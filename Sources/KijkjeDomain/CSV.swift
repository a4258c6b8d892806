/// CSV as RFC 4180 writes it: a field with a comma, quote or line break is quoted, quotes doubled.
public enum CSV {
    public static func field(_ text: String) -> String {
        text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Rows of fields, each row ended by `lineEnd` (CRLF by the RFC; the agent's exports use LF).
    public static func document(_ rows: [[String]], lineEnd: String = "\r\n") -> String {
        rows.map { $0.map(field).joined(separator: ",") + lineEnd }.joined()
    }
}
