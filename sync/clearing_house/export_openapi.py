"""Writes the clearing house's contract: `python -m sync.clearing_house.export_openapi [PATH]`
regenerates sync/contract/clearing-house.openapi.json (a test checks they are equal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.sandbox.export_openapi import render, write_contract

__all__ = ["CONTRACT", "main", "openapi_document", "render"]

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "clearing-house.openapi.json"


def openapi_document() -> dict[str, Any]:
    from pos_terminal.clock import SystemClock
    from sync.clearing_house.server import create_app

    doc: dict[str, Any] = create_app(None, clock=SystemClock()).openapi()  # never started
    return doc


def main(argv: list[str] | None = None) -> int:
    return write_contract(openapi_document, CONTRACT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
