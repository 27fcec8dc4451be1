"""`pos-terminal config`: check a settings file, print the defaults."""

from __future__ import annotations

import json
import sys

from pos_terminal.cli.common import EXIT_OK


def cmd_config_check(args) -> int:
    from config import loader

    settings = loader.load(args.file)
    if args.json:
        print(json.dumps({"file": str(args.file), "valid": True, "settings": settings.model_dump(mode="json")}, ensure_ascii=False))
    else:
        print(f"{args.file}: valid")
        for line in loader.summary(settings):
            print(f"  {line}")
    return EXIT_OK


def cmd_config_defaults(args) -> int:
    from config.loader import DEFAULTS_FILE

    sys.stdout.write(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return EXIT_OK
