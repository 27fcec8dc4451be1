from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from pos_terminal.clock import SystemClock, business_day


def test_system_clock_is_aware_utc():
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset().total_seconds() == 0


def test_business_day_follows_the_store_time_zone():
    # 17:30 UTC on the 21st is 01:30 on the 22nd in Shanghai
    ts = datetime(2026, 11, 21, 17, 30, tzinfo=timezone.utc)
    assert business_day(ts, ZoneInfo("Asia/Shanghai")) == date(2026, 11, 22)
    assert business_day(ts, ZoneInfo("Europe/London")) == date(2026, 11, 21)
