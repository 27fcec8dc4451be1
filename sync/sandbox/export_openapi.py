"""Writes the contract: `python -m sync.sandbox.export_openapi [PATH]` regenerates
sync/contract/openapi.json from the sandbox app (a test checks they are equal). `write_contract`
serves the clearing house's exporter as well."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "openapi.json"


def openapi_document() -> dict:
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import create_app

    return create_app(None, clock=SystemClock()).openapi()  # never started: the clock is not read


def render(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_contract(document: Callable[[], dict[str, Any]], default: Path, argv: list[str] | None = None) -> int:
    """Writes `document()` rendered to argv[0], or to `default` without an argument."""
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else default
    path.write_text(render(document()), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return write_contract(openapi_document, CONTRACT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
