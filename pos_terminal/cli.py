"""The `pos-terminal` command line.

Exit codes: 0 success, 1 a check that found something (as each command says), 2 bad input or an
environment problem (the message names the cause and what to do), 130 interrupted.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pos_terminal import __version__

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


class CliError(Exception):
    """A problem the person at the keyboard can fix; printed without a traceback, exit 2."""


def _err(message: str) -> None:
    for line in message.splitlines() or [""]:
        print(f"pos-terminal: {line}", file=sys.stderr)


# ------------------------------------------------------------------------------ settings


def _load_settings(path: str | None):
    from config import loader

    if path is None:
        return loader.defaults(), None
    return loader.load(path), Path(path).resolve()


@contextmanager
def _maintenance_terminal(args):
    """A Terminal for a command-line chore beside a running one (no instance lock), closed after."""
    terminal = _build(args, demo=args.demo, take_lock=False)
    try:
        yield terminal
    finally:
        terminal.close()


def _build(args, *, demo: bool, take_lock: bool = True):
    from pos_terminal.bootstrap import DATA_DIR_ENV, build_terminal

    from config import loader
    from pos_terminal.bootstrap import data_paths

    if getattr(args, "data_dir", None):
        os.environ[DATA_DIR_ENV] = str(Path(args.data_dir).resolve())
    settings, settings_file = _load_settings(getattr(args, "config", None))
    if demo and settings_file is None:
        # What the devices screen saved in demo mode lives beside the demo database.
        saved = data_paths(settings, demo=True).settings
        if os.path.lexists(saved):  # not exists(): a link loop there is refused, not skipped
            settings, settings_file = loader.load(saved), saved
    return build_terminal(settings, demo=demo, settings_file=settings_file, take_lock=take_lock)


# ------------------------------------------------------------------------------ GUI


def _ensure_display() -> subprocess.Popen | None:
    """Where there is no display, starts Xvfb on a free display number and says so in one line.
    Falls back to Qt's offscreen platform when Xvfb is not installed."""
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        print("No display found and Xvfb is not installed: running offscreen (install xvfb for a virtual display).")
        return None
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()
    if not number:
        proc.kill()
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        print("No display found and Xvfb would not start: running offscreen.")
        return None
    os.environ["DISPLAY"] = f":{number}"
    print(f"No display found: running on a virtual display (Xvfb :{number}).")
    return proc


def _run_gui(args, *, demo: bool) -> int:
    xvfb = _ensure_display()
    try:
        terminal = _build(args, demo=demo)
        try:
            screenshot = Path(args.screenshot).resolve() if args.screenshot else None
            if screenshot is None and xvfb is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                screenshot = terminal.paths.screenshots / f"main-window-{stamp}.png"
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                print(f"Screenshot of the main window: {screenshot}")
            if demo:
                print("Demo sign-in: cashier 1001 / PIN 1357, manager 8001 / PIN 8642, technician 9001 / PIN 9753")
            _start_platform(terminal)
            _start_simulated_devices(terminal)
            terminal.start_sync()
            print(f"Data folder: {terminal.paths.root}  Log: {terminal.log_file}  Stop with Ctrl+C.", flush=True)
            from ui.app import run_gui

            return run_gui(terminal, screenshot=screenshot, quit_after_screenshot=args.quit_after_screenshot)
        finally:
            terminal.close()
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()


def _start_platform(terminal) -> None:
    """Starts the in-process sandbox platform when the settings ask for one (mode "sandbox", no
    base_url). A sandbox that will not start leaves the terminal offline, not stopped."""
    from pos_terminal.bootstrap import start_demo_platform

    try:
        url = start_demo_platform(terminal)
    except Exception as exc:
        _err(f"the sandbox platform did not start ({exc}); the terminal runs offline")
        return
    if url:
        print(f"Sandbox platform: {url}  (customer pages: {url}/o/..., seller page: {url}/seller)")
        for line in _seller_sign_in_lines(terminal):
            print(line)
        from sync.sandbox.seed import CARDS, DEMO_CARD, DEMO_CARD_PIN

        print(f"Prepaid demo card: {DEMO_CARD} (¥{CARDS[DEMO_CARD][1] / 100:.2f}), the holder's PIN {DEMO_CARD_PIN} "
              f"(F2 asks for it)")
        from pos_terminal.bootstrap import demo_message_folders

        where = demo_message_folders(terminal)
        if where:
            print(f"Buyer messages: e-mails (SMTP {where['smtp']}) land in {where['mail']} as .eml files, "
                  f"SMS in {where['sms']} as .json files")
        if where.get("webhooks"):
            print(f"Merchant webhooks: signed POSTs to {where['webhook_url']}/<merchant id> land, verified, in "
                  f"{where['webhooks']}")
        for line in _buyer_page_lines(terminal):
            print(line)


def _buyer_page_lines(terminal) -> list[str]:
    """The seeded buyers' own pages (balance, orders, returns started on the phone): the link the
    paid-order e-mail and SMS carry. Each acts as its buyer, so the demo prints them; a real
    platform sends each only to its buyer."""
    from sync.sandbox.buyer_returns import page_url
    from sync.sandbox.seed import BUYERS, ONLINE_PAID_ORDER

    server = terminal._sandbox
    if server is None or server.app is None:
        return []
    with server.app.state.engine.begin() as conn:
        links = [f"{name} ({buyer_id}, reputation {reputation}) {page_url(conn, server.url, buyer_id)}"
                 for buyer_id, (name, reputation) in BUYERS.items()]
    return [f"Buyer pages (returns from the phone; {ONLINE_PAID_ORDER} was paid online): " + "; ".join(links)]


def _seller_sign_in_lines(terminal) -> list[str]:
    """How to sign in to the demo sandbox's seller portal: each seeded seller's username and
    password (made at random on the sandbox's first start, kept in its credentials file)."""
    server = terminal._sandbox  # the in-process sandbox (bootstrap.start_demo_platform)
    logins = server.seller_logins if server is not None else {}
    if not logins:
        return []
    creds = server.app.state.credentials
    where = f" (kept in {creds.path})" if creds is not None and creds.path is not None else ""
    return [f"Seller portal: {server.url}/seller  sign in as " + ", or ".join(
        f"{user} / {password} ({merchant})" for user, (merchant, password) in logins.items()) + where]


def _start_simulated_devices(terminal) -> None:
    """Stand-ins for a printer and a card terminal set to "simulated"; one that will not start
    leaves that device as a status, never stops the terminal."""
    from pos_terminal.bootstrap import start_simulated_devices

    try:
        for line in start_simulated_devices(terminal):
            print(line)
    except Exception as exc:
        _err(f"a simulated device did not start ({exc}); see the status line")


def cmd_demo(args) -> int:
    return _run_gui(args, demo=True)


def cmd_run(args) -> int:
    return _run_gui(args, demo=False)


# ------------------------------------------------------------------------------ config


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


# ------------------------------------------------------------------------------ users


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


def cmd_user_add(args) -> int:
    from pos_terminal.services import users

    pin = _read_pin(args)
    with _maintenance_terminal(args) as terminal:
        user = users.add_user(
            terminal.uow(), terminal.hasher, terminal.clock, username=args.username, display_name=args.name or args.username,
            role=args.role, pin=pin,
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
        users.unlock_user(terminal.uow(), username=args.username)
    print(f"unlocked {args.username}")
    return EXIT_OK


# ------------------------------------------------------------------------------ database


def cmd_db_status(args) -> int:
    from pos_terminal.storage import migrate

    with _maintenance_terminal(args) as terminal:
        current = migrate.current_revision(terminal.engine)
        state = terminal.sync_state()
        url = terminal.engine.url.render_as_string(hide_password=True)
    info = {"database": url, "schema": current, "head": migrate.head_revision(), "outbox_pending": state.pending}
    if args.json:
        print(json.dumps(info))
    else:
        for key, value in info.items():
            print(f"{key:<15} {value}")
    return EXIT_OK


# ------------------------------------------------------------------------------ platform


def cmd_sandbox(args) -> int:
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import serve

    print(f"Sandbox platform on http://{args.host}:{args.port} (database: {args.db or 'temporary'}). "
          "Stop with Ctrl+C.", flush=True)
    smtp, sms, standins = _buyer_message_channels(args)
    credentials_file, scratch = _sandbox_sellers(args)
    receiver = _webhook_receiver(args, credentials_file) if args.standins else None
    standins += [receiver] if receiver is not None else []
    try:
        serve(args.host, args.port, args.db, clock=SystemClock(), smtp=smtp, sms=sms, credentials_file=credentials_file,
              webhook_receiver=receiver.base_url if receiver is not None else None)
    finally:
        for standin in standins:
            standin.stop()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return EXIT_OK


def _sandbox_sellers(args) -> tuple[Path, Path | None]:
    """Prints how to sign in to the seller portal of `pos-terminal sandbox`: the seeded sellers'
    passwords, made at random in the sandbox's credentials file (beside a SQLite --db; for a
    temporary or PostgreSQL sandbox a scratch file that goes at exit, the accounts then take the
    new passwords at the next start). Returns (the file, the scratch folder to remove or None)."""
    import tempfile

    from sync.sandbox.credentials import FILE_NAME, CredentialsFileError, SandboxCredentials, default_path
    from sync.sandbox.seed import SELLERS

    path = default_path(args.db, None) if args.db else None
    scratch = None
    if path is None:
        scratch = Path(tempfile.mkdtemp(prefix="pos-sandbox-"))
        path = scratch / FILE_NAME
    try:
        creds = SandboxCredentials(path)
        logins = ", or ".join(f"{user} / {creds.get_or_create(f'seller_password_{user}')} ({merchant})"
                              for user, merchant in SELLERS.items())
    except (CredentialsFileError, OSError) as exc:
        raise CliError(f"the sandbox's credentials file: {exc}") from None
    print(f"Seller portal: http://{args.host}:{args.port}/seller  sign in as {logins} (kept in {path})", flush=True)
    return path, scratch


def _webhook_receiver(args, credentials_file: Path):
    """With --standins: a loopback receiver of every merchant's webhooks (FOLDER/webhooks), that
    checks each with the merchant's secret from the sandbox's credentials file."""
    from pos_terminal.clock import SystemClock
    from sync.sandbox.credentials import SandboxCredentials
    from sync.sandbox.webhook_receiver import WebhookReceiver

    receiver = WebhookReceiver(Path(args.standins).expanduser().resolve() / "webhooks",
                               lambda mid: SandboxCredentials(credentials_file).get(f"webhook_secret_{mid}"),
                               SystemClock()).start()
    print(f"Merchant webhooks: signed POSTs to {receiver.base_url}/<merchant id> land, verified, in {receiver.path}",
          flush=True)
    return receiver


def _buyer_message_channels(args):
    """Where `pos-terminal sandbox` sends the buyer's e-mails and SMS: --standins FOLDER starts
    the loopback SMTP server and SMS gateway stand-in; otherwise --smtp-host/--sms-url (the
    gateway's token from POS_SANDBOX_SMS_TOKEN, never the command line). Neither: the messages
    wait in the platform's outbox."""
    from sync.sandbox.notify import SmsSettings, SmtpSettings

    smtp = sms = None
    standins = []
    if args.standins:
        from sync.sandbox.mailbox import Mailbox
        from sync.sandbox.sms import SmsStandIn

        folder = Path(args.standins).expanduser().resolve()
        box = Mailbox(folder / "mail", port=args.smtp_port or 0).start()
        gateway = SmsStandIn(folder / "sms").start()
        standins = [box, gateway]
        smtp, sms = SmtpSettings("127.0.0.1", box.port), SmsSettings(gateway.url)
        print(f"Buyer messages: e-mails (SMTP 127.0.0.1:{box.port}) land in {box.folder} as .eml files, "
              f"SMS (gateway {gateway.url}) in {gateway.folder} as .json files", flush=True)
    if args.smtp_host:
        smtp = SmtpSettings(args.smtp_host, args.smtp_port or 25, starttls=args.smtp_starttls,
                            **({"sender": args.mail_from} if args.mail_from else {}))
    if args.sms_url:
        sms = SmsSettings(args.sms_url, token=os.environ.get("POS_SANDBOX_SMS_TOKEN") or None)
    return smtp, sms, standins


def _state_dict(state, platform) -> dict:
    return {
        "pending": state.pending,
        "oldest_age_s": None if state.oldest_age_s is None else round(state.oldest_age_s, 1),
        "last_error": state.last_error,
        "last_success_at": state.last_success_at.isoformat() if state.last_success_at else None,
        "attention": state.attention,
        "platform": {"online": platform.online, "detail": platform.detail},
    }


def cmd_sync_status(args) -> int:
    """Exit 0 when nothing waits, 1 when something is pending or needs attention."""
    with _maintenance_terminal(args) as terminal:
        state = terminal.sync_state()
        with terminal.uow() as uow:
            attention = [{"seq": m.seq, "order_no": m.payload.get("order_no"), "attempts": m.attempts,
                          "error": m.last_error, "set_aside_at": m.dead_at.isoformat()} for m in uow.outbox.attention()]
        info = _state_dict(state, terminal.platform_status())
    info["needs_attention"] = attention
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        p = info["platform"]
        print(f"platform        {'online' if p['online'] else 'offline'}: {p['detail']}")
        print(f"pending         {state.pending}" + (f" (oldest waiting {int(state.oldest_age_s)} s)" if state.oldest_age_s else ""))
        print(f"last sent       {info['last_success_at'] or 'never'}")
        print(f"last error      {state.last_error or '-'}")
        print(f"needs attention {state.attention}")
        for row in attention:
            print(f"  #{row['seq']} order {row['order_no']}: {row['error']}")
        if attention:
            print("  (fix the cause, then `pos-terminal sync retry --all`; the day's batch report lists them too)")
    return EXIT_OK if state.pending == 0 and state.attention == 0 else EXIT_FOUND


def cmd_sync_run(args) -> int:
    """Drains the outbox once: exit 0 when everything was sent, 1 when something is left."""
    from pos_terminal.bootstrap import start_demo_platform
    from sync.outbox_worker import OutboxWorker

    with _maintenance_terminal(args) as terminal:
        start_demo_platform(terminal)  # the in-process sandbox, when the settings say so
        worker = OutboxWorker(terminal.uow, terminal.platform, terminal.clock)
        result = worker.drain_once(force=True)
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(result.outcomes.items()))
    line = f"sent {result.sent}" + (f" ({outcomes})" if outcomes else "") + f"; pending {result.left}; " \
           f"needs attention {result.attention}"
    if args.json:
        print(json.dumps({"sent": result.sent, "pending": result.left, "attention": result.attention,
                          "set_aside": result.set_aside, "outcomes": result.outcomes, "reason": result.blocked_by}))
    else:
        print(line)
    if not result.complete:
        if result.left:
            _err(f"{result.left} settlement(s) not sent: {result.blocked_by or 'stopped'}")
        if result.attention:
            _err(f"{result.attention} settlement(s) refused by the platform need attention: see `pos-terminal sync status`")
        return EXIT_FOUND
    return EXIT_OK


def cmd_sync_retry(args) -> int:
    from sync.outbox_worker import requeue

    if not args.all and not args.seq:
        raise CliError("name the rows to retry (their # in `pos-terminal sync status`) or pass --all")
    with _maintenance_terminal(args) as terminal:
        count = requeue(terminal.uow, None if args.all else args.seq)
    print(f"{count} settlement(s) back in the queue; `pos-terminal sync run` sends them")
    return EXIT_OK


def cmd_voucher_inspect(args) -> int:
    """Offline verification against the cached keys; exit 0 valid, 1 not."""
    from config import loader
    from config.credentials import load_credentials
    from pos_terminal.bootstrap import DATA_DIR_ENV, build_platform, data_paths
    from pos_terminal.clock import SystemClock
    from pos_terminal.storage.files import FileKeyCache
    from sync.keys import KeyStore

    text = sys.stdin.read() if args.text == "-" else args.text
    if getattr(args, "data_dir", None):
        os.environ[DATA_DIR_ENV] = str(Path(args.data_dir).resolve())
    settings, _ = _load_settings(args.config)
    paths = data_paths(settings, args.demo)
    if args.demo and args.config is None and paths.settings.exists():
        settings = loader.load(paths.settings)
    clock = SystemClock()
    keys = KeyStore(FileKeyCache(paths.keys), None, clock)
    check = keys.verify(text, online=False)
    refreshed = None
    if check.reason == "unknown_key" and not args.offline:
        refreshed, check = _inspect_online(settings, paths, keys, text, load_credentials, build_platform)
    info = check.to_dict()
    info["keys"] = {"cached": keys.ring.kids, "refreshed": refreshed}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        if check.valid:
            print(f"valid voucher for order {info['order_no']}: {info['amount_minor']} {info['currency']} minor units, "
                  f"{info['merchant']['name']} ({info['merchant']['id']}), expires {info['expires_at']}, key {info['kid']}")
        else:
            print(f"not valid: {check.reason}: {check.detail}")
            if info["order_no"]:
                print(f"  order {info['order_no']}, {info['amount_minor']} {info['currency']}, expires {info['expires_at']}")
        if refreshed is False:
            print(f"  (keys could not be refreshed: {keys.last_error})")
    return EXIT_OK if check.valid else EXIT_FOUND


def _inspect_online(settings, paths, keys, text, load_credentials, build_platform):
    """The voucher names a key the cache lacks: ask the platform for its keys once (starting the
    demo's sandbox when the settings say it runs in-process)."""
    from pathlib import Path as _P

    cred_path = _P(settings.platform.credentials_file).expanduser() if settings.platform.credentials_file else paths.credentials
    server = None
    try:
        url = None
        p = settings.platform
        if p.mode == "sandbox" and not p.base_url:
            from sync.sandbox.server import SandboxServer

            paths.root.mkdir(parents=True, exist_ok=True)
            server = SandboxServer("127.0.0.1", 0, f"sqlite:///{paths.sandbox_database}", clock=keys.clock).start()
            url = server.url
        client = build_platform(settings, load_credentials(cred_path), sandbox_url=url, credentials_file=cred_path)
        keys.client = client
        refreshed = keys.refresh() if hasattr(client, "voucher_keys") else False
        return refreshed, keys.verify(text, online=False)
    finally:
        if server is not None:
            server.stop()


# ------------------------------------------------------------------------------ audit trail


def cmd_audit_verify(args) -> int:
    """Exit 0 when every chain checked is whole (and every --anchor is in it), 1 when not."""
    from pos_terminal.services import audit, reports

    with _maintenance_terminal(args) as terminal:
        # the hashes printed on the Z reports stored here count as anchors too
        anchors = list(dict.fromkeys([*(args.anchor or ()), *reports.audit_anchors(terminal.uow, args.terminal)]))
        result = audit.verify(terminal.uow, args.terminal, anchors=anchors)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return EXIT_OK if result.ok else EXIT_FOUND
    if not result.chains:
        print("no audit entries" + (f" for terminal {args.terminal}" if args.terminal else ""))
    for chain in result.chains:
        if chain.ok:
            print(f"terminal {chain.terminal_id}: whole, {chain.rows} entries (last seq {chain.last_seq}, "
                  f"hash {chain.last_hash})")
            continue
        first = chain.first
        print(f"terminal {chain.terminal_id}: BROKEN at seq {first.seq} ({first.kind}), {chain.rows} entries checked")
        for b in chain.breaks[:20]:
            print(f"  {b.kind}: {b.detail}")
        if len(chain.breaks) > 20:
            print(f"  ... and {len(chain.breaks) - 20} more")
    for missing in result.anchors_missing:
        print(f"anchor {missing} is in no chain: entries up to it were cut off (or it is from another database)")
    if not result.ok:
        _err("the audit trail is not whole: see above")
        return EXIT_FOUND
    return EXIT_OK


def cmd_audit_list(args) -> int:
    from pos_terminal.services import audit

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    with _maintenance_terminal(args) as terminal:
        terminal_id = None if args.all_terminals else (args.terminal or terminal.settings.terminal.terminal_id)
        rows = audit.entries(terminal.uow, terminal_id, limit=args.limit)
    if args.json:
        print(json.dumps([e.to_dict() for e in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("no audit entries")
    for e in rows:
        who = e.username or "-"
        details = json.dumps(e.details, ensure_ascii=False, sort_keys=True) if e.details else ""
        print(f"#{e.seq} {e.at.isoformat(timespec='seconds')} {e.terminal_id} {who} {e.action} {e.outcome}"
              + (f" {e.subject}" if e.subject else "") + (f" {details}" if details else ""))
    return EXIT_OK


# ------------------------------------------------------------------------------ X/Z reports


def _report_user(args, terminal):
    """The signed-in user for `report` (--user NAME and the PIN), or None without --user."""
    if not args.user:
        return None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        pin = getpass.getpass(f"PIN of {args.user}: ")
    else:
        raise CliError("no terminal to ask the PIN on; pass --pin-stdin and send the PIN on standard input")
    return terminal.sign_in(args.user, pin)


def cmd_report(args) -> int:
    """X: the day so far (changes nothing). Z: closes the business day; a day closed already is
    shown as stored (exit 0, with a note on standard error)."""
    from pos_terminal.services import reports

    day = reports.parse_date(args.date) if args.date else None
    if args.kind == "z" and not args.user:
        raise CliError("a Z report closes the day and is recorded with who closed it: pass --user NAME (a manager) "
                       "and the PIN (asked, or --pin-stdin)")
    with _maintenance_terminal(args) as terminal:
        user = _report_user(args, terminal)
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
                terminal.render_report_pdf(report, Path(args.pdf), language="zh_CN")
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


# ------------------------------------------------------------------------------ scanning


def _scan_line(event, as_json: bool) -> str:
    if not as_json:
        return event.text
    latency = None if event.latency_ms is None else round(event.latency_ms, 3)
    return json.dumps(
        {"text": event.text, "symbology": event.symbology, "source": event.source,
         "ts": event.ts.isoformat(timespec="milliseconds"), "latency_ms": latency},
        ensure_ascii=False,
    )


def cmd_scan(args) -> int:
    """One line per scan; exit 0 when something was read, 1 when nothing was, 2 on a bad SPEC."""
    import queue
    import time

    from drivers.sources import SpecError, build_scanner, camera_settings, parse_spec

    settings, _ = _load_settings(args.config)
    try:
        spec = parse_spec(args.source)
        if spec.kind == "file":
            return _scan_file(spec, camera_settings(spec, settings.scanner.camera), args.json)
        if spec.kind == "video" and not Path(spec.target).is_file():
            raise CliError(f"'{spec.label}': no such video file")
        scanner = build_scanner(spec, settings)
    except SpecError as exc:
        raise CliError(str(exc)) from None

    status = scanner.open()
    if not status.usable:
        scanner.close()
        raise CliError(f"{spec.label}: {status.detail}")
    print(f"{spec.label}: ready ({status.detail or 'open'}); waiting for scans", file=sys.stderr, flush=True)
    def show(st) -> None:
        if st.detail:  # closing at the end of the command says nothing
            _err(f"{spec.label}: {st.state.value}: {st.detail}")

    scanner.add_status_listener(show)
    events: queue.Queue = queue.Queue(maxsize=10_000)
    scanner.start(events.put)
    finished = getattr(scanner, "finished", None)
    deadline = time.monotonic() + args.timeout if args.timeout else None
    count = 0
    try:
        while not (args.count and count >= args.count):
            if deadline is not None and time.monotonic() >= deadline:
                break
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                if finished is not None and finished.is_set() and events.empty():
                    break
                continue
            print(_scan_line(event, args.json), flush=True)
            count += 1
    finally:
        scanner.close()
    return EXIT_OK if count else EXIT_FOUND


def _scan_file(spec, camera, as_json: bool) -> int:
    from drivers.decoding import DecodePipeline
    from drivers.image_files import ImageUnreadable, decode_image_file

    try:
        events = decode_image_file(spec.target, DecodePipeline(decoder=camera.decoder))
    except ImageUnreadable as exc:
        raise CliError(str(exc)) from None
    for event in events:
        print(_scan_line(event, as_json))
    return EXIT_OK if events else EXIT_FOUND


def cmd_devices(args) -> int:
    from drivers.discovery import discover, format_text

    settings, _ = _load_settings(args.config)
    found = discover(settings)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, default=str))
    else:
        print(format_text(found))
    return EXIT_OK


# ------------------------------------------------------------------------------ parser


def cmd_virtual_printer(args) -> int:
    from drivers.virtual_printer import serve

    try:
        serve(args.port, args.out, args.host)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; choose another --port") from None
    return EXIT_OK


def cmd_card_simulator(args) -> int:
    from drivers.card_simulator import MODES, serve

    if args.mode not in MODES:
        raise CliError(f"--mode {args.mode!r}: use one of {', '.join(MODES)}")
    try:
        serve(args.host, args.port, args.mode, args.state)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; choose another --port") from None
    return EXIT_OK


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
