"""Writes the contract: `python -m sync.sandbox.export_openapi [PATH]` regenerates
sync/contract/openapi.json from the sandbox app (a test checks they are equal)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "openapi.json"


def openapi_document() -> dict:
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import create_app

    return create_app(None, clock=SystemClock()).openapi()  # never started: the clock is not read


def render(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else CONTRACT
    path.write_text(render(openapi_document()), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
