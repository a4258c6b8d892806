#!/usr/bin/env python3
"""Parses an iCalendar feed (a file) with the icalendar package and prints its events as one JSON list:
uid, summary, location, start and end (ISO 8601)."""
import json
import sys

from icalendar import Calendar

with open(sys.argv[1], "rb") as feed:
    calendar = Calendar.from_ical(feed.read())
events = [{"uid": str(e.get("UID")), "summary": str(e.get("SUMMARY")), "location": str(e.get("LOCATION")),
           "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat()} for e in calendar.walk("VEVENT")]
print(json.dumps({"method": str(calendar.get("METHOD")), "events": events}))
