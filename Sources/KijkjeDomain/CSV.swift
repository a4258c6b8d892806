/// CSV as RFC 4180 writes it: a field with a comma, quote or line break is quoted, quotes doubled. A field a
/// spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a leading
/// apostrophe, so it shows as text (OWASP's advice against CSV injection).
public enum CSV {
    public static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        return safe.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// Rows of fields, each row ended by `lineEnd` (CRLF by the RFC; the agent's exports use LF).
    public static func document(_ rows: [[String]], lineEnd: String = "\r\n") -> String {
        rows.map { $0.map(field).joined(separator: ",") + lineEnd }.joined()
    }
}
