"""Who a sandbox platform is (issue 16): its platform id, the "iss" claim of every voucher it
signs, kept in its own database (sb_platform_info) so that a database made for one platform is
never served as another's. `pos-terminal sandbox --platform-id ID` (default "demo-shop", the
terminal's default [platform] id) and the demo's second platform set it.

A sandbox of another id than "demo-shop" is seeded with its own merchants, orders and key
(sync.sandbox.seed_issuers); the terminals and their seeded credentials are the same, so one
counter talks to both with the secret it has.
"""

from __future__ import annotations

import re

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sync.sandbox import db

DEFAULT_PLATFORM_ID = "demo-shop"  # config.schema PlatformSettings.id's default
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class PlatformIdError(ValueError):
    """A platform id that is not one, or a database that belongs to another platform."""


def check_platform_id(platform_id: str) -> str:
    if not isinstance(platform_id, str) or not _ID.match(platform_id):
        raise PlatformIdError(f"platform id {platform_id!r}: use 1-64 letters, digits, '.', '_' or '-', starting with "
                              "a letter or digit (e.g. demo-shop)")
    return platform_id


def ensure_platform_id(conn: Connection, platform_id: str) -> str:
    """Records `platform_id` in a new database; refuses a database made for another platform."""
    check_platform_id(platform_id)
    stored = stored_platform_id(conn)
    if stored is None:
        seeded = conn.execute(select(db.merchants.c.id).limit(1)).first() is not None
        if seeded and platform_id != DEFAULT_PLATFORM_ID:
            # a database from before platform ids was the default platform's
            raise PlatformIdError(f"this sandbox database was made before platform ids and belongs to "
                                  f"{DEFAULT_PLATFORM_ID!r}, not {platform_id!r}: use another database (--db) for "
                                  f"{platform_id!r}")
        conn.execute(insert(db.platform_info).values(key="platform_id", value=platform_id))
        return platform_id
    if stored != platform_id:
        raise PlatformIdError(f"this sandbox database belongs to platform {stored!r}, not {platform_id!r}: start it "
                              f"with --platform-id {stored} or give {platform_id!r} a database of its own (--db)")
    return platform_id


def stored_platform_id(conn: Connection) -> str | None:
    return conn.execute(select(db.platform_info.c.value).where(db.platform_info.c.key == "platform_id")).scalar()


def platform_id(conn: Connection) -> str:
    """The id this sandbox signs its vouchers with ("iss")."""
    return stored_platform_id(conn) or DEFAULT_PLATFORM_ID
