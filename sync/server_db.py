"""The database engine of the in-process servers (the sandbox platform, the clearing house): one
place for how they use SQLite, so the two cannot drift apart.

SQLite: WAL, foreign keys, a 30 s busy timeout, and every transaction BEGIN IMMEDIATE, so that
request transactions serialize instead of failing (and a kill -9 mid-transaction leaves the last
committed state). PostgreSQL: as given, with pre-ping."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine


def make_server_engine(url: str, *, synchronous: Literal["NORMAL", "FULL"] = "NORMAL") -> Engine:
    """`synchronous`: FULL where a committed answer must survive a power cut (the clearing house's
    imports and reports); NORMAL (durable across a crash of the process) for the sandbox."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
