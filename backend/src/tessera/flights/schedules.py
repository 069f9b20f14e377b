"""Departure times: one given with offsets, or a weekly schedule in the origin airport's local time, resolved
date by date so that a 07:30 departure stays at 07:30 across a daylight-saving change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tessera.flights.errors import InvalidScheduleError
from tessera.flights.schemas import DeparturesCreate, Schedule

MAX_DEPARTURES = 366


@dataclass(frozen=True, slots=True)
class Slot:
    departs_at: datetime  # UTC
    arrives_at: datetime  # UTC


def aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidScheduleError(f"{field} must include a time zone offset, e.g. 2026-12-20T07:30:00+05:00")
    return moment.astimezone(UTC)


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` on the wall clocks of ``zone``, in UTC. A time the clocks skip (spring forward) does
    not exist and is refused; a time they pass twice (fall back) is the first of the two."""
    wall = datetime.combine(day, at, tzinfo=zone)
    instant = wall.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise InvalidScheduleError(
            f"{day.isoformat()} {at.strftime('%H:%M')} does not exist in {zone.key} (the clocks skip it)"
        )
    return instant


def _weekly(schedule: Schedule, zone: ZoneInfo) -> list[Slot]:
    if schedule.to < schedule.from_:
        raise InvalidScheduleError("The schedule's 'to' date is before its 'from' date")
    if (schedule.to - schedule.from_).days >= MAX_DEPARTURES:
        raise InvalidScheduleError(f"A schedule spans at most {MAX_DEPARTURES} days")
    hour, minute = map(int, schedule.departure_local_time.split(":"))
    at, weekdays = time(hour, minute), set(schedule.weekdays)
    duration = timedelta(minutes=schedule.duration_minutes)
    slots = []
    day = schedule.from_
    while day <= schedule.to:
        if day.isoweekday() in weekdays:
            departs_at = local_instant(day, at, zone)
            slots.append(Slot(departs_at, departs_at + duration))
        day += timedelta(days=1)
    return slots


def planned_slots(data: DeparturesCreate, origin_zone: str, now: datetime) -> list[Slot]:
    """The departures a request asks for, in time order; refused as a whole if any is wrong."""
    single = data.departs_at is not None or data.arrives_at is not None
    if single == (data.schedule is not None):
        raise InvalidScheduleError("Give departs_at and arrives_at, or a schedule, not both")
    if data.schedule is not None:
        slots = _weekly(data.schedule, ZoneInfo(origin_zone))
        if not slots:
            raise InvalidScheduleError("The schedule has no departure: no date in the range falls on its weekdays")
    else:
        if data.departs_at is None or data.arrives_at is None:
            raise InvalidScheduleError("A departure needs both departs_at and arrives_at")
        slots = [Slot(aware(data.departs_at, "departs_at"), aware(data.arrives_at, "arrives_at"))]
    for slot in slots:
        check_slot(slot, now)
    return slots


def check_slot(slot: Slot, now: datetime) -> None:
    if slot.departs_at <= now:
        raise InvalidScheduleError(f"The departure at {slot.departs_at.isoformat()} is in the past")
    if slot.arrives_at <= slot.departs_at:
        raise InvalidScheduleError("A flight must arrive after it departs")
    if slot.arrives_at - slot.departs_at > timedelta(hours=24):
        raise InvalidScheduleError("A flight lasts at most 24 hours")
