"""Shared fixtures. Storage tests run against SQLite and a throwaway PostgreSQL (see
tests/postgres.py); the `terminal` fixture wires a real Terminal on a temporary data folder.

Moved clock: with POS_TEST_NOW set (an ISO 8601 time with its offset, e.g.
2027-12-31T23:59:59+08:00) the whole session runs with the wall clock moved there and ticking
(time-machine: datetime.now, time.time, date.today; not time.monotonic). Python processes the
tests start follow by the same offset (tests/moved_clock/sitecustomize.py); other programs do not.
`make test` runs the tests marked `clock_sensitive` that way at several awkward instants: a test
that is green today but red on another date or at midnight in the store's zone is a date bug."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from config.schema import Settings
from pos_terminal.app.container import DATA_DIR_ENV, build_terminal
from pos_terminal.app.facades import App
from pos_terminal.security import ScryptPinHasher

# Same KDF and code path as production, with a cost that keeps the suite quick.
FAST_HASHER = ScryptPinHasher(n=2**10, r=8, p=1)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(path))
    return path


@pytest.fixture
def terminal_factory(data_dir):
    """Builds Terminals on the temporary data folder; closes them all at the end."""
    made = []

    def make(settings: Settings | None = None, *, demo: bool = True, **kw):
        kw.setdefault("hasher", FAST_HASHER)
        kw.setdefault("configure_logs", False)
        terminal = build_terminal(settings or Settings(), demo=demo, **kw)
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.close()


@pytest.fixture
def terminal(terminal_factory):
    """A demo Terminal (SQLite, simulated devices, demo users 1001/1357 cashier, 8001/8642
    manager, 9001/9753 technician)."""
    return terminal_factory()


@pytest.fixture
def app(terminal):
    """The use-case facades of the `terminal` fixture (what the window gets: tests/ui/conftest.py)."""
    return App.of(terminal)


TEST_NOW_ENV = "POS_TEST_NOW"


def moved_now() -> datetime | None:
    """The instant POS_TEST_NOW asks the session to start at (None: the real clock)."""
    text = os.environ.get(TEST_NOW_ENV, "").strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(f"{TEST_NOW_ENV}={text!r} is not an ISO 8601 time: write e.g. "
                                "2027-12-31T23:59:59+08:00") from None
    if when.tzinfo is None:
        raise pytest.UsageError(f"{TEST_NOW_ENV}={text!r} has no offset: add one, e.g. +08:00 or Z")
    return when


MOVED_CLOCK_SITE = Path(__file__).resolve().parent / "moved_clock"  # its sitecustomize moves child processes


def _travel_to(config, when: datetime) -> None:
    import time_machine

    previous = getattr(config, "_pos_clock_travel", None)
    if previous is not None:
        previous.stop()
    offset = when - datetime.now(timezone.utc)  # the real clock: no travel runs here
    os.environ["POS_TEST_CLOCK_OFFSET_S"] = repr(offset.total_seconds())
    config._pos_clock_travel = time_machine.travel(when, tick=True)
    config._pos_clock_travel.start()


def pytest_configure(config):
    when = moved_now()
    if when is not None:  # before collection, so that module-level dates are computed in the moved time
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(MOVED_CLOCK_SITE), os.environ.get("PYTHONPATH")) if p)
        _travel_to(config, when)


def pytest_collection_finish(session):
    when = moved_now()
    if when is not None:  # again: the first test starts at the very instant asked, not seconds of collection later
        _travel_to(session.config, when)


def pytest_unconfigure(config):
    travel = getattr(config, "_pos_clock_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    when = moved_now()
    moved = f"; clock moved to {when.isoformat()} ({TEST_NOW_ENV})" if when is not None else ""
    return f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}{moved}"


# ----------------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def pg_server():
    """The throwaway PostgreSQL for this test session. A machine without PostgreSQL fails the
    tests that need it, loudly: `make test` installs the server."""
    from tests.postgres import ThrowawayPostgres

    server = ThrowawayPostgres()
    server.start()
    yield server
    server.stop()


_db_counter = iter(range(1, 1_000_000))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    import sqlalchemy as sa

    server = request.getfixturevalue("pg_server")
    name = f"t{os.getpid()}_{next(_db_counter)}"
    admin = sa.create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield server.url(name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def engine(db_url):
    """An engine on a fresh database migrated to head, domain classes mapped."""
    from pos_terminal.storage import migrate, orm
    from pos_terminal.storage.engine import make_engine

    orm.start_mappers()
    eng = make_engine(db_url)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def uow_factory(engine):
    from pos_terminal.storage.uow import SqlAlchemyUnitOfWork, session_factory

    sessions = session_factory(engine)
    return lambda: SqlAlchemyUnitOfWork(sessions)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The sandbox platform as a real HTTP server on loopback, one per test module (SQLite), on
    the system clock (moved with the session under POS_TEST_NOW): tests take "now" from
    `server.clock`, never from a literal date."""
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import SandboxServer

    db = tmp_path_factory.mktemp("sandbox") / "platform.sqlite3"
    with SandboxServer(db_url=f"sqlite:///{db}", clock=SystemClock()) as s:
        yield s


@pytest.fixture
def client(server):
    """The terminal's platform client, signed in as the sandbox's demo terminal T01."""
    from tests.platform_helpers import client_for

    c = client_for(server.url)
    yield c
    c.close()
