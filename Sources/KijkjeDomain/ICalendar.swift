import Foundation

/// An RFC 5545 calendar invitation for one event, written by hand: CRLF lines, escaped text, folded at 75 octets.
public struct CalendarInvitation: Sendable, Equatable {
    public struct Attendee: Sendable, Equatable {
        public var name: String
        public var email: String

        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    public var uid: String
    public var start: Date
    public var end: Date
    public var summary: String
    public var location: String
    public var description: String
    public var organizer: Attendee
    public var attendees: [Attendee]
    public var stamp: Date
    /// Raised on every change of the event, so calendars replace the older copy.
    public var sequence: Int
    /// A cancellation (METHOD:CANCEL) rather than an invitation.
    public var cancelled: Bool

    public init(
        uid: String, start: Date, end: Date, summary: String, location: String, description: String,
        organizer: Attendee, attendees: [Attendee], stamp: Date, sequence: Int = 0, cancelled: Bool = false
    ) {
        self.sequence = sequence
        self.cancelled = cancelled
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.organizer = organizer
        self.attendees = attendees
        self.stamp = stamp
    }

    public var method: String { cancelled ? "CANCEL" : "REQUEST" }

    /// The invitation as a `text/calendar` document (METHOD:REQUEST, or CANCEL).
    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kijkje//Career week//NL", "CALSCALE:GREGORIAN", "METHOD:\(method)",
            "BEGIN:VEVENT",
            "UID:\(Self.escape(uid))",
            "SEQUENCE:\(sequence)",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART:\(Self.utc(start))",
            "DTEND:\(Self.utc(end))",
            "SUMMARY:\(Self.escape(summary))",
            "LOCATION:\(Self.escape(location))",
            "DESCRIPTION:\(Self.escape(description))",
            "ORGANIZER;CN=\(Self.parameter(organizer.name)):mailto:\(organizer.email)",
        ]
        for attendee in attendees {
            lines.append("ATTENDEE;CN=\(Self.parameter(attendee.name));ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:\(attendee.email)")
        }
        lines += ["STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")", "END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// TEXT values: backslash, semicolon, comma and newlines escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Parameter values are quoted, and may not hold quotes.
    static func parameter(_ text: String) -> String { "\"\(text.replacingOccurrences(of: "\"", with: "'"))\"" }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var result = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                result += "\r\n "
                length = 1
            }
            result.append(character)
            length += size
        }
        return result
    }
}

/// A person's week as a calendar to subscribe to (METHOD:PUBLISH): one event per session or shadow day, written
/// with the same escaping and folding as the invitations.
public struct CalendarFeed: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var location: String
        public var description: String

        public init(uid: String, start: Date, end: Date, summary: String, location: String, description: String) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.location = location
            self.description = description
        }
    }

    public var name: String
    public var events: [Event]
    public var stamp: Date

    public init(name: String, events: [Event], stamp: Date) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kijkje//Career week//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(CalendarInvitation.escape(name))",
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(CalendarInvitation.escape(event.uid))", "DTSTAMP:\(CalendarInvitation.utc(stamp))",
                "DTSTART:\(CalendarInvitation.utc(event.start))", "DTEND:\(CalendarInvitation.utc(event.end))",
                "SUMMARY:\(CalendarInvitation.escape(event.summary))", "LOCATION:\(CalendarInvitation.escape(event.location))",
                "DESCRIPTION:\(CalendarInvitation.escape(event.description))", "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(CalendarInvitation.fold).joined(separator: "\r\n") + "\r\n"
    }
}
