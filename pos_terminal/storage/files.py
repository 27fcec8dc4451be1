"""Filesystem adapters of the file-like ports (pos_terminal.ports.files): the refund photos and
the voucher key cache in the terminal's data folder. Every write goes through
pos_terminal.atomic.write_atomic. Blocking file I/O: call from a worker."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pos_terminal.atomic import write_atomic
from pos_terminal.ports.files import FileUnreadable

MAX_KEYS_FILE = 1024 * 1024  # the cached key set: a few hundred bytes a key


class FilePhotoStore:
    """Refund photos as `<sha256>.jpg` (JPEG) or `<sha256>.img` (anything else) in one folder."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def write(self, sha256: str, content_type: str, data: bytes) -> str:
        name = f"{sha256}.jpg" if content_type == "image/jpeg" else f"{sha256}.img"
        path = self._path(name)
        if path.exists() and path.stat().st_size == len(data):
            return name  # content-addressed: the same photo is kept whole already
        write_atomic(path, data)
        return name

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def _path(self, name: str) -> Path:
        if not name or Path(name).name != name or name.startswith("."):
            raise ValueError(f"{name!r} is not a photo name")
        return self.folder / name


class FileKeyCache:
    """The voucher key set as a small UTF-8 JSON file (keys.json)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @property
    def location(self) -> str:
        return str(self.path)

    def read(self) -> str | None:
        """Anything that is not a small regular UTF-8 file (a FIFO would block the first scan
        forever, a folder, a device, a link loop) is FileUnreadable, never a hang."""
        path = self.path
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise FileUnreadable(f"{path}: cannot be read ({exc.strerror})") from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise FileUnreadable(f"{path}: is not a regular file")
            data = b""
            while len(data) <= MAX_KEYS_FILE:
                chunk = os.read(fd, MAX_KEYS_FILE + 1 - len(data))
                if not chunk:
                    break
                data += chunk
        except OSError as exc:
            raise FileUnreadable(f"{path}: cannot be read ({exc.strerror})") from None
        finally:
            os.close(fd)
        if len(data) > MAX_KEYS_FILE:
            raise FileUnreadable(f"{path}: more than {MAX_KEYS_FILE} bytes: not a key set")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise FileUnreadable(f"{path}: not UTF-8 text") from None

    def write(self, text: str) -> None:
        write_atomic(self.path, text)
