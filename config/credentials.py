"""The credentials file: the terminal's platform secret and a database password, kept apart from
the settings and readable only by its owner (mode 0600). Never logged.

With further platforms at the counter ([[issuers]], issue 16) each has its own secret in the table
[issuer_secrets] by platform id (`"tea-house" = "..."`); `secret_for(issuer_id)` answers it, and
[platform]'s own is platform_secret as before."""

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
    issuer_secrets: dict[str, str] = field(default_factory=dict, repr=False)  # [[issuers]] id -> its secret
    clearing_house_secret: str | None = field(default=None, repr=False)  # the store's, at the clearing house

    def __repr__(self) -> str:  # never show a secret, even in a traceback
        return (
            f"Credentials(platform_secret={'set' if self.platform_secret else 'unset'}, "
            f"database_password={'set' if self.database_password else 'unset'}, "
            f"issuer_secrets={sorted(self.issuer_secrets) or 'none'}, "
            f"clearing_house_secret={'set' if self.clearing_house_secret else 'unset'})"
        )

    def secret_for(self, issuer_id: str | None) -> str | None:
        """The secret of that [[issuers]] platform (None: [platform], whose secret is platform_secret)."""
        if issuer_id is None:
            return self.platform_secret
        return self.issuer_secrets.get(issuer_id)


_ALLOWED = {"platform_secret", "database_password", "issuer_secrets", "clearing_house_secret"}


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
    secrets = data.pop("issuer_secrets", {})
    for key, value in data.items():
        if not isinstance(value, str) or not value:
            raise SettingsError(str(path), message=f"{key} must be a non-empty string")
    if not isinstance(secrets, dict):
        raise SettingsError(str(path), message='issuer_secrets must be a table: [issuer_secrets] "platform-id" = "secret"')
    for issuer_id, value in secrets.items():
        if not isinstance(value, str) or not value:
            raise SettingsError(str(path), message=f"issuer_secrets.{issuer_id} must be a non-empty string")
    return Credentials(**data, issuer_secrets=dict(secrets))


def write_credentials(path: Path, creds: Credentials) -> None:
    """Writes the file with mode 0600 from the start (no window where others could read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []

    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for key in sorted(_ALLOWED - {"issuer_secrets"}):
        value = getattr(creds, key)
        if value:
            lines.append(f"{key} = {quoted(value)}")
    if creds.issuer_secrets:
        lines.append("")
        lines.append("[issuer_secrets]")
        lines.extend(f"{quoted(k)} = {quoted(v)}" for k, v in sorted(creds.issuer_secrets.items()))
    write_atomic(path, "\n".join(lines) + "\n", mode=0o600)
