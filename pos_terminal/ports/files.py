"""File-like ports: what the core keeps on the terminal's disk, without touching files itself
(pos_terminal.storage.files has the filesystem adapters; tests/fakes.py in-memory fakes).
Every write is atomic: a crash leaves the old content or the new, never half of one."""

from __future__ import annotations

from typing import Protocol


class FileUnreadable(Exception):
    """A kept file exists but cannot be used (not a regular file, too big, not readable).
    `message` names the file and the cause."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PhotoStore(Protocol):
    """Photos of a refund's defect, kept until the platform has them. A photo is named by its
    sha256 (content-addressed: the same photo taken twice is kept once)."""

    def write(self, sha256: str, content_type: str, data: bytes) -> str:
        """Keeps `data` (atomically; a photo already kept whole is not written again) and returns
        its name, recorded on the refund case."""
        ...

    def read(self, name: str) -> bytes:
        """The photo's bytes; FileNotFoundError when it is not kept (any more)."""
        ...

    def delete(self, name: str) -> None:
        """Lets the photo go; a photo not kept is no error."""
        ...


class KeyCache(Protocol):
    """The voucher public-key cache (a JWK set as JSON text), read at start and replaced whole
    after every refresh from the platform."""

    @property
    def location(self) -> str:
        """Where the cache is, for messages (a file path)."""
        ...

    def read(self) -> str | None:
        """The cached text; None when nothing is cached yet. FileUnreadable when the cache is
        there but unusable."""
        ...

    def write(self, text: str) -> None:
        """Replaces the cached text atomically."""
        ...
