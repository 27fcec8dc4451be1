"""`pos-terminal settle ACTION [--date D] [--platform P] [--json]`: the day's settlement statement
with each platform (issue 16).

statement: the terminal's statement of the day, the platform's, their differences and what stands
           in the way of accepting it; needs a manager (--user NAME and the PIN).
           Exit 0: accepted, or it agrees with the platform's and nothing stands in the way;
           1: differences or blockers to look at (listed); 2: refused or bad input.
accept:    a manager accepts the statement (numbered, immutable, audited); --digest: the digest
           `settle statement` showed (without it: the one computed now, printed first); --note:
           why, when something stands in the way. Exit 0 accepted; 2 refused (the message says why
           and what to do).

Other helpers add their actions with one entry in SUBCOMMANDS: name -> Action(help, description,
add_arguments, run). Every action gets --date, --platform, --user, --pin-stdin and the target
options (--config/--demo, --data-dir, --json)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, CliError, _maintenance_terminal

if TYPE_CHECKING:
    from pos_terminal.services.statements import StatementView


@dataclass(frozen=True)
class Action:
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--date {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01") from None


def sign_in(args: argparse.Namespace, app: Any, *, required: bool = True) -> Any:
    """The signed-in user (--user NAME, the PIN asked or read with --pin-stdin)."""
    if not getattr(args, "user", None):
        if required:
            raise CliError("settlement statements are for managers: pass --user NAME (a manager) and the PIN "
                           "(asked, or --pin-stdin)")
        return None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        pin = getpass.getpass(f"PIN of {args.user}: ")
    else:
        raise CliError("no terminal to ask the PIN on; pass --pin-stdin and send the PIN on standard input")
    return app.users.sign_in(args.user, pin)


def _money(minor: int, currency: str) -> str:
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d} {currency}"


def statement_text(view: StatementView) -> str:
    """A readable statement with the platform's figures beside, the differences and blockers."""
    st = view.statement
    out = [f"Settlement statement {st.number or '(not accepted)'}: store {st.store_id}, platform {view.platform_id}, "
           f"business day {view.business_date.isoformat()} (route {view.route})"]
    p_lines = {ln.key: ln for ln in view.platform.lines} if view.platform is not None else {}
    out.append(f"  {'line':<28}{'count':>6}{'amount':>16}{'effect':>16}   platform")
    keys = [ln.key for ln in st.lines] + [k for k in p_lines if k not in {ln.key for ln in st.lines}]
    t_lines = {ln.key: ln for ln in st.lines}
    for key in keys:
        ln, pl = t_lines.get(key), p_lines.get(key)
        name = "/".join(k for k in key if k)
        mine = (f"{ln.count:>6}{_money(ln.amount_minor, st.currency):>16}{_money(ln.effect_minor, st.currency):>16}"
                if ln else f"{'-':>6}{'-':>16}{'-':>16}")
        theirs = f"{pl.count} × {_money(pl.amount_minor, st.currency)}" if pl else (
            "-" if view.platform is not None else "?")
        out.append(f"  {name:<28}{mine}   {theirs}")
    net = st.net_minor
    who = "the store owes the platform" if net > 0 else "the platform owes the store" if net < 0 else "nothing owed"
    platform_net = f" (platform: {_money(view.platform.net_minor, st.currency)})" if view.platform else ""
    out.append(f"  net {_money(net, st.currency)}: {who}{platform_net}")
    out.append(f"  digest {view.digest}")
    if view.platform_error:
        out.append(f"  platform: {view.platform_error}")
    for d in view.differences:
        out.append(f"  difference {d.kind} {d.key}: terminal {d.terminal or '-'}, platform {d.platform or '-'}")
        out.append(f"    what to do: {d.action}")
    for b in view.blockers:
        out.append(f"  cannot be accepted yet: {b}")
    for r in view.remittances:
        out.append(f"  remittance {r.get('number')}: {r.get('state')} "
                   f"({_money(int(r.get('amount_minor') or 0), str(r.get('currency') or st.currency))})")
    if view.accepted:
        out.append(f"  accepted {st.accepted_at.isoformat() if st.accepted_at else ''} by {st.accepted_by}")
    return "\n".join(out) + "\n"


def _statement(args: argparse.Namespace) -> int:
    from pos_terminal.app.facades import App

    day = parse_day(args.date)
    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        user = sign_in(args, app)
        view = app.settlement.statement(user, day, args.platform)
    if args.json:
        print(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(statement_text(view))
    if view.accepted:
        return EXIT_FOUND if view.differences else EXIT_OK
    return EXIT_FOUND if (view.differences or view.blockers) else EXIT_OK


def _accept(args: argparse.Namespace) -> int:
    from pos_terminal.app.facades import App

    day = parse_day(args.date)
    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        user = sign_in(args, app)
        view = app.settlement.statement(user, day, args.platform)
        if view.accepted:
            raise CliError(f"the statement of {view.business_date.isoformat()} with {view.platform_id} is accepted "
                           f"already as {view.statement.number}; an accepted statement never changes")
        digest = args.digest or view.digest
        if not args.digest and not args.json:
            sys.stdout.write(statement_text(view))
        accepted = app.settlement.accept(user, view.business_date, view.platform_id, digest, args.note or "")
    if args.json:
        print(json.dumps({"number": accepted.number, "digest": accepted.digest, "net_minor": accepted.net_minor,
                          "currency": accepted.currency, "business_date": accepted.business_date.isoformat(),
                          "platform_id": accepted.platform_id, "statement": accepted.to_json()},
                         ensure_ascii=False, indent=2))
    else:
        print(f"accepted as {accepted.number}: net {_money(accepted.net_minor, accepted.currency)} "
              f"(digest {accepted.digest})")
    return EXIT_OK


def _no_arguments(p: argparse.ArgumentParser) -> None:
    return None


def _accept_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--digest", metavar="HEX", help="the digest `settle statement` showed: refused when the figures "
                                                   "changed since (default: the statement computed now)")
    p.add_argument("--note", help="why it is accepted although something stands in the way (differences, the "
                                  "outbox, the platform unreachable)")


SUBCOMMANDS: dict[str, Action] = {
    "statement": Action(
        "the day's settlement statement with a platform, compared with the platform's",
        "The terminal's statement of the business day (default: the last day closed with a Z) with the platform "
        "(default: [platform]), the platform's own, each difference with what to do, and what stands in the way of "
        "accepting it. Needs a manager. Exit 0 accepted or in agreement; 1 differences or blockers; 2 refused.",
        _no_arguments, _statement),
    "accept": Action(
        "a manager accepts the day's statement (numbered, immutable, audited)",
        "Accepts the statement of the business day with the platform: it gets its number (ST-YYYYMMDD-NNNNNN), "
        "is kept as it is, audited, and the platform is told (direct route). Refused when the figures changed since "
        "--digest, when accepted already, before the day's Z, and without --note when differences, unsent messages "
        "or an unreachable platform stand in the way. Exit 0 accepted; 2 refused.",
        _accept_arguments, _accept),
}

# route 1 (direct): export, mark-sent, remittances (H3: pos_terminal/cli/settle_export.py)
from pos_terminal.cli.settle_export import ACTIONS as _REMITTANCE_ACTIONS  # noqa: E402

SUBCOMMANDS.update({name: Action(*spec) for name, spec in _REMITTANCE_ACTIONS.items()})

# route 2 (the clearing house): send, import-report, reports (H4: pos_terminal/cli/settle_clearing.py)
from pos_terminal.cli.settle_clearing import ACTIONS as _CLEARING_ACTIONS  # noqa: E402

SUBCOMMANDS.update({name: Action(*spec) for name, spec in _CLEARING_ACTIONS.items()})


def add_parser(sub: Any, target_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """`settle` and its actions on the top-level subparsers."""
    p = sub.add_parser("settle", help="the day's settlement statement with each platform (accept, export, send)")
    asub = p.add_subparsers(dest="settle_command", metavar="ACTION", required=True)
    for name, action in SUBCOMMANDS.items():
        a = asub.add_parser(name, help=action.help, description=action.description)
        a.add_argument("--date", metavar="YYYY-MM-DD", help="the business day (default: the last day closed)")
        a.add_argument("--platform", metavar="ID", help="the platform's id (default: [platform])")
        a.add_argument("--user", metavar="NAME", help="who does it (a manager)")
        a.add_argument("--pin-stdin", action="store_true", help="read the user's PIN from standard input")
        action.add_arguments(a)
        target_options(a)
        a.set_defaults(func=action.run)
