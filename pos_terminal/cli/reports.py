"""`pos-terminal report x|z`: the X report (the day so far) and the Z report (closes the day)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from pos_terminal.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliError, _err, _maintenance_terminal


def _report_user(args, app):
    """The signed-in user for `report` (--user NAME and the PIN), or None without --user."""
    if not args.user:
        return None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        pin = getpass.getpass(f"PIN of {args.user}: ")
    else:
        raise CliError("no terminal to ask the PIN on; pass --pin-stdin and send the PIN on standard input")
    return app.users.sign_in(args.user, pin)


def cmd_report(args) -> int:
    """X: the day so far (changes nothing). Z: closes the business day; a day closed already is
    shown as stored (exit 0, with a note on standard error)."""
    from pos_terminal.app.facades import App
    from pos_terminal.services import reports

    day = reports.parse_date(args.date) if args.date else None
    if args.kind == "z" and not args.user:
        raise CliError("a Z report closes the day and is recorded with who closed it: pass --user NAME (a manager) "
                       "and the PIN (asked, or --pin-stdin)")
    with _maintenance_terminal(args) as terminal:
        app = App.of(terminal)
        user = _report_user(args, app)
        ctx = terminal.day_context()
        if args.kind == "x":
            report = reports.x_report(ctx, user=user or "cli", business_date=day)
        else:
            try:
                report = reports.z_report(ctx, user=user, business_date=day)
            except reports.ReportRefused as exc:
                if exc.reason != "already_closed" or exc.report is None:
                    raise
                report = exc.report
                _err(f"{report.business_date.isoformat()} was closed already (Z {report.z_no}): this is the stored "
                     "report, nothing changed")
        if args.csv:
            Path(args.csv).write_bytes(reports.to_csv(report).encode("utf-8"))
        if args.json:
            print(json.dumps(reports.report_to_json(report), ensure_ascii=False, indent=2))
        else:
            print(reports.to_text(report), end="")
        problems = []
        if args.pdf:
            try:
                app.reports.save_pdf(report, Path(args.pdf), language="zh_CN")
            except ImportError as exc:
                problems.append(f"PDF export is not available in this build ({exc}); the CSV and JSON work")
        if args.print:
            status = terminal.devices.printer.open()
            done = reports.print_report(ctx, report)
            if not done.printed:
                problems.append(f"not printed: {done.error or status.detail}")
    for problem in problems:
        _err(problem)
    return EXIT_BAD_INPUT if problems else EXIT_OK
