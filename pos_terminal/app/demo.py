"""The demo's parts of the composition root: its users, the in-process sandbox platform (FastAPI
on uvicorn, with loopback stand-ins for the buyer's e-mail and SMS and the merchants' webhooks)
and the simulated devices (a virtual network printer in this process, the card-terminal simulator
in its own). Only `pos-terminal demo`/`run`, `sync run` and tests start them; the core never
imports this module, nor the sandbox.

Each start is blocking (about a second): the command line runs them on a worker once the window
is shown (ui.app.run_gui's before_devices). Terminal.close() stops what was started (the sandbox
and every stand-in).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pos_terminal.domain.model import Role
from pos_terminal.security import ScryptPinHasher
from pos_terminal.services import users as user_service

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal

log = logging.getLogger(__name__)
_clearing_lock = threading.Lock()

# Demo users, created only in demo mode and only when the database has no user yet.
DEMO_USERS = (
    ("1001", "张伟 Zhang Wei", Role.CASHIER, "1357"),
    ("8001", "王芳 Wang Fang", Role.MANAGER, "8642"),
    ("9001", "Technician", Role.TECHNICIAN, "9753"),
)

# The demo's PINs are printed on the sign-in page and at every start, so a slow hash protects
# nothing there, while three of them (scrypt n=2**15: about 0.1 s each) held up the demo's first
# start. They are hashed cheaply (the parameters travel with each hash); a PIN changed later is
# hashed with the terminal's own parameters.
DEMO_PIN_SCRYPT_N = 2**10

DEMO_SIGN_IN_LINE = "Demo sign-in: cashier 1001 / PIN 1357, manager 8001 / PIN 8642, technician 9001 / PIN 9753"


def seed_demo_users(terminal: Terminal) -> None:
    with terminal.uow() as uow:
        if uow.users.count():
            return
    hasher = terminal.hasher
    if isinstance(hasher, ScryptPinHasher) and hasher.n > DEMO_PIN_SCRYPT_N:
        hasher = replace(hasher, n=DEMO_PIN_SCRYPT_N)
    for username, name, role, pin in DEMO_USERS:
        user_service.add_user(terminal.uow(), hasher, terminal.clock, username=username, display_name=name,
                              role=role, pin=pin)


# ------------------------------------------------------------------------------ devices


def start_simulated_devices(terminal: Terminal) -> list[str]:
    """Where the settings say "simulated" for the printer or the card terminal (the demo's
    defaults), starts real stand-ins and talks to them through the real adapters: a virtual
    network printer in this process (ESC/POS over TCP, jobs kept as files, DLE EOT answered; the
    drawer kicks through it) and the card-terminal simulator in its own process. Returns one line
    per stand-in for the person starting the terminal. Blocking (about a second): the command line
    calls it on a worker once the window is shown. Terminal.close() stops them."""
    from drivers.card_simulator import start_process
    from drivers.card_terminal import TcpCardTerminal
    from drivers.drawer import PrinterDrawer
    from drivers.printer import EscposPrinter
    from drivers.virtual_printer import VirtualPrinter

    settings, lines = terminal.settings, []
    if settings.printer.kind == "simulated":
        # the stand-in drawer opens on the pulse and is pushed shut a few seconds later; its switch
        # is read only where [drawer] reports_state says one is wired (default: none, as the screens say)
        virtual = VirtualPrinter(0, terminal.paths.root / "virtual-printer", drawer_close_s=4.0).start()
        terminal._stand_ins.append(virtual.stop)
        printer_settings = settings.printer.model_copy(update={"kind": "network", "host": "127.0.0.1", "port": virtual.port})
        printer = EscposPrinter(printer_settings, timeout_s=settings.printer.timeout_s)
        terminal.devices.printer = printer
        if settings.drawer.kind == "simulated":
            terminal.devices.drawer = PrinterDrawer(printer, settings.drawer.pin,
                                                    reports_state=settings.drawer.reports_state,
                                                    open_when_high=settings.drawer.open_when_high)
        lines.append(f"Virtual printer: {virtual.address}, receipts in {virtual.out_dir}")
    if settings.card_terminal.kind == "simulated" and not settings.card_terminal.port:
        from drivers.card_simulator import stop_process

        terminal.paths.logs.mkdir(parents=True, exist_ok=True)
        proc, port = start_process(
            0, state_dir=terminal.paths.root / "card-simulator", log_path=terminal.paths.logs / "card-simulator.log"
        )
        terminal._stand_ins.append(lambda: stop_process(proc))
        card = settings.card_terminal.model_copy(update={"port": port})
        terminal.devices.card_terminal = TcpCardTerminal(card, timeout_s=card.timeout_s,
                                                         store_timezone=settings.terminal.timezone)
        lines.append(f"Card terminal simulator: 127.0.0.1:{port} (its own process)")
    return lines


# ------------------------------------------------------------------------------ the platform


# The demo's second platform (issue 16: one counter takes the payment codes of several platforms):
# its own sandbox, merchants, orders and keys (sync.sandbox.seed_issuers), an [[issuers]] entry of
# the demo's settings unless they name further platforms themselves.
DEMO_SECOND_PLATFORM = ("tea-house", "Tea House 茶馆")


def demo_settings(settings):
    """The demo's settings: with [platform] an in-process sandbox and no [[issuers]], the second
    sandbox platform is added as an [[issuers]] entry (started by start_demo_platform)."""
    from config.schema import IssuerSettings

    p = settings.platform
    if p.mode != "sandbox" or p.base_url or settings.issuers or p.id == DEMO_SECOND_PLATFORM[0]:
        return settings
    # it settles through the clearing house (route 2), [platform] directly (route 1): the demo shows both
    issuer = IssuerSettings(id=DEMO_SECOND_PLATFORM[0], name=DEMO_SECOND_PLATFORM[1], mode="sandbox",
                            route="clearing_house")
    return settings.model_copy(update={"issuers": (issuer,)})


def issuer_sandbox_database(terminal: Terminal, issuer_id: str) -> Path:
    """A further in-process sandbox's SQLite file: a folder of its own (its credentials file beside it)."""
    return terminal.paths.root / "platforms" / issuer_id / "sandbox-platform.sqlite3"


def start_demo_platform(terminal: Terminal) -> str | None:
    """In platform mode "sandbox" without base_url: starts the sandbox platform in this process
    on a free loopback port, its SQLite file in the data folder (so the demo's orders and
    payments persist across restarts), and points the terminal at it; every [[issuers]] platform
    of mode "sandbox" without base_url gets its own sandbox the same way, started in parallel
    (its database in platforms/<id>/). Returns [platform]'s URL (None when the settings do not ask
    for an in-process sandbox). Blocking (about a second)."""
    p = terminal.settings.platform
    if p.mode != "sandbox" or p.base_url:
        return None
    import threading

    from config.issuers import issuer_list
    from pos_terminal.app.container import build_issuer_platform, build_platform
    from sync.sandbox.server import SandboxServer

    others = [i for i in issuer_list(terminal.settings)[1:] if i.mode == "sandbox" and not i.base_url]
    started: dict[str, SandboxServer] = {}
    failed: dict[str, BaseException] = {}

    def start_other(issuer) -> None:
        db = issuer_sandbox_database(terminal, issuer.id)
        db.parent.mkdir(parents=True, exist_ok=True)
        try:
            started[issuer.id] = SandboxServer("127.0.0.1", 0, f"sqlite:///{db}", clock=terminal.clock,
                                               platform_id=issuer.id).start()
        except BaseException as exc:  # said below; the counter takes the others' codes
            failed[issuer.id] = exc

    threads = [threading.Thread(target=start_other, args=(issuer,), name=f"sandbox-{issuer.id}", daemon=True)
               for issuer in others]
    threads.append(threading.Thread(target=start_demo_clearing_house, args=(terminal,), name="clearing-house",
                                    daemon=True))  # issue 16, route 2: in parallel, never fatal
    for thread in threads:
        thread.start()
    # the terminal's own clock: the demo's platform and counter agree on "now" (and on a test's clock);
    # the buyer's e-mails and SMS go to loopback stand-ins that keep them in the data folder
    try:
        server = SandboxServer("127.0.0.1", 0, f"sqlite:///{terminal.paths.sandbox_database}", clock=terminal.clock,
                               standins=terminal.paths.root / "buyer-messages", platform_id=p.id).start()
    finally:
        for thread in threads:
            thread.join()
        for issuer_id, other in started.items():
            terminal._issuer_sandboxes.append(other)
    terminal._sandbox = server
    terminal.attach_platform(build_platform(terminal.settings, terminal.credentials, sandbox_url=server.url))
    for issuer in others:
        if issuer.id in started:
            terminal.attach_issuer(issuer.id, build_issuer_platform(terminal.settings, terminal.credentials, issuer,
                                                                    sandbox_url=started[issuer.id].url))
            log.info("sandbox platform started", extra={"platform_id": issuer.id, "url": started[issuer.id].url})
        else:
            log.error("a further sandbox platform did not start; its payment codes are taken offline only",
                      extra={"platform_id": issuer.id, "error": str(failed.get(issuer.id))})
    log.info("sandbox platform started", extra={"platform_id": p.id, "url": server.url})
    return server.url


def start_demo_clearing_house(terminal: Terminal) -> str | None:
    """When a platform of the settings settles through the clearing house and [settlement.clearing_house]
    url is empty: starts the clearing house in this process on a free loopback port (its SQLite file
    and credentials in clearing-house/ of the data folder), with this store and those platforms as
    members; the terminal then talks to it with the store's secret from its credentials file and
    pins its key (Clearing facade). Returns its URL, or None (not asked, or it did not start: the
    clearing-house route then says it has no clearing house). Blocking (a fraction of a second)."""
    from config.issuers import issuer_list

    settings = terminal.settings
    routed = [i for i in issuer_list(settings) if i.route == "clearing_house"]
    if settings.settlement.clearing_house.url or not routed:
        return None
    with _clearing_lock:  # the start's thread and a facade's first use: one clearing house
        if terminal.clearing_house is not None:
            return str(terminal.clearing_house.url)
        return _start_clearing_house(terminal, routed)


def _start_clearing_house(terminal: Terminal, routed: list) -> str | None:
    settings = terminal.settings
    try:
        from sync.clearing_house.server import ClearingHouseServer
        from sync.clearing_house.service import add_member

        db = terminal.paths.root / "clearing-house" / "clearing-house.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        server = ClearingHouseServer("127.0.0.1", 0, f"sqlite:///{db}", clock=terminal.clock, seed_demo=True).start()
        terminal._stand_ins.append(server.stop)
        engine, creds, currency = server.app.state.engine, server.credentials, settings.terminal.currency
        add_member(engine, creds, settings.terminal.store_id, "store", settings.terminal.store_name, currency)
        for issuer in routed:
            add_member(engine, creds, issuer.id, "platform", issuer.name, currency)
        terminal.clearing_house = server
    except Exception:
        log.exception("the demo's clearing house did not start; the clearing-house route is unavailable")
        return None
    log.info("clearing house started", extra={"url": server.url})
    return server.url


def issuer_sandbox_urls(terminal: Terminal) -> dict[str, str]:
    """The further in-process sandboxes by platform id: their URLs."""
    return {server.platform_id: server.url for server in terminal._issuer_sandboxes}


def demo_message_folders(terminal: Terminal) -> dict[str, Path]:
    """Where the in-process sandbox's stand-ins keep the buyer's messages ({"mail": ...,
    "sms": ...}, and the SMTP server's address under "smtp") and the merchants' webhooks
    ("webhooks": the JSON lines file, "webhook_url": the receiver's base URL); empty without one."""
    server = terminal._sandbox
    if server is None or server.mailbox is None:
        return {}
    hooks = server.webhook_receiver
    return {"mail": server.mailbox.folder, "sms": server.sms_gateway.folder,
            "smtp": f"{server.mailbox.host}:{server.mailbox.port}",
            **({"webhooks": hooks.path, "webhook_url": hooks.base_url} if hooks is not None else {})}


def buyer_page_lines(terminal: Terminal) -> list[str]:
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


def seller_sign_in_lines(terminal: Terminal) -> list[str]:
    """How to sign in to the demo sandbox's seller portal: each seeded seller's username and
    password (made at random on the sandbox's first start, kept in its credentials file)."""
    server = terminal._sandbox  # the in-process sandbox (start_demo_platform)
    if server is None or server.app is None or not server.seller_logins:
        return []
    logins = server.seller_logins
    creds = server.app.state.credentials
    where = f" (kept in {creds.path})" if creds is not None and creds.path is not None else ""
    return [f"Seller portal: {server.url}/seller  sign in as " + ", or ".join(
        f"{user} / {password} ({merchant})" for user, (merchant, password) in logins.items()) + where]


def demo_platform_lines(terminal: Terminal, url: str) -> list[str]:
    """What the person starting the demo needs once the in-process sandbox at `url` is up: its
    pages, the seller portal's sign-in, the prepaid demo card, where the buyer's messages and the
    merchants' webhooks land, the buyers' own pages."""
    from sync.sandbox.seed import CARDS, DEMO_CARD, DEMO_CARD_PIN

    lines = [f"Sandbox platform: {url}  (customer pages: {url}/o/..., seller page: {url}/seller)"]
    lines += seller_sign_in_lines(terminal)
    lines.append(f"Prepaid demo card: {DEMO_CARD} (¥{CARDS[DEMO_CARD][1] / 100:.2f}), the holder's PIN {DEMO_CARD_PIN} "
                 f"(F2 asks for it)")
    where = demo_message_folders(terminal)
    if where:
        lines.append(f"Buyer messages: e-mails (SMTP {where['smtp']}) land in {where['mail']} as .eml files, "
                     f"SMS in {where['sms']} as .json files")
    if where.get("webhooks"):
        lines.append(f"Merchant webhooks: signed POSTs to {where['webhook_url']}/<merchant id> land, verified, in "
                     f"{where['webhooks']}")
    lines += buyer_page_lines(terminal)
    lines += issuer_platform_lines(terminal)
    lines += clearing_house_lines(terminal)
    return lines


def clearing_house_lines(terminal: Terminal) -> list[str]:
    """The demo's clearing house, when started: where, who settles through it, where its secrets are."""
    house = terminal.clearing_house
    if house is None or house.credentials is None:
        return []
    from config.issuers import issuer_list

    routed = [i.id for i in issuer_list(terminal.settings) if i.route == "clearing_house"]
    return [f"Clearing house: {house.url}/api/v1 ({', '.join(routed)} settle{'s' if len(routed) == 1 else ''} "
            f"through it; members' secrets in "
            f"{house.credentials.path}; pos-terminal settle send / import-report)"]


def issuer_platform_lines(terminal: Terminal) -> list[str]:
    """The further in-process sandbox platforms: where they are and the open orders whose payment
    codes this same counter takes (their customer pages show the codes)."""
    from sqlalchemy import select

    from sync.sandbox import db

    lines = []
    for server in terminal._issuer_sandboxes:
        if server.app is None:
            continue
        with server.app.state.engine.begin() as conn:
            rows = conn.execute(select(db.orders.c.order_no, db.orders.c.url_token).where(
                db.orders.c.status == "open").order_by(db.orders.c.order_no).limit(5)).all()
        orders = ", ".join(f"{o.order_no} ({server.url}/o/{o.url_token})" for o in rows)
        lines.append(f"Second platform {server.platform_id!r}: {server.url}; its payment codes are taken at this "
                     f"counter too, e.g. {orders or 'no open order'}")
    return lines


def demo_payment_codes(terminal: Terminal, limit: int = 6) -> list[tuple[str, str, int, str, str]]:
    """The open orders of every in-process sandbox platform, [platform] first, as
    (platform name, order number, total in minor units, currency, payment code): what the demo's
    devices page offers to send as a scan, so that codes of both platforms are at hand. Empty
    before the sandboxes are up (and outside the demo). Blocking (a read of each sandbox's database)."""
    from sqlalchemy import select

    from config.issuers import issuer_list
    from sync.sandbox import db

    names = {issuer.id: issuer.name for issuer in issuer_list(terminal.settings)}
    servers = ([(terminal.settings.platform.id, terminal._sandbox)] if terminal._sandbox is not None else []) + \
        [(server.platform_id, server) for server in terminal._issuer_sandboxes]
    codes = []
    now = terminal.clock.now()
    for platform_id, server in servers:
        if server.app is None or getattr(server.app.state, "engine", None) is None:
            continue
        o = db.orders.c
        with server.app.state.engine.connect() as conn:
            rows = conn.execute(select(o.order_no, o.total_minor, o.currency, o.voucher).where(
                o.status == "open", o.expires_at > now, o.voucher.is_not(None)).order_by(o.order_no).limit(limit)).all()
        codes += [(names.get(platform_id, platform_id), r.order_no, r.total_minor, r.currency, r.voucher) for r in rows]
    return codes
