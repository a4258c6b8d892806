import Foundation
import KijkjeDomain

/// A mail as RFC 5322/2045 text: UTF-8 headers encoded, the text and an optional calendar invitation in base64 parts.
public struct MIMEMessage {
    public let text: String

    public init(_ message: MailMessage, from: String, fromName: String) {
        let boundary = "kijkje-\(message.id.uuidString.lowercased())"
        var headers = [
            "From: \(Self.encodedWord(fromName)) <\(from)>",
            "To: \(Self.encodedWord(message.toName)) <\(message.toAddress)>",
            "Subject: \(Self.encodedWord(message.subject))",
            "Message-ID: <\(message.id.uuidString.lowercased())@kijkje>",
            "Date: \(Self.rfc5322Date(Date()))",
            "MIME-Version: 1.0",
        ]
        if let unsubscribe = message.unsubscribeURL {
            headers += ["List-Unsubscribe: <\(unsubscribe)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        // The text, with its HTML alternative when there is one; then the calendar invitation, as an attachment.
        var content = [(type: "text/plain; charset=utf-8", body: message.body)]
        if let html = message.html { content.append((type: "text/html; charset=utf-8", body: html)) }
        let readable: [String]
        let readableType: String
        if content.count == 1 {
            readableType = content[0].type
            readable = [Self.base64Lines(content[0].body)]
        } else {
            let inner = boundary + "-alt"
            readableType = "multipart/alternative; boundary=\"\(inner)\""
            readable =
                content.flatMap { part in
                    ["--\(inner)", "Content-Type: \(part.type)", "Content-Transfer-Encoding: base64", "", Self.base64Lines(part.body)]
                } + ["--\(inner)--"]
        }
        let body: [String]
        if let calendar = message.calendar {
            let method = calendar.contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST"
            headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            body =
                ["--\(boundary)", "Content-Type: \(readableType)"]
                + (content.count == 1 ? ["Content-Transfer-Encoding: base64"] : []) + [""] + readable
                + [
                    "--\(boundary)", "Content-Type: text/calendar; charset=utf-8; method=\(method)",
                    "Content-Disposition: attachment; filename=\"invite.ics\"", "Content-Transfer-Encoding: base64", "",
                    Self.base64Lines(calendar),
                    "--\(boundary)--",
                ]
        } else {
            headers.append("Content-Type: \(readableType)")
            if content.count == 1 { headers.append("Content-Transfer-Encoding: base64") }
            body = readable
        }
        text = (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 for any header text that is not plain ASCII.
    public static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "\"" }) else { return text }
        return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// "Mon, 30 Nov 2026 09:00:00 +0000", written out by hand: a DateFormatter made per message was a tenth of the
    /// demo's mail time.
    static func rfc5322Date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
