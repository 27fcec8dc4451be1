"""Scan sources named by one string, for `pos-terminal scan --source SPEC` and technicians' tests.

    file:PATH                         an image: every code in it, once
    video:PATH                        a video file played as a camera, until it ends
    camera:INDEX_OR_PATH              a webcam (0, /dev/video0)
    serial:PORT?baud=9600&suffix=CR   a serial scanner; any [scanner.serial] key as a parameter
    evdev:PATH_OR_NAME                a keyboard-wedge scanner grabbed through Linux evdev
    wedge                             standard input read as a keyboard wedge would type it

camera: and video: take [scanner.camera] keys as parameters (camera:0?decoder=zxing), evdev:
takes layout and terminator, wedge takes terminator and min_length. A bad SPEC raises SpecError
naming the part that is wrong and what is allowed.
"""

from __future__ import annotations

import sys
import typing
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from pydantic import ValidationError

from config.schema import CameraSettings, SerialScannerSettings, Settings, WedgeSettings
from drivers.factory import scanner_from_settings

KINDS = ("file", "video", "camera", "serial", "evdev", "wedge")
USAGE = (
    "file:PATH, video:PATH, camera:INDEX_OR_PATH, serial:PORT?baud=9600&parity=N&suffix=CR, "
    "evdev:PATH_OR_NAME or wedge"
)


class SpecError(ValueError):
    """A source spec that cannot be used; the message says what is wrong and what is allowed."""


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    target: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.kind if self.kind == "wedge" else f"{self.kind}:{self.target}"


def parse_spec(spec: str) -> SourceSpec:
    spec = spec.strip()
    if not spec:
        raise SpecError(f"empty source; use one of {USAGE}")
    if spec == "wedge" or spec.startswith("wedge?"):
        _, _, query = spec.partition("?")
        return SourceSpec("wedge", "stdin", _query(spec, query))
    kind, sep, rest = spec.partition(":")
    if not sep or kind not in KINDS:
        raise SpecError(f"'{spec}': unknown source kind '{kind}'; use one of {USAGE}")
    target, _, query = rest.partition("?")
    if not target:
        raise SpecError(f"'{spec}': {kind}: needs a target after the colon; use one of {USAGE}")
    return SourceSpec(kind, target, _query(spec, query))


def _query(spec: str, query: str) -> dict[str, str]:
    if not query:
        return {}
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise SpecError(f"'{spec}': parameters must look like key=value&key=value") from None
    params: dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            raise SpecError(f"'{spec}': parameter '{key}' is given twice")
        params[key] = value
    return params


def _coerce(model, params: dict[str, str]) -> dict:
    """Query strings are text; a Literal of numbers (baud=9600) or a flag (aim_ids=true) is matched
    by its spelling, so the schema's own error is shown for a value that fits no choice."""
    out: dict = {}
    for key, text in params.items():
        field = model.model_fields.get(key)
        value: object = text
        if field is not None:
            if typing.get_origin(field.annotation) is typing.Literal:
                value = next((c for c in typing.get_args(field.annotation) if str(c) == text), text)
            elif field.annotation is bool:
                value = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(text.lower(), text)
        out[key] = value
    return out


def _section(spec: SourceSpec, model, values: dict):
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"]) or "(parameters)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown parameter; allowed: " + ", ".join(k for k in model.model_fields if k not in ("port", "source"))
            problems.append(f"{key}={values.get(key, '')!r}: {msg}")
        raise SpecError(f"'{spec.label}': " + "; ".join(problems)) from None


def serial_settings(spec: SourceSpec, base: SerialScannerSettings) -> SerialScannerSettings:
    return _section(spec, SerialScannerSettings, {**base.model_dump(), **_coerce(SerialScannerSettings, spec.params), "port": spec.target})


def camera_settings(spec: SourceSpec, base: CameraSettings) -> CameraSettings:
    return _section(spec, CameraSettings, {**base.model_dump(), **_coerce(CameraSettings, spec.params), "source": spec.target})


def wedge_settings(spec: SourceSpec, base: WedgeSettings) -> WedgeSettings:
    return _section(spec, WedgeSettings, {**base.model_dump(), **_coerce(WedgeSettings, spec.params)})


def build_scanner(spec: SourceSpec, settings: Settings, *, stdin=None):
    """A scanner for a streaming spec (not file:). Opening it is the caller's job, on a worker."""
    scanner = settings.scanner
    if spec.kind == "serial":
        return scanner_from_settings(scanner.model_copy(update={"kind": "serial", "serial": serial_settings(spec, scanner.serial)}))
    if spec.kind in ("camera", "video"):
        return scanner_from_settings(scanner.model_copy(update={"kind": "camera", "camera": camera_settings(spec, scanner.camera)}))
    if spec.kind == "evdev":
        wedge = wedge_settings(spec, scanner.wedge)
        return scanner_from_settings(scanner.model_copy(update={"kind": "evdev", "evdev_device": spec.target, "wedge": wedge}))
    if spec.kind == "wedge":
        from drivers.wedge_stream import LineWedgeScanner

        wedge = wedge_settings(spec, scanner.wedge)
        stream = stdin if stdin is not None else sys.stdin.buffer
        return LineWedgeScanner(
            stream, terminator=wedge.terminator, min_length=wedge.min_length, custom_terminator=wedge.custom_terminator
        )
    raise SpecError(f"'{spec.label}' is not a streaming source")
