"""Files attached to e-mails: ticket QR codes and the session as a calendar event."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import segno
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def qr_png(payload: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def session_ics(
    *, uid: str, title: str, starts_at: datetime, ends_at: datetime, location: str | None, description: str, url: str
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Tessera//Tickets//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = CalendarEvent()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("dtstamp", datetime.now(UTC))
    if location:
        event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
