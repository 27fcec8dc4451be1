"""Writes the clearing house's contract: `python -m sync.clearing_house.export_openapi [PATH]`
regenerates sync/contract/clearing-house.openapi.json (a test checks they are equal)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "clearing-house.openapi.json"


def openapi_document() -> dict[str, Any]:
    from pos_terminal.clock import SystemClock
    from sync.clearing_house.server import create_app

    doc: dict[str, Any] = create_app(None, clock=SystemClock()).openapi()  # never started
    return doc


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else CONTRACT
    path.write_text(render(openapi_document()), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
