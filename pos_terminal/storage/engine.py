"""Engines for the embedded SQLite default and for a shared PostgreSQL, with the settings that make
an acknowledged sale survive kill -9 and power loss, and errors that say what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from pos_terminal.domain.errors import StorageError
from pos_terminal.storage.prepared import SQLITE_BEGIN, run_on_driver


class StorageUnavailable(StorageError):
    code = "storage_unavailable"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def make_engine(url: str, *, busy_timeout_ms: int = 5000, password: str | None = None, echo: bool = False) -> Engine:
    """Builds the engine. Nothing connects here; call `check_connection` on a worker or at start."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageUnavailable(
            f"database URL {url!r} is not a URL; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        ) from None
    if password is not None and parsed.get_backend_name() != "sqlite":
        parsed = parsed.set(password=password)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(parsed, busy_timeout_ms, echo)
        if backend == "postgresql":
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            return create_engine(
                parsed,
                echo=echo,
                pool_pre_ping=True,
                pool_size=5,
                max_overflow=5,
                connect_args={"connect_timeout": max(1, busy_timeout_ms // 1000), "application_name": "pos-terminal"},
            )
    except (NoSuchModuleError, ImportError) as exc:
        raise StorageUnavailable(f"database driver for {describe_url(url)} is not installed: {exc}") from None
    raise StorageUnavailable(
        f"database {describe_url(url)} is not supported; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
    )


def _sqlite_engine(parsed, busy_timeout_ms: int, echo: bool) -> Engine:
    database = parsed.database
    if database and database != ":memory:":
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StorageUnavailable(
                f"the folder {folder} of the SQLite database does not exist; create it or change [database] url"
            )
    engine = create_engine(parsed, echo=echo, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own handling defers it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Take the write lock at the start: a read-then-write transaction can then never fail
        # half-way with SQLITE_BUSY, which busy_timeout cannot retry once a snapshot is held.
        # On the driver's cursor (events and error translation kept): every unit of work pays it.
        # Already begun: a unit of work's driver connection (prepared.DriverConnection) began it
        # and an ORM Session joins it now.
        if not conn.connection.dbapi_connection.in_transaction:
            run_on_driver(conn, SQLITE_BEGIN)

    return engine


def check_connection(engine: Engine) -> None:
    """Connects once; raises StorageUnavailable with the cause and what to do."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        raise explain_db_error(exc, engine) from None


def explain_db_error(exc: Exception, engine: Engine | None = None) -> StorageError:
    """Turns a driver error into a StorageError whose message names the cause and what to do."""
    where = describe_url(str(engine.url)) if engine is not None else "the database"
    orig = getattr(exc, "orig", exc)
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = text.lower()
    if "disk is full" in low or "no space left" in low or getattr(orig, "errno", None) == errno.ENOSPC:
        return StorageError(
            f"the disk holding {where} is full; nothing was saved. Free space on it and try again",
            cause="disk_full",
        )
    if "readonly" in low or "read-only" in low or "attempt to write a readonly database" in low:
        return StorageError(
            f"{where} is read-only; nothing was saved. Make the data folder writable for this user",
            cause="read_only",
        )
    if "unable to open database file" in low:
        return StorageUnavailable(
            f"cannot open {where}: the file or its folder is missing or not writable. Check [database] url "
            f"and the folder's permissions",
            cause="cannot_open",
        )
    if "database is locked" in low:
        return StorageError(
            f"{where} stayed locked by another program past the busy timeout; nothing was saved. Try again, "
            f"and close any other program that holds the database",
            cause="locked",
        )
    if isinstance(exc, OperationalError) and engine is not None and engine.dialect.name == "postgresql":
        return StorageUnavailable(
            f"cannot reach {where}: {text}. Check that the server runs and that [database] url is right",
            cause="unreachable",
        )
    return StorageError(f"{where}: {text}", cause="other")


def ensure_writable_folder(folder: Path) -> None:
    """Checks that the data folder exists (creating it) and takes a write, by writing and
    fsyncing a small probe file. Raises StorageUnavailable naming the folder and the fix."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-probe-{os.getpid()}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            why = "is on a full disk; free some space"
        elif exc.errno in (errno.EROFS,):
            why = "is on a read-only file system; choose another [data] dir"
        elif exc.errno in (errno.EACCES, errno.EPERM):
            why = "is not writable by this user; fix its permissions or choose another [data] dir"
        else:
            why = f"cannot be written ({exc.strerror}); check the disk"
        raise StorageUnavailable(f"the data folder {folder} {why}", cause="data_folder") from None
