"""One running terminal per terminal id and database.

SQLite (one terminal's own file): an exclusive flock on ``<database>.lock``, released by the
kernel when the process dies, so a crash never leaves a stale lock. PostgreSQL (a store's shared
database): a session-level advisory lock keyed on the terminal id, held on a dedicated connection
for the life of the process, and likewise released when the process dies.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from sqlalchemy import Engine, text

from pos_terminal.domain.errors import StorageError
from pos_terminal.storage.engine import describe_url


class AlreadyRunning(StorageError):
    code = "already_running"


class InstanceLock:
    def __init__(self, engine: Engine, terminal_id: str) -> None:
        self.engine = engine
        self.terminal_id = terminal_id
        self._fd: int | None = None
        self._conn = None

    def acquire(self) -> None:
        if self.engine.dialect.name == "sqlite":
            self._acquire_file()
        else:
            self._acquire_advisory()

    def _acquire_file(self) -> None:
        database = self.engine.url.database
        if not database or database == ":memory:":
            return
        path = Path(database + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another pos-terminal (pid {holder}) is already running on {database}. "
                f"Close it first; two terminals must not share one SQLite file",
                holder=holder,
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        os.fsync(fd)
        self._fd = fd

    def _acquire_advisory(self) -> None:
        key = int.from_bytes(hashlib.sha256(f"pos-terminal:{self.terminal_id}".encode()).digest()[:8], "big", signed=True)
        conn = self.engine.connect()
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        conn.commit()
        if not got:
            conn.close()
            raise AlreadyRunning(
                f"terminal {self.terminal_id!r} is already running on {describe_url(str(self.engine.url))}. "
                f"Close it first, or give this terminal its own [terminal] terminal_id",
                holder=self.terminal_id,
            )
        self._conn = conn
        self._key = key

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._conn is not None:
            # The connection goes back to the pool, so unlock explicitly rather than rely on
            # the session ending.
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
