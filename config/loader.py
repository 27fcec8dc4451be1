"""Reads and validates settings files. Every error names the file, the key, the bad value and
what is allowed, so a technician can fix the file without reading code."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from config.schema import Settings

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
EXAMPLES_DIR = Path(__file__).with_name("examples")
# Real settings files are a few kilobytes; a bigger "settings file" is the wrong file (a log, a
# database, a disk image) and is refused before it is read into memory.
MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    key: str
    value: object
    allowed: str

    def render(self, file: str) -> str:
        shown = "(missing)" if self.value is _MISSING else repr(self.value)
        return f"{file}: {self.key} = {shown}: {self.allowed}"


_MISSING = object()


class SettingsError(Exception):
    def __init__(self, file: str, problems: list[Problem] | None = None, message: str | None = None) -> None:
        self.file = file
        self.problems = problems or []
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.message:
            return f"{self.file}: {self.message}"
        return "\n".join(p.render(self.file) for p in self.problems)


def _lookup(data: dict, path: list[str]) -> object:
    node: object = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return _MISSING
        node = node[part]
    return node


def _problems(exc: ValidationError, data: dict) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        path = [str(p) for p in err["loc"]]
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
            # model-level checks name their key first: "host: kind 'network' needs ..."
            head, sep, rest = msg.partition(": ")
            if sep and " " not in head:
                path = path + head.split(".")
                msg = rest
        if err["type"] == "extra_forbidden":
            parent = path[:-1]
            allowed = _allowed_keys(parent)
            msg = f"unknown key; allowed here: {', '.join(allowed)}" if allowed else "unknown key"
        value = _lookup(data, path)
        problems.append(Problem(".".join(path) or "(top level)", value, msg))
    return problems


def _allowed_keys(path: list[str]) -> list[str]:
    model = Settings
    for part in path:
        field = model.model_fields.get(part)
        if field is None or not isinstance(field.annotation, type):
            return []
        model = field.annotation
    return list(getattr(model, "model_fields", {}))


_TOO_DEEP = "is nested too deeply (brackets or braces inside each other hundreds of levels); a settings file " \
    "is a few flat [sections]: replace it with one of the examples"


def parse_toml(text: str, file: str) -> dict:
    """TOML text as a dict; SettingsError naming the file for anything the parser refuses,
    including nesting deep enough to exhaust Python's stack (RecursionError in tomllib)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(file, message=f"not valid TOML: {exc}") from None
    except RecursionError:
        raise SettingsError(file, message=_TOO_DEEP) from None


def parse(text: str, file: str = "<settings>") -> Settings:
    data = parse_toml(text, file)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        try:
            problems = _problems(exc, data)
            str(SettingsError(file, problems))  # rendering repr()s the bad values: deep ones recurse
        except RecursionError:
            raise SettingsError(file, message=_TOO_DEEP) from None
        raise SettingsError(file, problems) from None
    except RecursionError:
        raise SettingsError(file, message=_TOO_DEEP) from None


_KIND_OF_FILE = (
    (stat.S_ISDIR, "is a folder, not a settings file; name the file inside it"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file: reading it would wait forever; name a regular file"),
    (stat.S_ISSOCK, "is a socket, not a file; name a regular file"),
    (stat.S_ISCHR, "is a device, not a file; name a regular file"),
    (stat.S_ISBLK, "is a device, not a file; name a regular file"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, message in _KIND_OF_FILE:
        if test(mode):
            return message
    return "is not a regular file; name a regular file"


def _os_problem(exc: OSError, missing: str) -> str:
    if isinstance(exc, FileNotFoundError):
        return missing
    if isinstance(exc, PermissionError):
        return "cannot be read by this user; fix its permissions"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that leads back to itself (a loop); point the link at the real file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is longer than this system allows; use a shorter path"
    if exc.errno == errno.ENOTDIR:
        return "a part of this path is a file, not a folder; check the path"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a settings file; name the file inside it"
    return f"cannot be read ({os.strerror(exc.errno) if exc.errno else exc}); check the path"


def read_text_file(path: str | Path, *, missing: str, max_bytes: int = MAX_SETTINGS_BYTES) -> tuple[str, os.stat_result]:
    """The UTF-8 text of a small regular file and its stat, or SettingsError naming the file and
    what to do. Never blocks and never recurses: the kind of file is checked before it is opened
    (a FIFO would block open() and read() forever), it is opened non-blocking and checked again on
    the open descriptor (it may have been swapped in between), and at most `max_bytes` are read.
    `missing` is the message for a file that does not exist."""
    name = str(path)
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise SettingsError(name, message=_os_problem(exc, missing) if isinstance(exc, OSError)
                            else "the name holds a NUL character; check the path") from None
    problem = _not_regular(st.st_mode)
    if problem is None and st.st_size > max_bytes:
        problem = f"is {st.st_size} bytes; a settings file is at most {max_bytes} bytes: is this the right file?"
    if problem:
        raise SettingsError(name, message=problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SettingsError(name, message=_os_problem(exc, missing)) from None
    try:
        st = os.fstat(fd)
        problem = _not_regular(st.st_mode)
        if problem:
            raise SettingsError(name, message=problem)
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SettingsError(name, message=_os_problem(exc, missing)) from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise SettingsError(name, message=f"is more than {max_bytes} bytes; a settings file is at most that: "
                            "is this the right file?")
    try:
        return b"".join(chunks).decode("utf-8"), st
    except UnicodeDecodeError as exc:
        raise SettingsError(name, message=f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def load(path: str | Path) -> Settings:
    path = Path(path)
    text, _ = read_text_file(
        path, missing=f"no such file. Copy one of {EXAMPLES_DIR}/*.toml there, or run `pos-terminal demo`")
    return parse(text, str(path))


def defaults() -> Settings:
    return load(DEFAULTS_FILE)


def summary(settings: Settings) -> list[str]:
    """What a technician wants to see after `config check`: one line per device and service."""
    s = settings
    db = s.database.url or "embedded SQLite in the data folder"
    printer = s.printer.kind
    if s.printer.kind == "network":
        printer = f"network {s.printer.host}:{s.printer.port}"
    elif s.printer.kind == "usb":
        printer = f"usb {s.printer.usb_vendor_id}:{s.printer.usb_product_id}"
    elif s.printer.kind == "serial":
        printer = f"serial {s.printer.serial_port}"
    scanner = s.scanner.kind
    if s.scanner.kind == "serial":
        scanner = f"serial {s.scanner.serial.port} {s.scanner.serial.baud} {s.scanner.serial.data_bits}{s.scanner.serial.parity}{s.scanner.serial.stop_bits}"
    elif s.scanner.kind == "camera":
        scanner = f"camera {s.scanner.camera.source} ({s.scanner.camera.decoder})"
    elif s.scanner.kind == "evdev":
        scanner = f"evdev {s.scanner.evdev_device}"
    return [
        f"store      {s.terminal.store_id} ({s.terminal.store_name}), terminal {s.terminal.terminal_id}, "
        f"{s.terminal.currency}, {s.terminal.timezone}",
        f"database   {db}",
        f"platform   {s.platform.mode}" + (f" {s.platform.base_url}" if s.platform.base_url else ""),
        f"scanner    {scanner}",
        f"printer    {printer}, {s.printer.paper_width_mm} mm, Chinese as {s.printer.chinese}",
        f"drawer     {s.drawer.kind}" + (f" (pin {s.drawer.pin})" if s.drawer.kind == "printer" else ""),
        f"card       {s.card_terminal.kind}",
        f"language   {s.ui.language.value}",
    ]
