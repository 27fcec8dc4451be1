"""The sandbox platform's own secrets file: a small TOML file of `name = "value"` lines, readable
by its owner only (mode 0600), kept beside the sandbox's SQLite database (or named with
`credentials_file`). A secret that the file lacks is generated once (random, URL-safe) and
written back, so that a sandbox that keeps its database keeps its secrets too and nothing is a
published default. Never logged."""

from __future__ import annotations

import os
import secrets
import stat
import threading
import tomllib
from pathlib import Path

from pos_terminal.atomic import write_atomic

FILE_NAME = "sandbox-credentials.toml"


class CredentialsFileError(Exception):
    """The secrets file cannot be used; the message names the file and what to do."""


def new_secret() -> str:
    return secrets.token_urlsafe(12)


class SandboxCredentials:
    """The secrets of one sandbox. `path` None keeps them in memory only (a sandbox on
    PostgreSQL without a file): then each start makes new ones."""

    HEADER = "# The sandbox platform's secrets (made on first start; keep this file private)."

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._values: dict[str, str] = self._read() if path is not None else {}

    def _read(self) -> dict[str, str]:
        assert self.path is not None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return {}
        if not stat.S_ISREG(st.st_mode):
            raise CredentialsFileError(f"{self.path}: is not a regular file; remove it or name another file")
        if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise CredentialsFileError(f"{self.path}: holds the sandbox's secrets but is readable by others "
                                       f"(mode {stat.S_IMODE(st.st_mode):04o}); run: chmod 600 {self.path}")
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CredentialsFileError(f"{self.path}: is not a TOML file of name = \"secret\" lines ({exc}); "
                                       "fix it, or remove it to have new secrets made") from None
        return {k: v for k, v in data.items() if isinstance(v, str) and v}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def get_or_create(self, name: str, make=new_secret) -> str:
        """The secret `name`, made (by `make()`) and saved now when the file has none."""
        with self._lock:
            value = self._values.get(name)
            if value is None:
                value = self._values[name] = make()
                self._write()
            return value

    def _write(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [self.HEADER]
        for key in sorted(self._values):
            escaped = self._values[key].replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{escaped}"')
        write_atomic(self.path, "\n".join(lines) + "\n", mode=0o600)


def default_path(db_url: str | None, tmp_folder: Path | None) -> Path | None:
    """Where a sandbox keeps its secrets when no file is named: beside its SQLite file, in its
    temporary folder, or nowhere (PostgreSQL)."""
    if db_url is None:
        return tmp_folder / FILE_NAME if tmp_folder is not None else None
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url[len("sqlite:///"):]).expanduser().resolve().parent / FILE_NAME
    return None
