import Foundation
@testable import Mailing
import Testing

@Suite("Mail dates")
struct MailDateTests {
    @Test("a message's Date header reads as RFC 5322 writes it, in UTC, for any moment")
    func rfc5322() {
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 1_795_510_805)) == "Tue, 24 Nov 2026 09:00:05 +0000")
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 0.9)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var lottery = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &lottery)))
            #expect(MIMEMessage.rfc5322Date(date) == formatter.string(from: date))
        }
    }
}
