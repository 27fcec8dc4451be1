"""What every table module shares: the metadata with its naming convention, the aware-UTC
timestamp type, the enum column and the currency column."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, Enum, MetaData, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, on SQLite (which has no time zones) and PostgreSQL alike.
    A naive datetime is refused: it would be a guess about the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"refusing to store a naive datetime {value!r}: use UTC")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def bind_processor(self, dialect):
        """On SQLite, process_bind_param and SQLite's DATETIME format ("2026-03-01 09:30:00.000000")
        in one step, the same text at a fifth of the cost; the last value's text is kept, as the
        rows of one sale carry the same timestamp five times (datetimes are immutable, and the
        pair is swapped whole, so threads sharing it see a matching pair)."""
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        utc = timezone.utc
        last = (None, None)

        def process(value):
            nonlocal last
            if value is None:
                return None
            seen, text = last
            if value is seen:
                return text
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"refusing to store a naive datetime {value!r}: use UTC")
            text = (value if value.tzinfo is utc else value.astimezone(utc)).replace(tzinfo=None).isoformat(
                " ", "microseconds")
            last = (value, text)
            return text
        return process

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _enum(cls, name):
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [x.value for x in e],
                validate_strings=True)


convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=convention)
CURRENCY = String(3)
