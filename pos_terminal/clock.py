from __future__ import annotations

from datetime import datetime, timezone, tzinfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def business_day(ts: datetime, store_tz: tzinfo):
    """The store's business date of a UTC timestamp (the day follows the store's time zone)."""
    return ts.astimezone(store_tz).date()
