from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def business_day(ts: datetime, store_tz: tzinfo) -> date:
    """The store's business date of a UTC timestamp (the day follows the store's time zone)."""
    return ts.astimezone(store_tz).date()


def day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    """The aware UTC instants [start, end) of a local date in the store's time zone (23 or 25
    hours long on a daylight-saving change)."""
    zone = ZoneInfo(tz_name)
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(timezone.utc)
    return start, end
