"""pos_terminal.app.starting.StartingTerminal: the stand-in the window is built over while the
terminal is wired on its own thread (issue 14, the window first)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from config.schema import Settings, TerminalSettings
from pos_terminal.app.paths import DataPaths
from pos_terminal.app.starting import StartingTerminal
from pos_terminal.domain.errors import StorageError


class _Built:
    """What build_terminal would return, as far as these tests look."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.demo = False
        self.paths = DataPaths(Path("/nowhere/built"))
        self.devices = "the devices"

    def uow(self) -> str:
        return "a unit of work"


def _starting(build) -> StartingTerminal:
    early = Settings(terminal=TerminalSettings(store_name="Early Store"))
    return StartingTerminal(early, DataPaths(Path("/nowhere/early")), True, build)


def test_the_window_reads_settings_paths_and_demo_before_the_build_starts():
    calls = []
    starting = _starting(lambda: calls.append("built"))
    assert starting.settings.terminal.store_name == "Early Store"
    assert starting.paths.root == Path("/nowhere/early")
    assert starting.demo is True
    assert not starting.started and not starting.ready and calls == []


def test_everything_else_waits_for_the_build_then_is_the_terminals():
    release = threading.Event()
    built = _Built(Settings(terminal=TerminalSettings(store_name="Built Store")))

    def build():
        release.wait(10)
        return built

    starting = _starting(build).start()
    answers = []
    worker = threading.Thread(target=lambda: answers.append((starting.uow(), starting.devices)))
    worker.start()
    worker.join(0.2)
    assert worker.is_alive() and answers == []  # waiting, not answered with a guess
    release.set()
    worker.join(10)
    assert answers == [("a unit of work", "the devices")]
    # once built, even the early names are the terminal's (its settings can change at run time)
    assert starting.settings.terminal.store_name == "Built Store"
    assert starting.paths.root == Path("/nowhere/built")
    assert starting.demo is False
    assert starting.wait() is built


def test_an_attribute_set_goes_to_the_built_terminal():
    built = _Built(Settings())
    starting = _starting(lambda: built).start()
    starting.settings = Settings(terminal=TerminalSettings(store_name="Saved"))
    assert built.settings.terminal.store_name == "Saved"
    assert starting.settings.terminal.store_name == "Saved"


def test_a_failed_build_is_raised_to_every_caller():
    def build():
        raise StorageError("another pos-terminal (pid 1) is already running on x.sqlite3")

    starting = _starting(build).start()
    for _ in range(2):
        with pytest.raises(StorageError, match="already running"):
            starting.uow()
    with pytest.raises(StorageError):
        starting.wait()
    assert starting.ready


def test_waiting_starts_a_build_nobody_started_and_it_runs_once():
    count = []
    starting = _starting(lambda: count.append(1) or _Built(Settings()))
    assert starting.wait(10).devices == "the devices"
    starting.start()
    starting.wait(10)
    assert count == [1]


def test_wait_gives_up_after_its_timeout():
    release = threading.Event()
    starting = _starting(lambda: release.wait(10) and _Built(Settings())).start()
    try:
        with pytest.raises(TimeoutError):
            starting.wait(0.05)
    finally:
        release.set()
    assert starting.wait(10).devices == "the devices"
