"""The credentials file: the terminal's platform secret and a database password, kept apart from
the settings and readable only by its owner (mode 0600). Never logged."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from config.loader import SettingsError, parse_toml, read_text_file
from pos_terminal.atomic import write_atomic


@dataclass(frozen=True)
class Credentials:
    platform_secret: str | None = field(default=None, repr=False)
    database_password: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # never show a secret, even in a traceback
        return (
            f"Credentials(platform_secret={'set' if self.platform_secret else 'unset'}, "
            f"database_password={'set' if self.database_password else 'unset'})"
        )


_ALLOWED = {"platform_secret", "database_password"}


def load_credentials(path: Path) -> Credentials:
    """Reads the file; a missing file means no credentials. Refuses a file that others can read."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return Credentials()
    except (OSError, ValueError):
        pass  # read_text_file names the problem (a link loop, a name too long, ...)
    # A FIFO, a device, a folder, a link loop or a huge file is refused before anything blocks.
    text, st = read_text_file(path, missing="has disappeared while being read; put the credentials file back",
                              max_bytes=64 * 1024)
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SettingsError(
            str(path),
            message=f"holds secrets but is readable by others (mode {stat.S_IMODE(st.st_mode):04o}); "
            f"run: chmod 600 {path}",
        )
    if st.st_uid != os.getuid():
        raise SettingsError(str(path), message="holds secrets but belongs to another user; chown it to this user")
    data = parse_toml(text, str(path))
    unknown = set(data) - _ALLOWED
    if unknown:
        raise SettingsError(
            str(path), message=f"unknown keys {sorted(unknown)}; allowed: {', '.join(sorted(_ALLOWED))}"
        )
    for key, value in data.items():
        if not isinstance(value, str) or not value:
            raise SettingsError(str(path), message=f"{key} must be a non-empty string")
    return Credentials(**data)


def write_credentials(path: Path, creds: Credentials) -> None:
    """Writes the file with mode 0600 from the start (no window where others could read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for key in sorted(_ALLOWED):
        value = getattr(creds, key)
        if value:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{escaped}"')
    write_atomic(path, "\n".join(lines) + "\n", mode=0o600)
