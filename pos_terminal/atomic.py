"""The one atomic file write of the repository: a temporary file in the same folder, written and
fsynced, then renamed over the target (os.replace), so a crash or a power cut leaves the old file
or the new one, never half of one. Every layer that keeps a file uses it (storage.files, sync,
drivers, receipts, config, ui).

The temporary file is `.NAME.RANDOM.tmp` beside the target: unique (two writers never share
one), hidden, and never matched by a `*.json`/`*.eml`/`job-*.txt` listing of the folder."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, mode: int | None = None,
                 keep_mode: bool = False, backup: bool = False, sync_dir: bool = False) -> Path:
    """Replaces `path` with `data` (str is written as UTF-8) and returns the path.

    mode: the new file's permissions from its creation on (0o600 for secrets: no moment where
        others could read it); default 0o666 less the umask, as open() would.
    keep_mode: an existing file keeps its permissions.
    backup: an existing file is copied to NAME.bak first.
    sync_dir: the folder is fsynced after the rename too (the rename itself survives a power cut).
    Raises OSError; the temporary file is removed on any failure."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            if backup:
                shutil.copy2(target, target.with_name(target.name + ".bak"))
            if keep_mode:
                os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return target
