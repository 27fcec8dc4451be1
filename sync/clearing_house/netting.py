"""Netting per business day across stores and platforms.

Each store's position for a day is ONE amount: the sum of its statements' net_minor over the
platforms it settles through the clearing house (+: the store pays the clearing house; -: the
clearing house pays the store). Each platform's position is what it receives from which stores
(the same statements seen from the other side; +: the platform receives). Since every statement is
a debt of one store to one platform, the stores' positions and the platforms' positions of a day
sum to the same figure: the clearing house itself ends each day flat."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.engine import Connection

from sync.clearing_house.db import statements


@dataclass
class DayPositions:
    business_date: date
    stores: dict[str, int] = field(default_factory=dict)  # store_id -> net (+: pays)
    platforms: dict[str, dict[str, int]] = field(default_factory=dict)  # platform_id -> store_id -> net
    count: int = 0  # statements netted

    def platform_total(self, platform_id: str) -> int:
        return sum(self.platforms.get(platform_id, {}).values())

    @property
    def balanced(self) -> bool:
        """The clearing house ends the day flat: what stores pay in equals what platforms receive."""
        return sum(self.stores.values()) == sum(sum(v.values()) for v in self.platforms.values())


def day_positions(conn: Connection, business_date: date) -> DayPositions:
    """The day's positions from the statements received, one GROUP BY in the database."""
    return net_days(conn, business_date, business_date).get(business_date, DayPositions(business_date))


def net_days(conn: Connection, first: date, last: date) -> dict[date, DayPositions]:
    """Positions of every day from `first` to `last` (inclusive) that has statements."""
    t = statements
    # the day as the driver gives it (SQLite: text, parsed once per distinct day below, not per row)
    raw_day = type_coerce(t.c.business_date, String)
    rows = conn.execute(
        select(raw_day, t.c.store_id, t.c.platform_id, func.sum(t.c.net_minor), func.count())
        .where(t.c.business_date >= first, t.c.business_date <= last)
        .group_by(t.c.business_date, t.c.store_id, t.c.platform_id)).all()
    out: dict[date, DayPositions] = {}
    by_raw: dict[object, DayPositions] = {}
    for raw, store, platform, net, count in rows:
        pos = by_raw.get(raw)
        if pos is None:
            day = raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
            pos = out.get(day)
            if pos is None:
                pos = out[day] = DayPositions(day)
            by_raw[raw] = pos
        net = int(net)
        pos.stores[store] = pos.stores.get(store, 0) + net
        per = pos.platforms.setdefault(platform, {})
        per[store] = per.get(store, 0) + net
        pos.count += int(count)
    return out
