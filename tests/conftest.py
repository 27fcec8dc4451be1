"""Shared fixtures. Storage tests run against SQLite and a throwaway PostgreSQL (see
tests/postgres.py); the `terminal` fixture wires a real Terminal on a temporary data folder."""

from __future__ import annotations

import os

import pytest

from config.schema import Settings
from pos_terminal.bootstrap import DATA_DIR_ENV, build_terminal
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


def pytest_report_header(config):
    return f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}"
