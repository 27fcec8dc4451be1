"""Where a terminal keeps its files: the data folder and the paths in it. Imports nothing heavy
(no SQLAlchemy, no Qt), so the command line can name the folder (preferences, screenshots)
before the container is imported and the database opened."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from config.schema import Settings

DATA_DIR_ENV = "POS_TERMINAL_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "pos-terminal.sqlite3"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def credentials(self) -> Path:
        return self.root / "credentials.toml"

    @property
    def preferences(self) -> Path:
        return self.root / "preferences.json"

    @property
    def settings(self) -> Path:
        """Where the devices screen saves settings when the terminal runs without a file (demo)."""
        return self.root / "settings.toml"

    @property
    def screenshots(self) -> Path:
        return self.root / "screenshots"

    @property
    def keys(self) -> Path:
        """The cached voucher public keys (a JWK set)."""
        return self.root / "keys.json"

    @property
    def refund_photos(self) -> Path:
        """Photos of defects, kept (named by their sha256) until the platform has them."""
        return self.root / "refund-photos"

    @property
    def sandbox_database(self) -> Path:
        """The in-process sandbox platform's data (demo): orders and payments persist across restarts."""
        return self.root / "sandbox-platform.sqlite3"


def data_paths(settings: Settings, demo: bool) -> DataPaths:
    base = os.environ.get(DATA_DIR_ENV) or settings.data.dir or platformdirs.user_data_dir("pos-terminal", appauthor=False)
    root = Path(base).expanduser()
    return DataPaths(root / "demo" if demo else root)
