import Foundation
import KijkjeDomain

/// A mail as RFC 5322/2045 text: UTF-8 headers encoded, the text and an optional calendar invitation in base64 parts.
struct MIMEMessage {
    let text: String

    init(_ message: MailMessage, from: String, fromName: String) {
        let boundary = "kijkje-\(message.id.uuidString.lowercased())"
        var headers = [
            "From: \(Self.encodedWord(fromName)) <\(from)>",
            "To: \(Self.encodedWord(message.toName)) <\(message.toAddress)>",
            "Subject: \(Self.encodedWord(message.subject))",
            "Message-ID: <\(message.id.uuidString.lowercased())@kijkje>",
            "Date: \(Self.rfc5322Date(Date()))",
            "MIME-Version: 1.0",
        ]
        let body: [String]
        if let calendar = message.calendar {
            headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            body = [
                "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                Self.base64Lines(message.body),
                "--\(boundary)", "Content-Type: text/calendar; charset=utf-8; method=REQUEST",
                "Content-Disposition: attachment; filename=\"invite.ics\"", "Content-Transfer-Encoding: base64", "",
                Self.base64Lines(calendar),
                "--\(boundary)--",
            ]
        } else {
            headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
            body = [Self.base64Lines(message.body)]
        }
        text = (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 for any header text that is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "\"" }) else { return text }
        return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
