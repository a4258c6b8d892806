#!/usr/bin/env python3
"""Reads a maildir written by aiosmtpd's Mailbox handler and prints one JSON object per message:
to, subject, the text body, and for a calendar attachment the event parsed by the icalendar package."""
import json
import mailbox
import sys

from icalendar import Calendar

messages = []
for message in mailbox.Maildir(sys.argv[1], factory=None, create=False):
    entry = {"to": message["To"], "subject": str(message["Subject"]), "message_id": message["Message-ID"], "text": "", "html": "", "event": None,
             "list_unsubscribe": message["List-Unsubscribe"] or "", "list_unsubscribe_post": message["List-Unsubscribe-Post"] or ""}
    import email.header
    entry["subject"] = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    entry["to"] = str(email.header.make_header(email.header.decode_header(message["To"])))
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain":
            entry["text"] = part.get_payload(decode=True).decode("utf-8")
        elif kind == "text/html":
            entry["html"] = part.get_payload(decode=True).decode("utf-8")
        elif kind == "text/calendar":
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            event = next(iter(calendar.walk("VEVENT")))
            entry["event"] = {
                "method": str(calendar.get("METHOD")),
                "part_method": part.get_param("method") or "",
                "sequence": int(event.get("SEQUENCE", 0)),
                "status": str(event.get("STATUS")),
                "uid": str(event.get("UID")),
                "start": event.decoded("DTSTART").isoformat(),
                "end": event.decoded("DTEND").isoformat(),
                "summary": str(event.get("SUMMARY")),
                "location": str(event.get("LOCATION")),
                "attendees": sorted(str(a) for a in event.get("ATTENDEE", [])),
            }
    messages.append(entry)
print(json.dumps(messages))
