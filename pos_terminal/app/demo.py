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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pos_terminal.domain.model import Role
from pos_terminal.security import ScryptPinHasher
from pos_terminal.services import users as user_service

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal

log = logging.getLogger(__name__)

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


def start_demo_platform(terminal: Terminal) -> str | None:
    """In platform mode "sandbox" without base_url: starts the sandbox platform in this process
    on a free loopback port, its SQLite file in the data folder (so the demo's orders and
    payments persist across restarts), and points the terminal at it. Returns its URL (None when
    the settings do not ask for an in-process sandbox). Blocking (about a second)."""
    p = terminal.settings.platform
    if p.mode != "sandbox" or p.base_url:
        return None
    from pos_terminal.app.container import build_platform
    from sync.sandbox.server import SandboxServer

    # the terminal's own clock: the demo's platform and counter agree on "now" (and on a test's clock);
    # the buyer's e-mails and SMS go to loopback stand-ins that keep them in the data folder
    server = SandboxServer("127.0.0.1", 0, f"sqlite:///{terminal.paths.sandbox_database}", clock=terminal.clock,
                           standins=terminal.paths.root / "buyer-messages").start()
    terminal._sandbox = server
    terminal.attach_platform(build_platform(terminal.settings, terminal.credentials, sandbox_url=server.url))
    log.info("sandbox platform started", extra={"url": server.url})
    return server.url


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
    return lines
