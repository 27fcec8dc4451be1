"""The `pos-terminal` command line (also `python -m pos_terminal`), one module per command group:
gui (demo, run), config, users, database, sandbox, sync, vouchers, audit, reports, devices (scan,
devices, virtual-printer, card-simulator); parser.py wires them.

Exit codes: 0 success, 1 a check that found something (as each command says), 2 bad input or an
environment problem (the message names the cause and what to do), 130 interrupted.
"""

from __future__ import annotations

from pos_terminal.cli.common import EXIT_BAD_INPUT, EXIT_FOUND, EXIT_OK, CliError, _err
from pos_terminal.cli.parser import build_parser

__all__ = ["EXIT_BAD_INPUT", "EXIT_FOUND", "EXIT_OK", "CliError", "build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    from config.loader import SettingsError
    from pos_terminal.domain.errors import DomainError
    from pos_terminal.ports import PlatformError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SettingsError as exc:
        _err(str(exc))
        return EXIT_BAD_INPUT
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_BAD_INPUT
    except (DomainError, CliError) as exc:
        _err(getattr(exc, "message", None) or str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
