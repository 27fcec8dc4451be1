"""The clearing house's secrets file: `secret_<member id> = "..."` lines (TOML, mode 0600) beside
its SQLite database, or a file named with --credentials. Each member (a store or a platform) has
one secret; the database keeps only its SHA-256. A member seeded without a secret in the file gets
one made at random and written back: nothing is a published default. Never logged."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from sync.sandbox.credentials import CredentialsFileError, SandboxCredentials

FILE_NAME = "clearing-house-credentials.toml"

__all__ = ["FILE_NAME", "ClearingCredentials", "CredentialsFileError", "default_path", "secret_name", "sha256_hex",
           "secret_matches"]


def secret_name(member_id: str) -> str:
    return f"secret_{member_id}"


def sha256_hex(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str, stored_sha256: str) -> bool:
    return hmac.compare_digest(sha256_hex(secret), stored_sha256)


class ClearingCredentials(SandboxCredentials):
    """The same file discipline as the sandbox platform's (owner-only, atomic writes), its own file."""

    HEADER = "# The clearing house's member secrets (made when a member is added; keep this file private)."


def default_path(db_url: str) -> Path | None:
    """Beside a SQLite file; None for PostgreSQL or an in-memory database (name a file then)."""
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url[len("sqlite:///"):]).expanduser().resolve().parent / FILE_NAME
    return None
