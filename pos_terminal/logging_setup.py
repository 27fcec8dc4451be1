"""Structured logging: one JSON object a line, rotating files in the data folder, and a filter
that keeps card numbers, track data, PINs, secrets and whole vouchers out of every record."""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
from datetime import datetime, timezone
from pathlib import Path

from pos_terminal.security import mask_card_numbers

_SECRET_KEYS = re.compile(r"(pin|password|passwd|secret|token|credential|authorization|track|pan|card_number)", re.I)
# Track 1 (%B...^NAME^...?) and track 2 (;PAN=...?) magnetic-stripe data.
_TRACK = re.compile(r"%B\d{12,19}\^[^?]*\?|;\d{12,19}=[^?]*\?")
# JWS compact serialization (a voucher): three base64url parts.
_JWS = re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def redact(text: str) -> str:
    """Masks card data and vouchers in free text. Card numbers keep their last four digits."""
    text = _TRACK.sub("[track data removed]", text)

    text = mask_card_numbers(text)  # the same rule as for stored free text (pos_terminal.security)
    return _JWS.sub(lambda m: f"[voucher {m.group(0)[:12]}…]", text)


def redact_value(key: str, value):
    if _SECRET_KEYS.search(key):
        return "***"
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(key, v) for v in value]
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = redact_value(key, value)
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(log_dir: Path, level: str = "INFO", max_bytes: int = 5_000_000, backups: int = 5) -> Path:
    """Sends the root logger to a rotating JSON-lines file; returns its path. Idempotent."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "pos-terminal.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_pos_terminal", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    handler._pos_terminal = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries' chatter (Alembic lists its plugins at INFO on every migration) stays out.
    for noisy in ("alembic", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    return path
