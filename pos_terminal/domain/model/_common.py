"""What the aggregates share: the aware-UTC check and the last-four-digits rule."""

from __future__ import annotations

import re
from datetime import datetime

LAST4 = re.compile(r"^\d{4}$")


def require_aware(ts: datetime, what: str) -> datetime:
    if ts.tzinfo is None or ts.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (UTC), got naive {ts!r}")
    return ts
