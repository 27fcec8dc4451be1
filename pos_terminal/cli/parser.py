"""The argument parser: every command, its options and the function that runs it."""

from __future__ import annotations

import argparse

from pos_terminal import __version__
from pos_terminal.cli.audit import cmd_audit_list, cmd_audit_verify
from pos_terminal.cli.common import EXIT_OK
from pos_terminal.cli.config import cmd_config_check, cmd_config_defaults
from pos_terminal.cli.database import cmd_db_status
from pos_terminal.cli.devices import cmd_card_simulator, cmd_devices, cmd_scan, cmd_virtual_printer
from pos_terminal.cli.gui import cmd_demo, cmd_run
from pos_terminal.cli.reports import cmd_report
from pos_terminal.cli.sandbox import cmd_sandbox
from pos_terminal.cli.sync import cmd_sync_retry, cmd_sync_run, cmd_sync_status
from pos_terminal.cli.users import cmd_user_add, cmd_user_list, cmd_user_unlock
from pos_terminal.cli.vouchers import cmd_voucher_inspect


def cmd_version(args) -> int:
    print(f"pos-terminal {__version__}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-terminal",
        description="Store counter terminal: scan a payment order, take payment, print, sync with the platform.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def gui_options(p):
        p.add_argument("--screenshot", metavar="PNG", help="save a screenshot of the main window once it is shown")
        p.add_argument("--quit-after-screenshot", action="store_true", help="exit once the screenshot is saved")
        p.add_argument("--data-dir", metavar="DIR", help="data folder (default: the user's data folder)")

    p = sub.add_parser("demo", help="start the terminal on its embedded defaults with simulated devices")
    gui_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("run", help="start the terminal with a settings file")
    p.add_argument("--config", required=True, metavar="FILE", help="settings file (TOML)")
    gui_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("config", help="check settings files")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    c = csub.add_parser("check", help="validate a settings file: exit 0 and a summary, or 2 and every problem")
    c.add_argument("file", metavar="FILE")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_config_check)
    c = csub.add_parser("defaults", help="print the embedded defaults (a starting point for a settings file)")
    c.set_defaults(func=cmd_config_defaults)

    def target_options(p):
        g = p.add_mutually_exclusive_group()
        g.add_argument("--config", metavar="FILE", help="settings file of the terminal")
        g.add_argument("--demo", action="store_true", help="the demo terminal's database")
        p.add_argument("--data-dir", metavar="DIR", help="data folder (default: the user's data folder)")
        p.add_argument("--json", action="store_true")

    p = sub.add_parser("user", help="manage the cashiers, managers and technicians of this terminal")
    usub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    u = usub.add_parser("add", help="add a user (asks the PIN twice, or reads it with --pin-stdin)")
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=["cashier", "manager", "technician"])
    u.add_argument("--name", help="display name")
    u.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    target_options(u)
    u.set_defaults(func=cmd_user_add)
    u = usub.add_parser("list", help="list users")
    target_options(u)
    u.set_defaults(func=cmd_user_list)
    u = usub.add_parser("unlock", help="unlock a user locked out after wrong PINs")
    u.add_argument("username")
    target_options(u)
    u.set_defaults(func=cmd_user_unlock)

    p = sub.add_parser("db", help="database status (the schema is migrated at every start)")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    d = dsub.add_parser("status", help="schema revision, outbox backlog")
    target_options(d)
    d.set_defaults(func=cmd_db_status)

    p = sub.add_parser("scan", help="read scans from one source and print one line per scan (technicians' test)")
    p.add_argument("--source", required=True, metavar="SPEC",
                   help="file:PATH, video:PATH, camera:INDEX_OR_PATH, serial:PORT?baud=9600&parity=N&suffix=CR, "
                        "evdev:PATH_OR_NAME or wedge (standard input)")
    p.add_argument("--json", action="store_true", help='one JSON object a line: text, symbology, source, ts, latency_ms')
    p.add_argument("--count", type=int, default=0, metavar="N", help="stop after N scans")
    p.add_argument("--timeout", type=float, default=0, metavar="S", help="stop after S seconds")
    p.add_argument("--config", metavar="FILE", help="settings file whose [scanner] keys are the starting point")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("devices", help="list serial ports, cameras, input devices and printers this machine has")
    p.add_argument("--json", action="store_true")
    p.add_argument("--config", metavar="FILE", help="settings file (its network printer is probed)")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("sandbox", help="run the sandbox platform (a stand-in for the shop's platform) in the foreground")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8700, help="port (default 8700)")
    p.add_argument("--db", metavar="URL", help="sqlite:///PATH or postgresql+psycopg://... (default: a temporary file)")
    p.add_argument("--platform-id", default="demo-shop", metavar="ID",
                   help="this platform's id, the issuer its payment codes name (default demo-shop; another id is "
                        "seeded with its own merchants and orders; a terminal takes it as an [[issuers]] entry)")
    m = p.add_argument_group("buyer messages", "where the payment code's e-mail and SMS go (none given: they wait "
                                               "in the platform's outbox)")
    m.add_argument("--standins", metavar="FOLDER",
                   help="start a loopback SMTP server and SMS gateway stand-in that keep every message in FOLDER")
    m.add_argument("--smtp-host", metavar="HOST", help="SMTP server for the buyer's e-mails")
    m.add_argument("--smtp-port", type=int, metavar="PORT", help="its port (default 25; with --standins: the stand-in's)")
    m.add_argument("--smtp-starttls", choices=("auto", "require", "off"), default="auto",
                   help="auto (default): STARTTLS when the server offers it")
    m.add_argument("--mail-from", metavar="ADDRESS", help="the From of the buyer's e-mails")
    m.add_argument("--sms-url", metavar="URL",
                   help="the SMS gateway's send endpoint (JSON POST; token from POS_SANDBOX_SMS_TOKEN)")
    p.set_defaults(func=cmd_sandbox)

    from pos_terminal.cli.clearing import add_parser as add_clearing_house

    add_clearing_house(sub)

    p = sub.add_parser("sync", help="the outbox of settlements for the platform")
    ssub = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    c = ssub.add_parser("status", help="pending, oldest, last error, last success, rows needing attention "
                                       "(exit 0 when nothing waits, 1 otherwise)")
    target_options(c)
    c.set_defaults(func=cmd_sync_status)
    c = ssub.add_parser("run", help="send what is pending once and exit: 0 when all was sent, 1 when something is left")
    target_options(c)
    c.set_defaults(func=cmd_sync_run)
    c = ssub.add_parser("retry", help="put settlements the platform refused back in the queue")
    c.add_argument("seq", nargs="*", type=int, help="the rows' numbers (#) from `sync status`")
    c.add_argument("--all", action="store_true", help="every row that needs attention")
    target_options(c)
    c.set_defaults(func=cmd_sync_retry)

    p = sub.add_parser("voucher", help="payment vouchers (the QR on the buyer's phone)")
    vsub = p.add_subparsers(dest="voucher_command", metavar="ACTION", required=True)
    c = vsub.add_parser("inspect", help="verify a voucher with the cached platform keys: exit 0 valid, 1 not")
    c.add_argument("text", metavar="TEXT", help="the voucher text ('-' reads it from standard input)")
    c.add_argument("--offline", action="store_true",
                   help="never ask the platform (default: fetch the keys once when the voucher names an unknown key)")
    target_options(c)
    c.set_defaults(func=cmd_voucher_inspect)

    p = sub.add_parser("audit", help="the audit trail: who did what, when, where, with what outcome")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    c = asub.add_parser("verify", help="check the hash chains: exit 0 whole, 1 a changed, deleted or inserted entry")
    c.add_argument("--terminal", metavar="ID", help="only this terminal's chain (default: every terminal's)")
    c.add_argument("--anchor", metavar="HASH", action="append",
                   help="a hash printed on a Z report that must still be in the chain (repeatable)")
    target_options(c)
    c.set_defaults(func=cmd_audit_verify)
    c = asub.add_parser("list", help="the newest entries first")
    c.add_argument("--limit", type=int, default=50, metavar="N", help="how many (default 50)")
    g = c.add_mutually_exclusive_group()
    g.add_argument("--terminal", metavar="ID", help="this terminal's entries (default: the settings' terminal)")
    g.add_argument("--all-terminals", action="store_true", help="every terminal's entries")
    target_options(c)
    c.set_defaults(func=cmd_audit_list)

    p = sub.add_parser(
        "report", help="the X report (the day so far) or the Z report (closes the business day)",
        description="x: the business day so far; changes nothing, any time. z: closes the business day (refused "
                    "while a shift of the day is open); needs --user (a manager) and the PIN. A day closed already "
                    "is shown as it was stored (exit 0, a note on standard error). Without --json a readable "
                    "summary is printed. Exit 0 done; 2 bad input (a bad date, a refusal, a wrong PIN) or an "
                    "export or print that failed (the report itself stands).")
    p.add_argument("kind", choices=["x", "z"])
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the business day (default: today in the store's time zone)")
    p.add_argument("--csv", metavar="FILE", help="also write the report as CSV (UTF-8 with BOM, opens in Excel)")
    p.add_argument("--pdf", metavar="FILE", help="also write the report as PDF")
    p.add_argument("--print", action="store_true", help="also print it on the configured receipt printer")
    p.add_argument("--user", metavar="NAME", help="who makes the report (required for z; x runs as 'cli' without)")
    p.add_argument("--pin-stdin", action="store_true", help="read the user's PIN from standard input")
    target_options(p)
    p.set_defaults(func=cmd_report)

    from pos_terminal.cli.settle import add_parser as add_settle

    add_settle(sub, target_options)

    p = sub.add_parser("virtual-printer", help="a network receipt printer that keeps each job as bytes and readable text")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9100)
    p.add_argument("--out", default="virtual-printer", metavar="DIR", help="folder for job-NNNN.bin / job-NNNN.txt")
    p.set_defaults(func=cmd_virtual_printer)

    p = sub.add_parser("card-simulator", help="a bank-card terminal simulator speaking the terminal's TCP protocol")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: a free port (printed)")
    p.add_argument("--mode", default="approve", help="approve, decline, timeout, disconnect-after-approve, slow or drop")
    p.add_argument("--state", metavar="DIR", help="keep the day's transactions in DIR across restarts")
    p.set_defaults(func=cmd_card_simulator)

    p = sub.add_parser("version", help="print the version")
    p.set_defaults(func=cmd_version)
    return parser

