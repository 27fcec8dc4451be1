from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def business_day(ts: datetime, store_tz: tzinfo, day_change_hour: int = 0) -> date:
    """The store's calendar business date of a UTC timestamp: the day follows the store's time zone
    and changes at `day_change_hour` local time (0: midnight; 4: a sale at 02:00 counts to the day
    before). services.day_context adds the day close (Z) to this calendar rule."""
    return (ts.astimezone(store_tz) - timedelta(hours=day_change_hour)).date()


def day_bounds(day: date, tz_name: str, day_change_hour: int = 0) -> tuple[datetime, datetime]:
    """The aware UTC instants [start, end) of a business date in the store's time zone, from
    `day_change_hour` local time to the same hour the next day (23 or 25 hours long on a
    daylight-saving change)."""
    zone = ZoneInfo(tz_name)
    start = datetime.combine(day, time(day_change_hour), tzinfo=zone).astimezone(timezone.utc)
    end = datetime.combine(day + timedelta(days=1), time(day_change_hour), tzinfo=zone).astimezone(timezone.utc)
    return start, end
