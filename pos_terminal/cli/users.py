"""`pos-terminal user`: add, list and unlock the terminal's users."""

from __future__ import annotations

import getpass
import json
import sys

from pos_terminal.cli.common import EXIT_OK, CliError, _maintenance_terminal


def _read_pin(args) -> str:
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        if not sys.stdin.isatty():
            raise CliError("no terminal to ask the PIN on; pass --pin-stdin and send the PIN on standard input")
        pin = getpass.getpass("PIN: ")
        if getpass.getpass("PIN again: ") != pin:
            raise CliError("the two PINs differ; nothing was saved")
    return pin


def _cli_actor():
    """Who acts from the command line, as the audit trail records it ("cli:<OS user>")."""
    from pos_terminal.services.users import CommandLine

    try:
        os_user = getpass.getuser()
    except Exception:  # no user name in the environment (a container): still audited, as "cli"
        os_user = ""
    return CommandLine(os_user[:56])


def cmd_user_add(args) -> int:
    from pos_terminal.services import users

    pin = _read_pin(args)
    with _maintenance_terminal(args) as terminal:
        user = users.add_user(
            terminal.uow(), terminal.hasher, terminal.clock, username=args.username, display_name=args.name or args.username,
            role=args.role, pin=pin, by=_cli_actor(), terminal_id=terminal.settings.terminal.terminal_id,
        )
    print(f"added {user.username} ({user.role.value})")
    return EXIT_OK


def cmd_user_list(args) -> int:
    from pos_terminal.services import users

    with _maintenance_terminal(args) as terminal:
        found = users.list_users(terminal.uow())
    if args.json:
        print(json.dumps([{"username": u.username, "name": u.display_name, "role": u.role.value} for u in found], ensure_ascii=False))
    else:
        for u in found:
            print(f"{u.username:<12} {u.role.value:<11} {u.display_name}")
    return EXIT_OK


def cmd_user_unlock(args) -> int:
    from pos_terminal.services import users

    with _maintenance_terminal(args) as terminal:
        # the same audited unlock as the users page (user_unlock, by "cli:<OS user>")
        users.unlock_user(terminal.uow(), terminal.clock, username=args.username, by=_cli_actor(),
                          terminal_id=terminal.settings.terminal.terminal_id)
    print(f"unlocked {args.username}")
    return EXIT_OK
