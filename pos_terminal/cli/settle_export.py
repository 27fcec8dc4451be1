"""`pos-terminal settle export|mark-sent|remittances`: route 1 (direct) from the command line.

- export: the accepted statement (--number N, or --date D [--platform P]) as the bank's payment
  file (ISO 20022 pain.001.001.09), a CSV and a PDF in --out DIR (default: [settlement] export_dir,
  else settlement/ in the data folder); the remittance is recorded as exported, audited.
- mark-sent: the bank transfer of statement N was made, with the bank's reference (--reference R);
  the platform is told through the outbox.
- remittances: the remittances and their states (--refresh asks the platforms first).

Who acts: --user NAME (a manager) with the PIN (asked, or --pin-stdin), as for `settle accept`.
Exit 0 done; 2 a refusal (not accepted, the platform owes the store, not exported, a bad account
in the settings ...) with the message naming the cause and what to do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pos_terminal.cli.common import EXIT_OK, CliError, _maintenance_terminal


def add_export_arguments(p: Any) -> None:
    """settle.py adds --date, --platform, --user, --pin-stdin, --json and the terminal options."""
    p.add_argument("--number", metavar="N", help="the statement number (ST-YYYYMMDD-NNNNNN)")
    p.add_argument("--out", metavar="DIR", help="folder for the files (default: [settlement] export_dir, else "
                                                "settlement/ in the data folder)")
    p.add_argument("--language", choices=["zh_CN", "en"], help="the PDF's language (default: [ui] language)")


def add_mark_sent_arguments(p: Any) -> None:
    p.add_argument("--number", metavar="N", required=True, help="the statement number")
    p.add_argument("--reference", metavar="R", required=True, help="the bank's reference of the transfer")


def add_remittances_arguments(p: Any) -> None:
    p.add_argument("--refresh", action="store_true", help="ask the platforms first")


def _user(args: Any, app: Any, *, required: bool = True) -> Any:
    from pos_terminal.cli.settle import sign_in

    return sign_in(args, app, required=required)


def _money(minor: int, currency: str) -> str:
    from pos_terminal.money import format_money

    return format_money(minor, currency)


def cmd_settle_export(args: Any) -> int:
    from pos_terminal.app.facades import App
    from pos_terminal.cli.settle import parse_day

    if not args.number and not getattr(args, "date", None):
        raise CliError("name the statement: --number N, or --date YYYY-MM-DD [--platform ID]")
    if args.number and (getattr(args, "date", None) or getattr(args, "platform", None)):
        raise CliError("give --number, or --date with --platform, not both")
    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        user = _user(args, app)
        day = parse_day(args.date)
        number = args.number or app.remittances.number_of(day, getattr(args, "platform", None))
        done = app.remittances.export(user, number, Path(args.out) if args.out else None, language=args.language)
    if getattr(args, "json", False):
        print(json.dumps(done.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"statement {done.number} ({done.platform_id}, {done.business_date.isoformat()}): the store pays "
              f"{_money(done.amount_minor, done.currency)} {done.currency}")
        print(f"  payment file  {done.xml}  (pain.001.001.09, EndToEndId {done.end_to_end_id}, sha256 "
              f"{done.digest[:16]}…)")
        print(f"  CSV           {done.csv}")
        print(f"  PDF           {done.pdf if done.pdf else 'not made: ' + (done.pdf_error or '?')}")
        print(f"  state         {done.remittance.state}; after the transfer: pos-terminal settle mark-sent "
              f"--number {done.number} --reference <the bank's reference>")
    return EXIT_OK


def cmd_settle_mark_sent(args: Any) -> int:
    from pos_terminal.app.facades import App

    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        view = app.remittances.mark_sent(_user(args, app), args.number, args.reference)
    if getattr(args, "json", False):
        print(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"statement {view.number}: {_money(view.amount_minor, view.currency)} {view.currency} marked sent "
              f"(reference {view.reference}); the platform is told by the outbox (pos-terminal sync status)")
    return EXIT_OK


def cmd_settle_remittances(args: Any) -> int:
    from pos_terminal.app.facades import App

    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        user = _user(args, app, required=False)
        errors = app.remittances.refresh() if args.refresh else {}
        views = app.remittances.list(user, refresh=False)
    if getattr(args, "json", False):
        print(json.dumps({"remittances": [v.to_json() for v in views], "errors": errors}, ensure_ascii=False,
                         indent=2))
        return EXIT_OK
    for platform_id, error in errors.items():
        print(f"{platform_id}: not asked ({error}); the states below are as stored")
    if not views:
        print("no remittances yet (export an accepted statement: pos-terminal settle export)")
    for v in views:
        print(f"{v.number}  {v.platform_id:<16} {_money(v.amount_minor, v.currency):>14} {v.currency}  {v.state:<9}"
              f"{'  ref ' + v.reference if v.reference else ''}")
    return EXIT_OK


# settle.py's SUBCOMMANDS entries: name -> (help, description, add_arguments(parser), run(args) -> int)
ACTIONS = {
    "export": (
        "an accepted statement as the bank's payment file (pain.001.001.09), CSV and PDF",
        "Writes NUMBER.xml (ISO 20022 pain.001.001.09: one transfer of the net from [settlement] store_account to "
        "the platform's account, EndToEndId = the statement number), NUMBER.csv and NUMBER.pdf into --out (default: "
        "[settlement] export_dir, else settlement/ in the data folder). Only an accepted statement the store owes "
        "on (net > 0): when the platform owes the store, the platform pays. Name it by --number, or by --date "
        "[--platform]. Needs a manager. Exit 0 written; 2 refused.",
        add_export_arguments, cmd_settle_export),
    "mark-sent": (
        "say the bank transfer of statement N was made; the platform is told",
        "Records the bank transfer of statement N (state sent, the bank's reference) and queues one message for "
        "the platform (POST /remittances, exactly once). Refused before the statement was exported, or when it "
        "was marked sent with another reference. Needs a manager. Exit 0 done; 2 refused.",
        add_mark_sent_arguments, cmd_settle_mark_sent),
    "remittances": (
        "the remittances: exported, sent, reported or received",
        "The remittances and their states: exported, sent, reported (the platform has the store's notice) or "
        "received (the platform has the money); --refresh asks the platforms first. Exit 0.",
        add_remittances_arguments, cmd_settle_remittances),
}
