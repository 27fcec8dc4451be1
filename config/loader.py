"""Reads and validates settings files. Every error names the file, the key, the bad value and
what is allowed, so a technician can fix the file without reading code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from config.schema import Settings

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
EXAMPLES_DIR = Path(__file__).with_name("examples")


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


def parse(text: str, file: str = "<settings>") -> Settings:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(file, message=f"not valid TOML: {exc}") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(file, _problems(exc, data)) from None


def load(path: str | Path) -> Settings:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(
            str(path),
            message=f"no such file. Copy one of {EXAMPLES_DIR}/*.toml there, or run `pos-terminal demo`",
        ) from None
    except IsADirectoryError:
        raise SettingsError(str(path), message="is a folder, not a settings file") from None
    except PermissionError:
        raise SettingsError(str(path), message="cannot be read by this user; fix its permissions") from None
    except UnicodeDecodeError:
        raise SettingsError(str(path), message="is not UTF-8 text; save it as UTF-8") from None
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
