"""What every command shares: exit codes, the error a person can fix, the settings and the
maintenance terminal. Imports nothing heavy at module level (`pos-terminal version` loads neither
Qt nor SQLAlchemy)."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


class CliError(Exception):
    """A problem the person at the keyboard can fix; printed without a traceback, exit 2."""


def _err(message: str) -> None:
    for line in message.splitlines() or [""]:
        print(f"pos-terminal: {line}", file=sys.stderr)


# ------------------------------------------------------------------------------ settings


def _load_settings(path: str | None):
    from config import loader

    if path is None:
        return loader.defaults(), None
    return loader.load(path), Path(path).resolve()


@contextmanager
def _maintenance_terminal(args):
    """A Terminal for a command-line chore beside a running one (no instance lock), closed after."""
    terminal = _build(args, demo=args.demo, take_lock=False)
    try:
        yield terminal
    finally:
        terminal.close()


def _settings(args, *, demo: bool):
    """(settings, settings_file) as a start with these arguments reads them; light (no container,
    no database): the window can show them before the terminal is built."""
    from config import loader
    from pos_terminal.app.paths import DATA_DIR_ENV, data_paths

    if getattr(args, "data_dir", None):
        os.environ[DATA_DIR_ENV] = str(Path(args.data_dir).resolve())
    settings, settings_file = _load_settings(getattr(args, "config", None))
    if demo and settings_file is None:
        # What the devices screen saved in demo mode lives beside the demo database.
        saved = data_paths(settings, demo=True).settings
        if os.path.lexists(saved):  # not exists(): a link loop there is refused, not skipped
            settings, settings_file = loader.load(saved), saved
    return settings, settings_file


def _build(args, *, demo: bool, take_lock: bool = True, loaded=None):
    """The terminal; `loaded` is what _settings(args, demo=demo) returned, when already read."""
    from pos_terminal.app.container import build_terminal

    settings, settings_file = loaded if loaded is not None else _settings(args, demo=demo)
    return build_terminal(settings, demo=demo, settings_file=settings_file, take_lock=take_lock)
