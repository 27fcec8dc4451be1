"""`pos-terminal settle send|import-report|reports`: route 2 (the clearing house) from the command line.

- send: accepted statement --number N (or every accepted clearing-house statement of --date D) to the
  clearing house, under an Idempotency-Key derived from the statement (a retry after a crash sends
  the same). Exit 0 sent (or known already); 2 refused.
- import-report FILE | --date D: the store's signed day report from a file, or fetched from the
  clearing house; verified against the pinned key, reconciled against the accepted statements and
  stored. Exit 0 reconciled; 1 stored with differences (listed, each with what to do); 2 refused
  (another store's, altered, a day not accepted yet, imported already, another currency: nothing
  stored).
- reports: the imported reports and their states.

Needs a manager (--user NAME and the PIN), as the other settle actions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, CliError, _maintenance_terminal


def _money(minor: int, currency: str) -> str:
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d} {currency}"


def _app_user(args: Any, terminal: Any) -> tuple[Any, Any]:
    from pos_terminal.app.facades import App
    from pos_terminal.cli.settle import sign_in

    app = App.of(terminal)
    return app, sign_in(args, app)


def report_json(view: Any) -> dict[str, Any]:
    return {"report_id": view.report_id, "store_id": view.store_id, "business_date": view.business_date.isoformat(),
            "net_minor": view.net_minor, "currency": view.currency, "state": view.state,
            "lines": [{"platform_id": ln.platform_id, "statement_number": ln.statement_number,
                       "net_minor": ln.net_minor} for ln in view.lines],
            "differences": [d.to_json() for d in view.differences],
            "imported_at": view.imported_at.isoformat() if view.imported_at else None,
            "payment_file": view.payment_xml is not None}


def report_text(view: Any) -> str:
    net = view.net_minor
    who = ("the store pays the clearing house" if net > 0 else "the clearing house pays the store" if net < 0
           else "nothing to pay")
    out = [f"Clearing-house report {view.report_id}: store {view.store_id}, business day "
           f"{view.business_date.isoformat()}: {_money(net, view.currency)} ({who}) — {view.state}"]
    for ln in view.lines:
        out.append(f"  {ln.platform_id:<20} {ln.statement_number:<22} {_money(ln.net_minor, view.currency):>16}")
    for d in view.differences:
        out.append(f"  difference {d.kind} {d.key}: terminal {d.terminal or '-'}, clearing house "
                   f"{d.clearing_house or '-'}")
        out.append(f"    what to do: {d.action}")
    return "\n".join(out) + "\n"


def cmd_settle_send(args: Any) -> int:
    from pos_terminal.cli.settle import parse_day

    if bool(args.number) == bool(args.date):
        raise CliError("name what to send: --number N, or --date YYYY-MM-DD (every accepted clearing-house "
                       "statement of that day)")
    with _maintenance_terminal(args) as terminal:
        app, user = _app_user(args, terminal)
        day = parse_day(args.date)
        numbers = [args.number] if args.number else app.clearing.sendable(user, day)
        if not numbers:
            raise CliError(f"no accepted clearing-house statement of {args.date}: accept the day's statements "
                           "first (settle accept)")
        sent = [app.clearing.send(user, number) for number in numbers]
    if args.json:
        print(json.dumps([{"number": s.number, "platform_id": s.platform_id, "business_date":
                           s.business_date.isoformat(), "net_minor": s.net_minor, "currency": s.currency,
                           "state": s.state, "idempotency_key": s.idempotency_key} for s in sent],
                         ensure_ascii=False, indent=2))
    else:
        for s in sent:
            said = "sent to" if s.state == "sent" else "already at"
            print(f"statement {s.number} ({s.platform_id}, {s.business_date.isoformat()}, "
                  f"{_money(s.net_minor, s.currency)}) {said} the clearing house")
    return EXIT_OK


def cmd_settle_import_report(args: Any) -> int:
    from pos_terminal.cli.settle import parse_day

    if bool(args.file) == bool(args.date):
        raise CliError("give the report FILE, or --date YYYY-MM-DD to fetch it from the clearing house")
    with _maintenance_terminal(args) as terminal:
        app, user = _app_user(args, terminal)
        if args.file:
            view = app.clearing.import_report(user, Path(args.file))
        else:
            day = parse_day(args.date)
            assert day is not None
            view = app.clearing.fetch_report(user, day)
    if args.json:
        print(json.dumps(report_json(view), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(report_text(view))
    return EXIT_OK if view.reconciled else EXIT_FOUND


def cmd_settle_reports(args: Any) -> int:
    with _maintenance_terminal(args) as terminal:
        app, user = _app_user(args, terminal)
        views = app.clearing.reports(user)
    if args.json:
        print(json.dumps({"reports": [report_json(v) for v in views]}, ensure_ascii=False, indent=2))
    elif not views:
        print("no clearing-house report imported yet (settle import-report --date D)")
    else:
        for v in views:
            sys.stdout.write(report_text(v))
    return EXIT_OK


def add_send_arguments(p: Any) -> None:
    p.add_argument("--number", metavar="N", help="the accepted statement's number (ST-YYYYMMDD-NNNNNN)")


def add_import_arguments(p: Any) -> None:
    p.add_argument("file", nargs="?", metavar="FILE", help="the report file (JSON: report, signature, key_id)")


def _no_arguments(p: Any) -> None:
    return None


ACTIONS = {
    "send": (
        "send an accepted statement to the clearing house (route clearing_house)",
        "Sends accepted statement --number N (or every accepted clearing-house statement of --date D) to the "
        "clearing house under an Idempotency-Key derived from the statement: a send cut off by a crash is sent "
        "again as it was, and the clearing house answers it once. Refused for a statement settled directly. "
        "Needs a manager. Exit 0 sent or known already; 2 refused.",
        add_send_arguments, cmd_settle_send),
    "import-report": (
        "import the clearing house's signed day report (FILE, or --date D to fetch it) and reconcile it",
        "Verifies the report's Ed25519 signature with [settlement.clearing_house] public_key, then reconciles it "
        "against the day's accepted statements (each line's number and net, the total against the lines) and "
        "stores it once. Refused, nothing stored: another store's report, an altered one, a day whose statements "
        "are not accepted yet, a report imported already, another currency. Needs a manager. Exit 0 reconciled; "
        "1 stored with differences (each with what to do); 2 refused.",
        add_import_arguments, cmd_settle_import_report),
    "reports": (
        "the clearing-house reports imported, with their reconciliation",
        "Every imported clearing-house report: its net, its lines, reconciled or its differences. Needs a manager. "
        "Exit 0.",
        _no_arguments, cmd_settle_reports),
}
