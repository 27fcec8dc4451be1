"""The technicians' device tools: `scan`, `devices`, `virtual-printer`, `card-simulator`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, CliError, _err, _load_settings


def _scan_line(event, as_json: bool) -> str:
    if not as_json:
        return event.text
    latency = None if event.latency_ms is None else round(event.latency_ms, 3)
    return json.dumps(
        {"text": event.text, "symbology": event.symbology, "source": event.source,
         "ts": event.ts.isoformat(timespec="milliseconds"), "latency_ms": latency},
        ensure_ascii=False,
    )


def cmd_scan(args) -> int:
    """One line per scan; exit 0 when something was read, 1 when nothing was, 2 on a bad SPEC."""
    import queue
    import time

    from drivers.sources import SpecError, build_scanner, camera_settings, parse_spec

    settings, _ = _load_settings(args.config)
    try:
        spec = parse_spec(args.source)
        if spec.kind == "file":
            return _scan_file(spec, camera_settings(spec, settings.scanner.camera), args.json)
        if spec.kind == "video" and not Path(spec.target).is_file():
            raise CliError(f"'{spec.label}': no such video file")
        scanner = build_scanner(spec, settings)
    except SpecError as exc:
        raise CliError(str(exc)) from None

    status = scanner.open()
    if not status.usable:
        scanner.close()
        raise CliError(f"{spec.label}: {status.detail}")
    print(f"{spec.label}: ready ({status.detail or 'open'}); waiting for scans", file=sys.stderr, flush=True)
    def show(st) -> None:
        if st.detail:  # closing at the end of the command says nothing
            _err(f"{spec.label}: {st.state.value}: {st.detail}")

    scanner.add_status_listener(show)
    events: queue.Queue = queue.Queue(maxsize=10_000)
    scanner.start(events.put)
    finished = getattr(scanner, "finished", None)
    deadline = time.monotonic() + args.timeout if args.timeout else None
    count = 0
    try:
        while not (args.count and count >= args.count):
            if deadline is not None and time.monotonic() >= deadline:
                break
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                if finished is not None and finished.is_set() and events.empty():
                    break
                continue
            print(_scan_line(event, args.json), flush=True)
            count += 1
    finally:
        scanner.close()
    return EXIT_OK if count else EXIT_FOUND


def _scan_file(spec, camera, as_json: bool) -> int:
    from drivers.decoding import DecodePipeline
    from drivers.image_files import ImageUnreadable, decode_image_file

    try:
        events = decode_image_file(spec.target, DecodePipeline(decoder=camera.decoder))
    except ImageUnreadable as exc:
        raise CliError(str(exc)) from None
    for event in events:
        print(_scan_line(event, as_json))
    return EXIT_OK if events else EXIT_FOUND


def cmd_devices(args) -> int:
    from drivers.discovery import discover, format_text

    settings, _ = _load_settings(args.config)
    found = discover(settings)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, default=str))
    else:
        print(format_text(found))
    return EXIT_OK


def cmd_virtual_printer(args) -> int:
    from drivers.virtual_printer import serve

    try:
        serve(args.port, args.out, args.host)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; choose another --port") from None
    return EXIT_OK


def cmd_card_simulator(args) -> int:
    from drivers.card_simulator import MODES, serve

    if args.mode not in MODES:
        raise CliError(f"--mode {args.mode!r}: use one of {', '.join(MODES)}")
    try:
        serve(args.host, args.port, args.mode, args.state)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; choose another --port") from None
    return EXIT_OK
