"""The window first: a terminal that is still being wired (issue 14).

`pos-terminal demo`/`run` show the window before the database is opened. The command line hands
the window `App.of(StartingTerminal(...))`; once the window is on screen, `start()` builds the
real Terminal (the container's build_terminal: database, migrations, instance lock, devices,
platform client) on a thread of its own.

What the window reads on the GUI thread while that runs (the settings, the data paths, demo or
not) is answered at once from the values the command line already has; everything else (a
sign-in, the status bar's polls, opening the devices: all on workers) waits for the build and is
then the real terminal's, as is everything once it is built. A failed build raises its error to
each such caller. Imports nothing heavy: this module is imported before the window is shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from config.schema import Settings
    from pos_terminal.app.container import Terminal
    from pos_terminal.app.paths import DataPaths

log = logging.getLogger(__name__)


class StartingTerminal:
    """Stands in for the container's Terminal while it is built (see the module's text)."""

    def __init__(self, settings: Settings, paths: DataPaths, demo: bool, build: Callable[[], Terminal]) -> None:
        # its own names start with _starting_ so that none hides an attribute of the Terminal
        object.__setattr__(self, "_starting_early", {"settings": settings, "paths": paths, "demo": demo})
        object.__setattr__(self, "_starting_build", build)
        object.__setattr__(self, "_starting_done", threading.Event())
        object.__setattr__(self, "_starting_terminal", None)
        object.__setattr__(self, "_starting_error", None)
        object.__setattr__(self, "_starting_thread", None)
        object.__setattr__(self, "_starting_lock", threading.Lock())

    def start(self) -> StartingTerminal:
        """Builds the terminal on the thread "terminal-start" (once; later calls do nothing)."""
        with self._starting_lock:
            if self._starting_thread is None:
                thread = threading.Thread(target=self._starting_run, name="terminal-start", daemon=True)
                object.__setattr__(self, "_starting_thread", thread)
                thread.start()
        return self

    def _starting_run(self) -> None:
        try:
            terminal = self._starting_build()
        except BaseException as exc:  # handed to every caller of wait() and to the command line
            object.__setattr__(self, "_starting_error", exc)
        else:
            object.__setattr__(self, "_starting_terminal", terminal)
        finally:
            self._starting_done.set()

    @property
    def started(self) -> bool:
        return self._starting_thread is not None

    @property
    def ready(self) -> bool:
        """Built (or failed): wait() answers at once."""
        return self._starting_done.is_set()

    def wait(self, timeout: float | None = None) -> Terminal:
        """The built terminal; raises the build's error, or TimeoutError. Starts the build if
        nobody has (a caller that needs the terminal must not wait for nothing)."""
        if not self._starting_done.is_set():
            self.start()
            if threading.current_thread() is threading.main_thread() and not self._starting_done.is_set():
                log.warning("the main (GUI) thread waits for the terminal to be built")
            if not self._starting_done.wait(timeout):
                raise TimeoutError(f"the terminal was not built within {timeout} s")
        if self._starting_error is not None:
            raise self._starting_error
        return self._starting_terminal

    def __getattr__(self, name: str) -> Any:
        # only for names not found on this object: the Terminal's attributes
        terminal = self._starting_terminal
        if terminal is None:
            early = self._starting_early
            if name in early and not self._starting_done.is_set():
                return early[name]
            terminal = self.wait()
        return getattr(terminal, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.wait(), name, value)

    def __repr__(self) -> str:
        state = "built" if self._starting_terminal is not None else "failed" if self._starting_error else "starting"
        return f"<StartingTerminal {state}>"
