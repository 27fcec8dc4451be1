"""Saves one section of a settings file (the devices screen saves [scanner]).

The file keeps its comments and layout (tomlkit), the new whole is validated before anything is
written, and the write is atomic: a copy beside it, fsync, rename, the previous version kept as
FILE.bak. A power cut leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit

from config.loader import SettingsError, parse
from config.schema import Settings
from pos_terminal.atomic import write_atomic


def save_section(path: str | Path, section: str, values: dict) -> Settings:
    """Replaces `[section]` (nested tables included) in the settings file at `path` with `values`
    and returns the validated settings. Creates the file when it does not exist. Raises
    SettingsError (nothing written) when the result would not be valid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(str(path), message=f"cannot be read to update it: {exc}") from None
    try:
        document = tomlkit.parse(text)
    except Exception as exc:
        raise SettingsError(str(path), message=f"not valid TOML, so it was not changed: {exc}") from None
    document[section] = _table(values)
    new_text = tomlkit.dumps(document)
    settings = parse(new_text, str(path))
    _atomic_write(path, new_text)
    return settings


def _table(values: dict):
    table = tomlkit.table()
    nested = {}
    for key, value in values.items():
        if isinstance(value, dict):
            nested[key] = value
        elif value is not None:
            table.add(key, value)
    for key, value in nested.items():
        table.add(key, _table(value))
    return table


def _atomic_write(path: Path, text: str) -> None:
    try:
        # a new settings file is the technician's alone (0600); an existing one keeps its mode
        write_atomic(path, text, mode=0o600, keep_mode=True, backup=True, sync_dir=True)
    except OSError as exc:
        raise SettingsError(str(path), message=f"could not be saved: {exc.strerror or exc}") from None
